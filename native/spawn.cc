// spawn(): fork + exec of one service process. Everything the child needs is prepared in
// the parent (argv/envp arrays, fds, credentials); between fork and exec the child makes
// only async-signal-safe system calls. A failing step is reported to the parent through a
// close-on-exec pipe as (stage, errno), so a missing binary is an error with its errno,
// never a silent exit 127.
#include "spawn.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "common.h"
#include "process-registry.h"

namespace tsd {
namespace {

enum Stage : int {
  kStageExec = 1, kStageChdir, kStageSetuid, kStageSetgid, kStageSetgroups, kStageStdio,
  kStageSetsid, kStageFds, kStageNice, kStageRlimit,
};

const char* StageName(int stage) {
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
    case kStageRlimit: return "rlimit";
    default: return "unknown";
  }
}

struct ChildReport {
  int stage;
  int err;
};

// How one of the child's standard streams is connected.
struct StdioPlan {
  enum Kind { kNull, kInherit, kPipe, kFd, kSameAsStdout } kind = kNull;
  int fd = -1;  // kFd: the fd to dup; kPipe: the child's end
};

struct RlimitPlan {
  int resource;
  rlim_t soft;
  rlim_t hard;
};

// Everything the child uses, prepared before fork so the child allocates nothing.
struct ChildPlan {
  std::string file;
  std::vector<std::string> argvStorage, envStorage;
  std::vector<char*> argv, envp;
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
  char oomText[16] = {0};
  size_t oomLength = 0;
  bool newSession = true;
  StdioPlan stdio[3];
  std::vector<int> extraFds;
  // Index into envp of "LISTEN_PID=" + placeholder, filled in the child (-1: none).
  int listenPidSlot = -1;
};

constexpr size_t kListenPidDigits = 20;

// --- the child: async-signal-safe only ------------------------------------------------------

[[noreturn]] void ReportAndExit(int errfd, int stage, int err) {
  ChildReport report{stage, err};
  ssize_t ignored = write(errfd, &report, sizeof report);
  (void)ignored;
  _exit(127);
}

void ResetSignals() {
  struct sigaction dfl;
  std::memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  for (int sig = 1; sig < NSIG; sig++) {
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    sigaction(sig, &dfl, nullptr);  // EINVAL for the numbers glibc reserves: harmless
  }
}

void FormatPid(char* out, pid_t pid) {
  char digits[kListenPidDigits];
  int n = 0;
  unsigned long value = static_cast<unsigned long>(pid);
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0 && n < static_cast<int>(kListenPidDigits));
  for (int i = 0; i < n; i++) out[i] = digits[n - 1 - i];
  out[n] = '\0';
}

void SetupStdio(const ChildPlan& plan, int errfd) {
  // The stream sources are all >= 3 (pipes and fds tsd opened with O_CLOEXEC), so dup2 onto
  // 0..2 cannot clobber a source still needed; dup2 clears O_CLOEXEC on the target.
  for (int target = 0; target < 3; target++) {
    const StdioPlan& s = plan.stdio[target];
    int source = -1;
    switch (s.kind) {
      case StdioPlan::kInherit: continue;
      case StdioPlan::kSameAsStdout: source = 1; break;
      case StdioPlan::kPipe: case StdioPlan::kFd: source = s.fd; break;
      case StdioPlan::kNull: {
        int fd = open("/dev/null", (target == 0 ? O_RDONLY : O_WRONLY) | O_CLOEXEC);
        if (fd < 0) ReportAndExit(errfd, kStageStdio, errno);
        source = fd;
        break;
      }
    }
    if (source == target) {
      int flags = fcntl(target, F_GETFD);
      if (flags >= 0) fcntl(target, F_SETFD, flags & ~FD_CLOEXEC);
      continue;
    }
    if (dup2(source, target) < 0) ReportAndExit(errfd, kStageStdio, errno);
  }
}

void SetupExtraFds(const ChildPlan& plan, int errfd) {
  const int n = static_cast<int>(plan.extraFds.size());
  if (n == 0) return;
  // Move every source above the target range first, so placing fd i at 3+i never
  // overwrites a source not yet placed.
  int moved[256];
  if (n > 256) ReportAndExit(errfd, kStageFds, EMFILE);
  for (int i = 0; i < n; i++) {
    moved[i] = fcntl(plan.extraFds[i], F_DUPFD_CLOEXEC, 3 + n);
    if (moved[i] < 0) ReportAndExit(errfd, kStageFds, errno);
  }
  for (int i = 0; i < n; i++) {
    if (dup2(moved[i], 3 + i) < 0) ReportAndExit(errfd, kStageFds, errno);
  }
}

