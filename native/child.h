// The plan of one child process: everything the child needs between fork and exec,
// prepared by the parent (spawn.cc) so that the child (child.cc) allocates nothing.
#pragma once
#include <sys/resource.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace tsd {

// Which setup step failed in the child; sent to the parent with the errno.
enum ChildStage : int {
  kStageExec = 1, kStageChdir, kStageSetuid, kStageSetgid, kStageSetgroups, kStageStdio,
  kStageSetsid, kStageFds, kStageNice, kStageOomScoreAdjust,
};

const char* ChildStageName(int stage);

// What the child writes to the error pipe when a step fails (the pipe is close-on-exec:
// a successful exec closes it with nothing written).
struct ChildReport {
  int stage;
  int err;
};

// How one of the child's standard streams is connected.
struct StdioPlan {
  enum Kind { kNull, kInherit, kPipe, kFd, kSameAsStdout } kind = kNull;
  int fd = -1;  // kFd: the fd to dup; kPipe: the child's (write) end
};

struct RlimitPlan {
  int resource;
  rlim_t soft;
  rlim_t hard;
};

// Width of the LISTEN_PID value placeholder: enough digits for any pid_t.
constexpr size_t kListenPidDigits = 20;

struct ChildPlan {
  std::string file;
  std::vector<std::string> argvStorage, envStorage;
  std::vector<char*> argv, envp;  // NULL-terminated views of the storage above
  bool hasCwd = false;
  std::string cwd;
  bool hasUid = false, hasGid = false, hasGroups = false;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;
  bool hasUmask = false;
  mode_t umaskValue = 022;
  std::vector<RlimitPlan> rlimits;
  bool hasNice = false;
  int nice = 0;
  bool hasOom = false;
  char oomText[16] = {0};  // "-1000\n", formatted by the parent
  size_t oomLength = 0;
  bool newSession = true;
  bool ignoreSigpipe = false;  // IgnoreSIGPIPE= (systemd's default: yes)
  StdioPlan stdio[3];
  std::vector<int> extraFds;
  // Scratch space for the child's fd shuffle (same size as extraFds), allocated by the parent.
  std::vector<int> movedFds;
  // Index into envp of "LISTEN_PID=<placeholder>", completed in the child (-1: none).
  int listenPidSlot = -1;
};

// Runs in the child after clone (in the parent's memory): sets the process up and execs,
// or reports (stage, errno) on errfd and exits 127. Async-signal-safe, raw system calls only.
[[noreturn]] void RunChild(ChildPlan& plan, int errfd);

}  // namespace tsd
