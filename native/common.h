// Small shared pieces of the native core: an owning fd, errno names, and the one place
// where a JS callback is invoked from a libuv callback.
#pragma once
#include <napi.h>
#include <unistd.h>
#include <cerrno>

namespace tsd {

// Owns a file descriptor in the parent; closes it unless released.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    reset(other.release());
    return *this;
  }
  ~UniqueFd() { reset(); }
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

// "ENOENT" for 2, and so on; "E<number>" for the rare ones.
const char* ErrnoName(int err);

// Calls a JS function from a libuv callback: opens a scope, runs microtasks afterwards
// (MakeCallback), and turns an exception thrown by the callback into an
// 'uncaughtException' instead of leaving it pending in C++.
void InvokeFromLoop(Napi::Env env, Napi::FunctionReference& fn, const std::initializer_list<napi_value>& args);

}  // namespace tsd
