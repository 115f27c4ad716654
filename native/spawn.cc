// spawn(): clone + exec of one service process, the parent's half. The options are checked
// and turned into a ChildPlan (argv/envp arrays, fds, credentials) before the clone, so the child
// (child.cc) only makes system calls. A failing step in the child comes back through a
// close-on-exec pipe as (stage, errno): a missing binary is an error with its errno, never
// a silent exit 127, and the parent reaps that child itself so it never shows up as an exit.
#include "spawn.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "child.h"
#include "common.h"
#include "process-registry.h"

namespace tsd {
namespace {

constexpr double kMaxId = 4294967294.0;  // (uid_t)-1 means "unchanged" to the kernel

// --- reading the options (throws a TypeError and returns false on a wrong type) -------------

bool Fail(Napi::Env env, const std::string& message) {
  Napi::TypeError::New(env, message).ThrowAsJavaScriptException();
  return false;
}

// options[key], or undefined for null; false if a getter threw.
bool Field(Napi::Object options, const char* key, Napi::Value& out) {
  out = options.Get(key);
  if (options.Env().IsExceptionPending()) return false;
  if (out.IsNull()) out = options.Env().Undefined();
  return true;
}

bool ToInteger(Napi::Env env, Napi::Value value, const std::string& what, double min, double max, double& out) {
  if (!value.IsNumber()) return Fail(env, what + " must be a number");
  double d = value.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || std::floor(d) != d || d < min || d > max) {
    return Fail(env, what + " must be an integer in [" + std::to_string(static_cast<long long>(min)) + ", " +
                         std::to_string(static_cast<long long>(max)) + "]");
  }
  out = d;
  return true;
}

bool ToString(Napi::Env env, Napi::Value value, const std::string& what, std::string& out) {
  if (!value.IsString()) return Fail(env, what + " must be a string");
  out = value.As<Napi::String>().Utf8Value();
  if (out.find('\0') != std::string::npos) return Fail(env, what + " must not contain NUL bytes");
  return true;
}

bool OptionalInteger(Napi::Object options, const char* key, double min, double max, bool& has, double& out) {
  Napi::Value v;
  if (!Field(options, key, v)) return false;
  if (v.IsUndefined()) return true;
  has = true;
  return ToInteger(options.Env(), v, std::string("options.") + key, min, max, out);
}

bool OptionalBoolean(Napi::Object options, const char* key, bool fallback, bool& out) {
  Napi::Value v;
  if (!Field(options, key, v)) return false;
  out = fallback;
  if (v.IsUndefined()) return true;
  if (!v.IsBoolean()) return Fail(options.Env(), std::string("options.") + key + " must be a boolean");
  out = v.As<Napi::Boolean>().Value();
  return true;
}

// Calls each(item, index) for every element of an array option; absent is empty.
template <typename Each>
bool ForEachItem(Napi::Object options, const char* key, bool required, Each each) {
  Napi::Env env = options.Env();
  Napi::Value v;
  if (!Field(options, key, v)) return false;
  if (v.IsUndefined() && !required) return true;
  if (!v.IsArray()) return Fail(env, std::string("options.") + key + " must be an array");
  Napi::Array array = v.As<Napi::Array>();
  for (uint32_t i = 0; i < array.Length(); i++) {
    Napi::Value item = array.Get(i);
    if (env.IsExceptionPending()) return false;
    if (!each(item, std::string("options.") + key + "[" + std::to_string(i) + "]")) return false;
  }
  return true;
}

bool ReadStrings(Napi::Object options, const char* key, std::vector<std::string>& out) {
  return ForEachItem(options, key, true, [&](Napi::Value item, const std::string& what) {
    std::string s;
    if (!ToString(options.Env(), item, what, s)) return false;
    out.push_back(std::move(s));
    return true;
  });
}

// Infinity (or anything at least RLIM_INFINITY) is "unlimited".
bool ToRlim(Napi::Env env, Napi::Value value, const std::string& what, rlim_t& out) {
  if (!value.IsNumber()) return Fail(env, what + " must be a number");
  double d = value.As<Napi::Number>().DoubleValue();
  if (std::isnan(d) || d < 0) return Fail(env, what + " must be a non-negative number or Infinity");
  out = (std::isinf(d) || d >= 18446744073709551615.0) ? RLIM_INFINITY : static_cast<rlim_t>(d);
  return true;
}

bool ReadRlimits(Napi::Object options, ChildPlan& plan) {
  Napi::Env env = options.Env();
  return ForEachItem(options, "rlimits", false, [&](Napi::Value item, const std::string& what) {
    if (!item.IsObject()) return Fail(env, what + " must be an object");
    Napi::Object r = item.As<Napi::Object>();
    double resource;
    RlimitPlan limit{};
    if (!ToInteger(env, r.Get("resource"), what + ".resource", 0, RLIM_NLIMITS - 1, resource)) return false;
    if (!ToRlim(env, r.Get("soft"), what + ".soft", limit.soft)) return false;
    if (!ToRlim(env, r.Get("hard"), what + ".hard", limit.hard)) return false;
    limit.resource = static_cast<int>(resource);
    plan.rlimits.push_back(limit);
    return true;
  });
}

// One stdio spec, without creating anything yet (pipes come after every check passed).
bool ReadStdio(Napi::Object options, const char* key, int target, StdioPlan& plan) {
  Napi::Env env = options.Env();
  Napi::Value v;
  if (!Field(options, key, v)) return false;
  if (v.IsUndefined()) {
    plan.kind = target == 0 ? StdioPlan::kNull : StdioPlan::kInherit;
    return true;
  }
  if (v.IsString()) {
    std::string s = v.As<Napi::String>().Utf8Value();
    if (s == "null") plan.kind = StdioPlan::kNull;
    else if (s == "inherit") plan.kind = StdioPlan::kInherit;
    else if (s == "pipe" && target != 0) plan.kind = StdioPlan::kPipe;
    else if (s == "stdout" && target == 2) plan.kind = StdioPlan::kSameAsStdout;
    else return Fail(env, std::string("options.") + key + ": unsupported stdio '" + s + "'");
    return true;
  }
  if (v.IsObject()) {
    double fd;
    if (!ToInteger(env, v.As<Napi::Object>().Get("fd"), std::string("options.") + key + ".fd", 0, INT32_MAX, fd)) return false;
    plan.kind = StdioPlan::kFd;
    plan.fd = static_cast<int>(fd);
    return true;
  }
  return Fail(env, std::string("options.") + key + " must be 'null', 'inherit', 'pipe' or {fd}");
}

bool HasPrefix(const std::string& s, const char* prefix) { return s.compare(0, std::strlen(prefix), prefix) == 0; }

// LISTEN_FDS / LISTEN_FDNAMES / LISTEN_PID (sd_listen_fds(3)). The pid is known only in the
// child: the parent leaves a fixed-width placeholder the child overwrites in place.
bool AddListenEnvironment(Napi::Object options, ChildPlan& plan) {
  Napi::Value names;
  if (!Field(options, "listenFdNames", names)) return false;
  std::string namesValue;
  if (!names.IsUndefined() && !ToString(options.Env(), names, "options.listenFdNames", namesValue)) return false;
  std::vector<std::string>& env = plan.envStorage;
  // The caller's own LISTEN_* (inherited from a socket-activated tsd, say) would be stale.
  for (size_t i = env.size(); i-- > 0;) {
    if (HasPrefix(env[i], "LISTEN_PID=") || HasPrefix(env[i], "LISTEN_FDS=") || HasPrefix(env[i], "LISTEN_FDNAMES=")) {
      env.erase(env.begin() + static_cast<long>(i));
    }
  }
  env.push_back("LISTEN_FDS=" + std::to_string(plan.extraFds.size()));
  if (!names.IsUndefined()) env.push_back("LISTEN_FDNAMES=" + namesValue);
  env.push_back("LISTEN_PID=" + std::string(kListenPidDigits, '0'));
  plan.listenPidSlot = static_cast<int>(env.size()) - 1;
  return true;
}

bool ReadOptions(Napi::Object options, ChildPlan& plan) {
  Napi::Env env = options.Env();
  Napi::Value v;
  if (!Field(options, "file", v) || !ToString(env, v, "options.file", plan.file)) return false;
  if (plan.file.empty()) return Fail(env, "options.file must not be empty");
  if (!ReadStrings(options, "argv", plan.argvStorage) || !ReadStrings(options, "env", plan.envStorage)) return false;

  if (!Field(options, "cwd", v)) return false;
  if (!v.IsUndefined()) {
    plan.hasCwd = true;
    if (!ToString(env, v, "options.cwd", plan.cwd)) return false;
  }
  double n = 0;
  if (!OptionalInteger(options, "uid", 0, kMaxId, plan.hasUid, n)) return false;
  plan.uid = static_cast<uid_t>(n);
  if (!OptionalInteger(options, "gid", 0, kMaxId, plan.hasGid, n)) return false;
  plan.gid = static_cast<gid_t>(n);
  if (!Field(options, "groups", v)) return false;
  plan.hasGroups = !v.IsUndefined();
  bool groupsOk = ForEachItem(options, "groups", false, [&](Napi::Value item, const std::string& what) {
    double gid;
    if (!ToInteger(env, item, what, 0, kMaxId, gid)) return false;
    plan.groups.push_back(static_cast<gid_t>(gid));
    return true;
  });
  if (!groupsOk) return false;
  if (!OptionalInteger(options, "umask", 0, 07777, plan.hasUmask, n)) return false;
  plan.umaskValue = static_cast<mode_t>(n);
  if (!ReadRlimits(options, plan)) return false;
  if (!OptionalInteger(options, "nice", -20, 19, plan.hasNice, n)) return false;
  plan.nice = static_cast<int>(n);
  if (!OptionalInteger(options, "oomScoreAdjust", -1000, 1000, plan.hasOom, n)) return false;
  if (plan.hasOom) {
    int length = std::snprintf(plan.oomText, sizeof plan.oomText, "%d\n", static_cast<int>(n));
    plan.oomLength = length > 0 ? static_cast<size_t>(length) : 0;
  }
  if (!OptionalBoolean(options, "newSession", true, plan.newSession)) return false;
  if (!OptionalBoolean(options, "ignoreSigpipe", false, plan.ignoreSigpipe)) return false;

  const char* keys[3] = {"stdin", "stdout", "stderr"};
  for (int i = 0; i < 3; i++) {
    if (!ReadStdio(options, keys[i], i, plan.stdio[i])) return false;
  }
  bool fdsOk = ForEachItem(options, "extraFds", false, [&](Napi::Value item, const std::string& what) {
    double fd;
    if (!ToInteger(env, item, what, 0, INT32_MAX, fd)) return false;
    plan.extraFds.push_back(static_cast<int>(fd));
    return true;
  });
  if (!fdsOk) return false;
  plan.movedFds.resize(plan.extraFds.size());

  bool listen = false;
  if (!OptionalBoolean(options, "listenFds", false, listen)) return false;
  if (listen && !AddListenEnvironment(options, plan)) return false;
  return true;
}

// --- the parent's side of the fork ----------------------------------------------------------

Napi::Object Failure(Napi::Env env, const char* stage, int err) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("ok", false);
  result.Set("errno", err);
  result.Set("code", ErrnoName(err));
  result.Set("stage", stage);
  result.Set("message", std::strerror(err));
  return result;
}

