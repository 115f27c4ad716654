// The reaper: on SIGCHLD (a libuv signal handle, so the event loop wakes), waitpid(-1, WNOHANG)
// until nothing is left, and hand the whole batch to JS at once. Signals coalesce: one
// SIGCHLD may stand for thousands of exits, hence the loop. waitpid(-1) takes every child of
// the process: nothing else in tsd may start processes (Node's child_process would lose its
// exits to this reaper), which is why src/ never uses it.
#include "reaper.h"

#include <signal.h>
#include <sys/wait.h>
#include <uv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

#include "common.h"
#include "process-registry.h"

namespace tsd {
namespace {

enum Kind { kExited, kKilled, kDumped };  // systemd's CLD_EXITED / CLD_KILLED / CLD_DUMPED

struct Exit {
  int32_t pid, kind, code, signal;
};

struct Reaper {
  Napi::Env env = nullptr;
  Napi::FunctionReference callback;
  uv_signal_t handle;
  bool started = false;
};

Reaper* reaper = nullptr;

// waitpid(-1, WNOHANG) until nothing is left to reap (0: children remain, none exited;
// ECHILD: no children at all). SIGCHLDs coalesce, so one wake-up may stand for thousands.
std::vector<Exit> reap_children() {
  std::vector<Exit> exits;
  for (;;) {
    int status = 0;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid < 0 && errno == EINTR) continue;
    if (pid <= 0) break;
    ProcessRegistry::Instance().Reaped(pid);
    if (WIFEXITED(status)) {
      exits.push_back({pid, kExited, WEXITSTATUS(status), 0});
    } else if (WIFSIGNALED(status)) {
      exits.push_back({pid, WCOREDUMP(status) ? kDumped : kKilled, 0, WTERMSIG(status)});
    }
  }
  return exits;
}

// The batch for JS: an Int32Array of four numbers per child (pid, kind, code, signal), one
// copy. A burst of orphans makes batches of thousands, and an object per child made through
// N-API (~1 µs each) kept the loop from its next waitpid() for milliseconds while more
// zombies waited; JS makes objects only for what it needs (src/native/core.ts exitsOf).
napi_value exits_to_array(napi_env env, const std::vector<Exit>& exits) {
  static_assert(sizeof(Exit) == 4 * sizeof(int32_t), "Exit is four int32 fields");
  size_t bytes = exits.size() * sizeof(Exit);
  void* data = nullptr;
  napi_value buffer, array;
  if (napi_create_arraybuffer(env, bytes, &data, &buffer) != napi_ok) return nullptr;
  if (bytes > 0) std::memcpy(data, exits.data(), bytes);
  if (napi_create_typedarray(env, napi_int32_array, exits.size() * 4, buffer, 0, &array) != napi_ok) return nullptr;
  return array;
}

void OnSigchld(uv_signal_t*, int) {
  std::vector<Exit> exits = reap_children();
  if (exits.empty()) return;
  Napi::Env env = reaper->env;
  Napi::HandleScope scope(env);
  napi_value array = exits_to_array(env, exits);
  if (array) InvokeFromLoop(env, reaper->callback, {array});
}

}  // namespace

Napi::Value StartReaper(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsFunction()) {
    Napi::TypeError::New(env, "startReaper(callback) needs a function").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  if (reaper && reaper->started) {
    Napi::Error::New(env, "the reaper is already running").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  reaper = new Reaper();  // lives as long as the process: PID 1 never stops reaping
  reaper->env = env;
  reaper->callback = Napi::Persistent(info[0].As<Napi::Function>());
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok || uv_signal_init(loop, &reaper->handle) != 0 ||
      uv_signal_start(&reaper->handle, OnSigchld, SIGCHLD) != 0) {
    Napi::Error::New(env, "cannot watch SIGCHLD").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  reaper->started = true;
  // Children that ended before the handler existed are waiting already. This first batch
  // is delivered synchronously, with startReaper's caller on the stack: an exception from
  // the callback simply propagates to that caller.
  std::vector<Exit> exits = reap_children();
  if (!exits.empty()) {
    napi_value array = exits_to_array(env, exits);
    if (array) reaper->callback.Call(env.Global(), {array});
  }
  return env.Undefined();
}

Napi::Value Stats(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ProcessRegistry& r = ProcessRegistry::Instance();
  Napi::Object o = Napi::Object::New(env);
  o.Set("spawned", static_cast<double>(r.spawned()));
  o.Set("reaped", static_cast<double>(r.reaped()));
  o.Set("reapedUnknown", static_cast<double>(r.reapedUnknown()));
  return o;
}

// Whether tsd has any child at all, running, stopped or a zombie not yet reaped (waitid with
// WNOWAIT reaps nothing). Without one, tsd has no descendant either: every process below tsd
// descends from one of its children, and as PID 1 that is every process of the namespace.
Napi::Value HasChildren(const Napi::CallbackInfo& info) {
  siginfo_t child;
  child.si_pid = 0;
  int rc;
  do {
    rc = waitid(P_ALL, 0, &child, WEXITED | WSTOPPED | WCONTINUED | WNOHANG | WNOWAIT);
  } while (rc < 0 && errno == EINTR);
  // Any other error than ECHILD (none is documented for these arguments): assume children.
  return Napi::Boolean::New(info.Env(), !(rc < 0 && errno == ECHILD));
}

}  // namespace tsd