void ApplyRlimits(const ChildPlan& plan) {
  for (const RlimitPlan& r : plan.rlimits) {
    struct rlimit want{r.soft, r.hard};
    if (setrlimit(r.resource, &want) == 0) continue;
    // In a container without CAP_SYS_RESOURCE raising the hard limit fails: clamp to it,
    // as systemd does ("assuming containerized execution"), and never fail the service.
    struct rlimit current;
    if (getrlimit(r.resource, &current) != 0) continue;
    struct rlimit clamped{r.soft, r.hard};
    if (clamped.rlim_max > current.rlim_max) clamped.rlim_max = current.rlim_max;
    if (clamped.rlim_cur > clamped.rlim_max) clamped.rlim_cur = clamped.rlim_max;
    setrlimit(r.resource, &clamped);
  }
}

void WriteOomScoreAdjust(const ChildPlan& plan) {
  int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
  if (fd < 0) return;  // EACCES in unprivileged containers: ignored, as systemd does
  ssize_t ignored = write(fd, plan.oomText, plan.oomLength);
  (void)ignored;
  close(fd);
}

[[noreturn]] void RunChild(ChildPlan& plan, int errfd) {
  ResetSignals();
  if (plan.newSession && setsid() < 0) ReportAndExit(errfd, kStageSetsid, errno);
  SetupStdio(plan, errfd);
  SetupExtraFds(plan, errfd);
  // Anything else tsd has open is close-on-exec already; make sure of it where the kernel can.
  syscall(SYS_close_range, 3 + plan.extraFds.size(), ~0U, 4 /* CLOSE_RANGE_CLOEXEC */);
  if (plan.hasUmask) umask(plan.umaskValue);
  ApplyRlimits(plan);
  if (plan.hasNice && setpriority(PRIO_PROCESS, 0, plan.nice) < 0 && errno != EPERM && errno != EACCES) {
    ReportAndExit(errfd, kStageNice, errno);
  }
  if (plan.hasOom) WriteOomScoreAdjust(plan);
  if (plan.hasGroups && setgroups(plan.groups.size(), plan.groups.data()) < 0) ReportAndExit(errfd, kStageSetgroups, errno);
  if (plan.hasGid && setgid(plan.gid) < 0) ReportAndExit(errfd, kStageSetgid, errno);
  if (plan.hasUid && setuid(plan.uid) < 0) ReportAndExit(errfd, kStageSetuid, errno);
  if (plan.hasCwd && chdir(plan.cwd.c_str()) < 0) ReportAndExit(errfd, kStageChdir, errno);
  if (plan.listenPidSlot >= 0) {
    char* slot = plan.envp[plan.listenPidSlot] + std::strlen("LISTEN_PID=");
    FormatPid(slot, getpid());
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  execve(plan.file.c_str(), plan.argv.data(), plan.envp.data());
  ReportAndExit(errfd, kStageExec, errno);
}

// --- the parent -----------------------------------------------------------------------------

bool ReadStringArray(Napi::Env env, Napi::Value value, const char* what, std::vector<std::string>& out) {
  if (!value.IsArray()) {
    Napi::TypeError::New(env, std::string(what) + " must be an array of strings").ThrowAsJavaScriptException();
    return false;
  }
  Napi::Array array = value.As<Napi::Array>();
  for (uint32_t i = 0; i < array.Length(); i++) {
    Napi::Value item = array.Get(i);
    if (!item.IsString()) {
      Napi::TypeError::New(env, std::string(what) + " must be an array of strings").ThrowAsJavaScriptException();
      return false;
    }
    std::string s = item.As<Napi::String>().Utf8Value();
    if (s.find('\0') != std::string::npos) {
      Napi::TypeError::New(env, std::string(what) + " must not contain NUL bytes").ThrowAsJavaScriptException();
      return false;
    }
    out.push_back(std::move(s));
  }
  return true;
}

bool ReadUint(Napi::Object options, const char* key, bool& has, uint32_t& out) {
  Napi::Value v = options.Get(key);
  if (v.IsUndefined() || v.IsNull()) return true;
  if (!v.IsNumber()) {
    Napi::TypeError::New(options.Env(), std::string(key) + " must be a number").ThrowAsJavaScriptException();
    return false;
  }
  has = true;
  out = v.As<Napi::Number>().Uint32Value();
  return true;
}

rlim_t ToRlim(double value) {
  if (std::isinf(value) || value < 0 || value >= static_cast<double>(RLIM_INFINITY)) return RLIM_INFINITY;
  return static_cast<rlim_t>(value);
}

// Parses one stdio spec; creates a pipe for 'pipe' (child end in plan, parent end in readEnd).
bool ReadStdio(Napi::Env env, Napi::Value value, int target, StdioPlan& plan, UniqueFd& childEnd, UniqueFd& readEnd) {
  if (value.IsUndefined()) {
    plan.kind = target == 0 ? StdioPlan::kNull : StdioPlan::kInherit;
    return true;
  }
  if (value.IsString()) {
    std::string s = value.As<Napi::String>().Utf8Value();
    if (s == "null") { plan.kind = StdioPlan::kNull; return true; }
    if (s == "inherit") { plan.kind = StdioPlan::kInherit; return true; }
    if (s == "stdout" && target == 2) { plan.kind = StdioPlan::kSameAsStdout; return true; }
    if (s == "pipe" && target != 0) {
      int fds[2];
      if (pipe2(fds, O_CLOEXEC) < 0) return false;  // errno reported by the caller
      readEnd.reset(fds[0]);
      childEnd.reset(fds[1]);
      plan.kind = StdioPlan::kPipe;
      plan.fd = fds[1];
      return true;
    }
  } else if (value.IsObject()) {
    Napi::Value fd = value.As<Napi::Object>().Get("fd");
    if (fd.IsNumber()) {
      plan.kind = StdioPlan::kFd;
      plan.fd = fd.As<Napi::Number>().Int32Value();
      return true;
    }
  }
  Napi::TypeError::New(env, "invalid stdio specification").ThrowAsJavaScriptException();
  return false;
}

Napi::Object Failure(Napi::Env env, const char* stage, int err) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("ok", false);
  result.Set("errno", err);
  result.Set("code", ErrnoName(err));
  result.Set("stage", stage);
  result.Set("message", std::strerror(err));
  return result;
}

}  // namespace