// The pipes for 'pipe' streams: the child's write end goes into the plan, the parent keeps
// the read end. Both close-on-exec: no other child may inherit either.
int CreatePipes(ChildPlan& plan, UniqueFd childEnds[3], UniqueFd readEnds[3]) {
  for (int i = 1; i < 3; i++) {
    if (plan.stdio[i].kind != StdioPlan::kPipe) continue;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) return errno;
    readEnds[i].reset(fds[0]);
    childEnds[i].reset(fds[1]);
    plan.stdio[i].fd = fds[1];
  }
  return 0;
}

void PointArraysAtStorage(ChildPlan& plan) {
  for (std::string& s : plan.argvStorage) plan.argv.push_back(s.data());
  plan.argv.push_back(nullptr);
  for (std::string& s : plan.envStorage) plan.envp.push_back(s.data());
  plan.envp.push_back(nullptr);
}

// The child's stack while it shares tsd's memory (below): mapped once per spawn with a
// guard page at its low end, unmapped when the child has exec'd or exited.
class ChildStack {
 public:
  static constexpr size_t kSize = 256 * 1024;
  ChildStack() {
    void* base = mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (base == MAP_FAILED) {
      err_ = errno;
      return;
    }
    base_ = static_cast<char*>(base);
    if (mprotect(base_, static_cast<size_t>(sysconf(_SC_PAGESIZE)), PROT_NONE) < 0) err_ = errno;
  }
  ChildStack(const ChildStack&) = delete;
  ChildStack& operator=(const ChildStack&) = delete;
  ~ChildStack() {
    if (base_ != nullptr) munmap(base_, kSize);
  }
  int error() const { return err_; }
  void* top() const { return base_ + kSize; }  // stacks grow down on every Linux target Node runs on

