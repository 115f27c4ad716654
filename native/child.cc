// What runs in the child between clone() and execve(). The child shares tsd's memory
// (CLONE_VM | CLONE_VFORK, see spawn.cc) and tsd is a multi-threaded Node process: another
// thread may hold the malloc lock (or any other lock), and glibc still believes it is that
// multi-threaded process. So from here on only async-signal-safe system calls are made: no
// malloc, no C++ allocation, no stdio, no NSS (every string and array was prepared by the
// parent), and no glibc wrapper that acts on "all threads": the credential calls are raw
// system calls (glibc's setuid() would walk tsd's thread list, under its locks, to change
// the credentials of threads the child does not have), as glibc's own posix_spawn does.
// Writes land in tsd's memory: only the plan's scratch parts and g_errfd are written.
#include "child.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tsd {

const char* ChildStageName(int stage) {
  switch (stage) {
    case kStageExec: return "exec";
    case kStageChdir: return "chdir";
    case kStageSetuid: return "setuid";
    case kStageSetgid: return "setgid";
    case kStageSetgroups: return "setgroups";
    case kStageStdio: return "open-stdio";
    case kStageSetsid: return "setsid";
    case kStageFds: return "fds";
    case kStageNice: return "nice";
    case kStageOomScoreAdjust: return "oom-score-adjust";
    default: return "unknown";
  }
}

namespace {

// The error pipe's write end; moved above every fd the child places (see move_fds_up).
int g_errfd = -1;

[[noreturn]] void report_and_exit(int stage, int err) {
  ChildReport report{stage, err};
  ssize_t written;
  do {
    written = write(g_errfd, &report, sizeof report);
  } while (written < 0 && errno == EINTR);
  _exit(127);
}

// Ignored signals survive execve (SIGPIPE is ignored by Node, for one) and so would any
// disposition tsd set: a service must start with every signal at SIG_DFL. The mask stays
// fully blocked (as the parent set it around fork) until just before exec.
void reset_signal_dispositions(bool ignoreSigpipe) {
  struct sigaction dfl;
  std::memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  for (int sig = 1; sig < NSIG; sig++) {
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    // EINVAL for the two numbers glibc reserves for itself: those carry handlers, never
    // SIG_IGN, and execve resets handlers anyway.
    sigaction(sig, &dfl, nullptr);
  }
  if (ignoreSigpipe) {
    // IgnoreSIGPIPE=yes, systemd's default: a write to a closed pipe or socket fails with
    // EPIPE instead of killing the service.
    struct sigaction ign = dfl;
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, nullptr);
  }
}

void unblock_all_signals() {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
}

// Writes pid in decimal at out, NUL-terminated. Async-signal-safe (no snprintf).
void format_pid(char* out, pid_t pid) {
  char digits[kListenPidDigits];
  size_t n = 0;
  unsigned long value = static_cast<unsigned long>(pid);
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0 && n < kListenPidDigits);
  for (size_t i = 0; i < n; i++) out[i] = digits[n - 1 - i];
  out[n] = '\0';
}

// Duplicates fd to the lowest free number >= floor, close-on-exec; a failure (EBADF: the
// caller passed a closed fd) is reported as stage.
int dup_above(int fd, int floor, int stage) {
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, floor);
  if (moved < 0) report_and_exit(stage, errno);
  return moved;
}

// Every source fd (stdio pipes and fds, extra fds, the error pipe) may sit anywhere,
// including inside 0..2+n where the child's fds are to be placed. Copy all of them above
// that range first, so that placing one can never overwrite another not yet placed.
void move_fds_up(ChildPlan& plan, int sources[3]) {
  const int floor = 3 + static_cast<int>(plan.extraFds.size());
  g_errfd = dup_above(g_errfd, floor, kStageFds);
  for (int target = 0; target < 3; target++) {
    const StdioPlan& s = plan.stdio[target];
    sources[target] = -1;
    if (s.kind == StdioPlan::kPipe || s.kind == StdioPlan::kFd) {
      sources[target] = dup_above(s.fd, floor, kStageStdio);
    } else if (s.kind == StdioPlan::kNull) {
      int fd = open("/dev/null", (target == 0 ? O_RDONLY : O_WRONLY) | O_CLOEXEC);
      if (fd < 0) report_and_exit(kStageStdio, errno);
      sources[target] = dup_above(fd, floor, kStageStdio);
      close(fd);
    }
  }
  for (size_t i = 0; i < plan.extraFds.size(); i++) plan.movedFds[i] = dup_above(plan.extraFds[i], floor, kStageFds);
}

// dup2 clears FD_CLOEXEC on the target, which is what makes the fd survive exec.
void place_fd(int source, int target) {
  if (dup2(source, target) < 0) report_and_exit(kStageFds, errno);
}

void setup_child_stdio(const int sources[3], const ChildPlan& plan) {
  for (int target = 0; target < 3; target++) {
    switch (plan.stdio[target].kind) {
      case StdioPlan::kInherit: {
        // tsd's own stream, shared as is (tsd never opens its stdio close-on-exec, but
        // make sure); a closed one stays closed.
        int flags = fcntl(target, F_GETFD);
        if (flags >= 0 && (flags & FD_CLOEXEC)) fcntl(target, F_SETFD, flags & ~FD_CLOEXEC);
        break;
      }
      case StdioPlan::kSameAsStdout:
        if (dup2(1, 2) < 0) report_and_exit(kStageStdio, errno);
        break;
      default:
        if (dup2(sources[target], target) < 0) report_and_exit(kStageStdio, errno);
    }
  }
}