Napi::Value Spawn(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) {
    Napi::TypeError::New(env, "spawn(options) needs an options object").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Object options = info[0].As<Napi::Object>();
  ChildPlan plan;

  Napi::Value file = options.Get("file");
  if (!file.IsString()) {
    Napi::TypeError::New(env, "options.file must be a string").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  plan.file = file.As<Napi::String>().Utf8Value();
  if (!ReadStringArray(env, options.Get("argv"), "options.argv", plan.argvStorage)) return env.Undefined();
  if (!ReadStringArray(env, options.Get("env"), "options.env", plan.envStorage)) return env.Undefined();

  Napi::Value cwd = options.Get("cwd");
  if (cwd.IsString()) {
    plan.hasCwd = true;
    plan.cwd = cwd.As<Napi::String>().Utf8Value();
  }
  uint32_t value = 0;
  if (!ReadUint(options, "uid", plan.hasUid, value)) return env.Undefined();
  plan.uid = value;
  if (!ReadUint(options, "gid", plan.hasGid, value)) return env.Undefined();
  plan.gid = value;
  if (!ReadUint(options, "umask", plan.hasUmask, value)) return env.Undefined();
  plan.umaskValue = static_cast<mode_t>(value & 07777);

  Napi::Value groups = options.Get("groups");
  if (groups.IsArray()) {
    plan.hasGroups = true;
    Napi::Array array = groups.As<Napi::Array>();
    for (uint32_t i = 0; i < array.Length(); i++) plan.groups.push_back(array.Get(i).As<Napi::Number>().Uint32Value());
  }
  Napi::Value rlimits = options.Get("rlimits");
  if (rlimits.IsArray()) {
    Napi::Array array = rlimits.As<Napi::Array>();
    for (uint32_t i = 0; i < array.Length(); i++) {
      if (!array.Get(i).IsObject()) continue;
      Napi::Object r = array.Get(i).As<Napi::Object>();
      plan.rlimits.push_back({r.Get("resource").As<Napi::Number>().Int32Value(),
                              ToRlim(r.Get("soft").As<Napi::Number>().DoubleValue()),
                              ToRlim(r.Get("hard").As<Napi::Number>().DoubleValue())});
    }
  }
  Napi::Value nice = options.Get("nice");
  if (nice.IsNumber()) {
    plan.hasNice = true;
    plan.nice = nice.As<Napi::Number>().Int32Value();
  }
  Napi::Value oom = options.Get("oomScoreAdjust");
  if (oom.IsNumber()) {
    plan.hasOom = true;
    int n = std::snprintf(plan.oomText, sizeof plan.oomText, "%d\n", oom.As<Napi::Number>().Int32Value());
    plan.oomLength = n > 0 ? static_cast<size_t>(n) : 0;
  }
  Napi::Value newSession = options.Get("newSession");
  plan.newSession = newSession.IsBoolean() ? newSession.As<Napi::Boolean>().Value() : true;

  Napi::Value extra = options.Get("extraFds");
  if (extra.IsArray()) {
    Napi::Array array = extra.As<Napi::Array>();
    for (uint32_t i = 0; i < array.Length(); i++) plan.extraFds.push_back(array.Get(i).As<Napi::Number>().Int32Value());
  }
  Napi::Value listen = options.Get("listenFds");
  if (listen.IsBoolean() && listen.As<Napi::Boolean>().Value()) {
    plan.envStorage.push_back("LISTEN_FDS=" + std::to_string(plan.extraFds.size()));
    Napi::Value names = options.Get("listenFdNames");
    if (names.IsString()) plan.envStorage.push_back("LISTEN_FDNAMES=" + names.As<Napi::String>().Utf8Value());
    plan.envStorage.push_back("LISTEN_PID=" + std::string(kListenPidDigits, ' '));
    plan.listenPidSlot = static_cast<int>(plan.envStorage.size()) - 1;
  }

  // stdio: pipes are created here; the parent keeps the read ends.
  UniqueFd childEnds[3], readEnds[3];
  const char* keys[3] = {"stdin", "stdout", "stderr"};
  for (int i = 0; i < 3; i++) {
    errno = 0;
    if (!ReadStdio(env, options.Get(keys[i]), i, plan.stdio[i], childEnds[i], readEnds[i])) {
      if (env.IsExceptionPending()) return env.Undefined();
      return Failure(env, "pipe", errno);
    }
  }

  for (std::string& s : plan.argvStorage) plan.argv.push_back(s.data());
  plan.argv.push_back(nullptr);
  for (std::string& s : plan.envStorage) plan.envp.push_back(s.data());
  plan.envp.push_back(nullptr);

  int errPipe[2];
  if (pipe2(errPipe, O_CLOEXEC) < 0) return Failure(env, "pipe", errno);
  UniqueFd errRead(errPipe[0]), errWrite(errPipe[1]);

  // No signal handler of tsd may run in the child before its dispositions are reset.
  sigset_t all, previous;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  pid_t pid = fork();
  if (pid == 0) RunChild(plan, errWrite.get());
  int forkErrno = errno;
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (pid < 0) return Failure(env, "fork", forkErrno);

  errWrite.reset();
  for (UniqueFd& end : childEnds) end.reset();

  ChildReport report{0, 0};
  ssize_t got;
  do {
    got = read(errRead.get(), &report, sizeof report);
  } while (got < 0 && errno == EINTR);
  if (got == static_cast<ssize_t>(sizeof report)) {
    // The child never reached exec: reap it here so it never shows up as an exit event.
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return Failure(env, StageName(report.stage), report.err);
  }

  ProcessRegistry::Instance().Spawned(pid);
  Napi::Object result = Napi::Object::New(env);
  result.Set("ok", true);
  result.Set("pid", pid);
  const char* fdKeys[3] = {nullptr, "stdoutFd", "stderrFd"};
  for (int i = 1; i < 3; i++) {
    if (readEnds[i].get() < 0) continue;
    int flags = fcntl(readEnds[i].get(), F_GETFL);
    if (flags >= 0) fcntl(readEnds[i].get(), F_SETFL, flags | O_NONBLOCK);
    result.Set(fdKeys[i], readEnds[i].release());
  }
  return result;
}

}  // namespace tsd