 private:
  char* base_ = nullptr;
  int err_ = 0;
};

struct CloneArgs {
  ChildPlan* plan;
  int errfd;
};

int ChildEntry(void* raw) {
  CloneArgs* args = static_cast<CloneArgs*>(raw);
  RunChild(*args->plan, args->errfd);
}

// The child is created with CLONE_VM | CLONE_VFORK, as posix_spawn does: it runs in tsd's
// address space, on its own stack, while the calling thread waits for its exec or exit.
// fork() would copy the page tables of a ~50 MB Node process first, a millisecond or two
// per service at boot. Sharing memory is safe because the child only reads the plan, writes
// to its scratch parts, and makes raw system calls (child.cc). Every signal is blocked
// around it: no handler of tsd's (libuv's signal pipe writer) may run in the child before
// the child has reset the dispositions (its handler table is its own: no CLONE_SIGHAND).
pid_t CloneWithSignalsBlocked(ChildPlan& plan, int errfd, int& err) {
  ChildStack stack;
  if (stack.error() != 0) {
    err = stack.error();
    return -1;
  }
  sigset_t all, previous;
  sigfillset(&all);
  int rc = pthread_sigmask(SIG_SETMASK, &all, &previous);
  if (rc != 0) {
    err = rc;
    return -1;
  }
  CloneArgs args{&plan, errfd};
  pid_t pid = clone(ChildEntry, stack.top(), CLONE_VM | CLONE_VFORK | SIGCHLD, &args);
  err = errno;
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return pid;
}

