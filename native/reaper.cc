// The reaper: on SIGCHLD (a libuv signal handle, so the event loop wakes), waitpid(-1, WNOHANG)
// until nothing is left, and hand the whole batch to JS at once. Signals coalesce: one
// SIGCHLD may stand for thousands of exits, hence the loop.
#include "reaper.h"

#include <signal.h>
#include <sys/wait.h>
#include <uv.h>

#include <vector>

#include "common.h"
#include "process-registry.h"

namespace tsd {
namespace {

struct Exit {
  int pid, kind, code, signal;
};

struct Reaper {
  Napi::Env env = nullptr;
  Napi::FunctionReference callback;
  uv_signal_t handle;
  bool started = false;
};

Reaper* reaper = nullptr;

std::vector<Exit> ReapAll() {
  std::vector<Exit> exits;
  for (;;) {
    int status = 0;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) break;  // 0: children left but none exited; -1: ECHILD (none) or EINTR
    ProcessRegistry::Instance().Reaped(pid);
    if (WIFEXITED(status)) exits.push_back({pid, 0, WEXITSTATUS(status), 0});
    else if (WIFSIGNALED(status)) exits.push_back({pid, WCOREDUMP(status) ? 2 : 1, 0, WTERMSIG(status)});
  }
  return exits;
}

void Deliver(const std::vector<Exit>& exits) {
  if (exits.empty()) return;
  Napi::Env env = reaper->env;
  Napi::HandleScope scope(env);
  static const char* kinds[] = {"exited", "killed", "dumped"};
  Napi::String kindNames[3] = {Napi::String::New(env, kinds[0]), Napi::String::New(env, kinds[1]), Napi::String::New(env, kinds[2])};
  Napi::Array array = Napi::Array::New(env, exits.size());
  for (size_t i = 0; i < exits.size(); i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("pid", exits[i].pid);
    o.Set("kind", kindNames[exits[i].kind]);
    o.Set("code", exits[i].code);
    o.Set("signal", exits[i].signal);
    array.Set(static_cast<uint32_t>(i), o);
  }
  InvokeFromLoop(env, reaper->callback, {array});
}

void OnSigchld(uv_signal_t*, int) {
  Deliver(ReapAll());
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
  // Children that ended before the handler existed are waiting already.
  Deliver(ReapAll());
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

}  // namespace tsd
