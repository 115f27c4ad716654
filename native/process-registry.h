// The pids tsd spawned and has not reaped yet, so the reaper can count the orphans it
// reaps that nobody spawned (re-parented grandchildren).
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <unordered_set>

namespace tsd {

class ProcessRegistry {
 public:
  static ProcessRegistry& Instance() {
    static ProcessRegistry registry;
    return registry;
  }
  void Spawned(pid_t pid) {
    live_.insert(pid);
    spawned_++;
  }
  // Returns true if tsd spawned pid.
  bool Reaped(pid_t pid) {
    reaped_++;
    if (live_.erase(pid) > 0) return true;
    reapedUnknown_++;
    return false;
  }
  uint64_t spawned() const { return spawned_; }
  uint64_t reaped() const { return reaped_; }
  uint64_t reapedUnknown() const { return reapedUnknown_; }

 private:
  std::unordered_set<pid_t> live_;
  uint64_t spawned_ = 0, reaped_ = 0, reapedUnknown_ = 0;
};

}  // namespace tsd