// Waits for exec (EOF on the close-on-exec pipe) or the child's (stage, errno) report.
bool ReadChildReport(int fd, ChildReport& report) {
  ssize_t got;
  do {
    got = read(fd, &report, sizeof report);
  } while (got < 0 && errno == EINTR);
  return got == static_cast<ssize_t>(sizeof report);
}

void ReapFailedChild(pid_t pid) {
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

void SetNonBlocking(int fd) {
  int flags = fcntl(fd, F_GETFL);
  if (flags >= 0 && !(flags & O_NONBLOCK)) fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

}  // namespace

Napi::Value Spawn(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) {
    Napi::TypeError::New(env, "spawn(options) needs an options object").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  ChildPlan plan;
  if (!ReadOptions(info[0].As<Napi::Object>(), plan)) return env.Undefined();

  UniqueFd childEnds[3], readEnds[3];
  if (int err = CreatePipes(plan, childEnds, readEnds)) return Failure(env, "pipe", err);
  int errPipe[2];
  if (pipe2(errPipe, O_CLOEXEC) < 0) return Failure(env, "pipe", errno);
  UniqueFd errRead(errPipe[0]), errWrite(errPipe[1]);
  PointArraysAtStorage(plan);

  int forkErr = 0;
  pid_t pid = CloneWithSignalsBlocked(plan, errWrite.get(), forkErr);
  if (pid < 0) return Failure(env, "fork", forkErr);

  // Our copies of the child's ends must go, or EOF would never come.
  errWrite.reset();
  for (UniqueFd& end : childEnds) end.reset();

  ChildReport report{0, 0};
  if (ReadChildReport(errRead.get(), report)) {
    ReapFailedChild(pid);
    return Failure(env, ChildStageName(report.stage), report.err);
  }

  ProcessRegistry::Instance().Spawned(pid);
  Napi::Object result = Napi::Object::New(env);
  result.Set("ok", true);
  result.Set("pid", pid);
  const char* fdKeys[3] = {nullptr, "stdoutFd", "stderrFd"};
  for (int i = 1; i < 3; i++) {
    if (readEnds[i].get() < 0) continue;
    SetNonBlocking(readEnds[i].get());
    result.Set(fdKeys[i], readEnds[i].release());
  }
  return result;
}

}  // namespace tsd