// extraFds[i] becomes fd 3+i (sd_listen_fds(3) numbering).
void setup_extra_fds(const ChildPlan& plan) {
  for (size_t i = 0; i < plan.extraFds.size(); i++) place_fd(plan.movedFds[i], 3 + static_cast<int>(i));
}

// Closes everything above the child's fds except the error pipe, which goes right above
// them (close-on-exec, so a successful exec closes it and the parent reads EOF).
void close_other_fds(const ChildPlan& plan) {
  const int first = 3 + static_cast<int>(plan.extraFds.size());
  if (g_errfd != first) {
    if (dup3(g_errfd, first, O_CLOEXEC) < 0) report_and_exit(kStageFds, errno);
    g_errfd = first;
  }
#ifdef SYS_close_range
  // ENOSYS (kernel < 5.9) is fine: every fd Node and tsd open is close-on-exec anyway.
  syscall(SYS_close_range, static_cast<unsigned>(first + 1), ~0U, 0U);
#endif
}

// setrlimit, and when raising fails (EPERM: no CAP_SYS_RESOURCE, as in most containers)
// clamp to the current hard limit and retry, as systemd does. Rlimits never fail a spawn.
void apply_rlimits(const ChildPlan& plan) {
  for (const RlimitPlan& r : plan.rlimits) {
    struct rlimit want{r.soft, r.hard};
    if (setrlimit(r.resource, &want) == 0) continue;
    struct rlimit current;
    if (getrlimit(r.resource, &current) != 0) continue;
    struct rlimit clamped = want;
    if (clamped.rlim_max > current.rlim_max) clamped.rlim_max = current.rlim_max;
    if (clamped.rlim_cur > clamped.rlim_max) clamped.rlim_cur = clamped.rlim_max;
    setrlimit(r.resource, &clamped);
  }
}

void apply_nice(const ChildPlan& plan) {
  if (plan.hasNice && setpriority(PRIO_PROCESS, 0, plan.nice) < 0) report_and_exit(kStageNice, errno);
}

// Unprivileged containers may not lower the score (EACCES) or write the file at all
// (EPERM): ignored, as systemd does. Anything else is a real error.
void apply_oom_score_adjust(const ChildPlan& plan) {
  if (!plan.hasOom) return;
  int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == EPERM || errno == EACCES) return;
    report_and_exit(kStageOomScoreAdjust, errno);
  }
  ssize_t written = write(fd, plan.oomText, plan.oomLength);
  int err = errno;
  close(fd);
  if (written < 0 && err != EPERM && err != EACCES) report_and_exit(kStageOomScoreAdjust, err);
}

// setgroups -> setgid -> setuid: groups and gid can only be changed while still root.
// Without explicit groups, a service given a uid or gid must not keep tsd's (root's)
// supplementary groups: they are dropped (EPERM ignored when tsd is not root itself).
void apply_credentials(const ChildPlan& plan) {
  if (plan.hasGroups) {
    if (syscall(SYS_setgroups, plan.groups.size(), plan.groups.data()) < 0) report_and_exit(kStageSetgroups, errno);
  } else if (plan.hasUid || plan.hasGid) {
    if (syscall(SYS_setgroups, 0, nullptr) < 0 && errno != EPERM) report_and_exit(kStageSetgroups, errno);
  }
  if (plan.hasGid && syscall(SYS_setgid, plan.gid) < 0) report_and_exit(kStageSetgid, errno);
  if (plan.hasUid && syscall(SYS_setuid, plan.uid) < 0) report_and_exit(kStageSetuid, errno);
}

// LISTEN_PID is the child's own pid, known only now: the parent left a placeholder.
void complete_listen_pid(ChildPlan& plan) {
  if (plan.listenPidSlot < 0) return;
  char* value = plan.envp[plan.listenPidSlot] + sizeof("LISTEN_PID=") - 1;
  format_pid(value, static_cast<pid_t>(syscall(SYS_getpid)));
}

}  // namespace

[[noreturn]] void RunChild(ChildPlan& plan, int errfd) {
  g_errfd = errfd;
  reset_signal_dispositions(plan.ignoreSigpipe);
  if (plan.newSession && setsid() < 0) report_and_exit(kStageSetsid, errno);
  int sources[3];
  move_fds_up(plan, sources);
  setup_child_stdio(sources, plan);
  setup_extra_fds(plan);
  close_other_fds(plan);
  if (plan.hasUmask) umask(plan.umaskValue);
  // Limits, priority and OOM score while still privileged: raising them needs root.
  apply_rlimits(plan);
  apply_nice(plan);
  apply_oom_score_adjust(plan);
  apply_credentials(plan);
  // After the uid change, as systemd does: the directory may be readable only by the user.
  if (plan.hasCwd && chdir(plan.cwd.c_str()) < 0) report_and_exit(kStageChdir, errno);
  complete_listen_pid(plan);
  unblock_all_signals();
  execve(plan.file.c_str(), plan.argv.data(), plan.envp.data());
  report_and_exit(kStageExec, errno);
}

}  // namespace tsd
