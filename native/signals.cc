// tsd's own signals and the process calls around them. Signals are caught with libuv
// signal handles on Node's loop (Node's process.on cannot take real-time signals such as
// systemd's SIGRTMIN+3), so a signal wakes the loop like any other event.
#include "signals.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <uv.h>

#include <cerrno>
#include <string>
#include <vector>

#include "common.h"

namespace tsd {
namespace {

struct SignalWatch {
  Napi::Env env = nullptr;
  Napi::FunctionReference* callback = nullptr;
  uv_signal_t handle;
  int signum = 0;
};

void OnSignal(uv_signal_t* handle, int signum) {
  auto* watch = static_cast<SignalWatch*>(handle->data);
  Napi::HandleScope scope(watch->env);  // the argument is made before InvokeFromLoop's own scope
  InvokeFromLoop(watch->env, *watch->callback, {Napi::Number::New(watch->env, signum)});
}

bool IntArg(const Napi::CallbackInfo& info, size_t i, int& out) {
  if (info.Length() <= i || !info[i].IsNumber()) {
    Napi::TypeError::New(info.Env(), "expected a number argument").ThrowAsJavaScriptException();
    return false;
  }
  out = info[i].As<Napi::Number>().Int32Value();
  return true;
}

}  // namespace

Napi::Value HandleSignals(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsArray() || !info[1].IsFunction()) {
    Napi::TypeError::New(env, "handleSignals(signals, callback)").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok) {
    Napi::Error::New(env, "no event loop").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  // Check every number before watching any: a bad list changes nothing.
  Napi::Array signals = info[0].As<Napi::Array>();
  std::vector<int> numbers;
  for (uint32_t i = 0; i < signals.Length(); i++) {
    Napi::Value item = signals.Get(i);
    if (!item.IsNumber()) {
      Napi::TypeError::New(env, "handleSignals: signals must be numbers").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    double d = item.As<Napi::Number>().DoubleValue();
    int signum = static_cast<int>(d);
    if (d != signum || signum <= 0 || signum >= NSIG || signum == SIGKILL || signum == SIGSTOP) {
      Napi::RangeError::New(env, "cannot handle signal " + std::to_string(d)).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    numbers.push_back(signum);
  }
  // One callback shared by this call's handles; they live as long as tsd does.
  auto* callback = new Napi::FunctionReference(Napi::Persistent(info[1].As<Napi::Function>()));
  for (int signum : numbers) {
    auto* watch = new SignalWatch();
    watch->env = env;
    watch->callback = callback;
    watch->signum = signum;
    watch->handle.data = watch;
    int rc = uv_signal_init(loop, &watch->handle);
    if (rc == 0) rc = uv_signal_start(&watch->handle, OnSignal, signum);
    if (rc != 0) {
      // glibc keeps two real-time numbers for itself (32, 33): sigaction refuses them.
      Napi::Error::New(env, "cannot handle signal " + std::to_string(signum) + ": " + uv_strerror(rc))
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
  }
  return env.Undefined();
}

Napi::Value Kill(const Napi::CallbackInfo& info) {
  int pid, sig;
  if (!IntArg(info, 0, pid) || !IntArg(info, 1, sig)) return info.Env().Undefined();
  // Never a broadcast: pid 0 and negative pids would signal groups (or everything).
  if (pid <= 0) return Napi::Number::New(info.Env(), EINVAL);
  return Napi::Number::New(info.Env(), kill(pid, sig) == 0 ? 0 : errno);
}

Napi::Value KillProcessGroup(const Napi::CallbackInfo& info) {
  int pgid, sig;
  if (!IntArg(info, 0, pgid) || !IntArg(info, 1, sig)) return info.Env().Undefined();
  if (pgid <= 1) return Napi::Number::New(info.Env(), EINVAL);
  return Napi::Number::New(info.Env(), killpg(pgid, sig) == 0 ? 0 : errno);
}

Napi::Value SetChildSubreaper(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 ? 0 : errno);
}

Napi::Value GetPid(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), getpid());
}

Napi::Value Close(const Napi::CallbackInfo& info) {
  int fd;
  if (!IntArg(info, 0, fd)) return info.Env().Undefined();
  if (fd < 3) return Napi::Number::New(info.Env(), EBADF);  // tsd's own stdio is not the caller's to close
  return Napi::Number::New(info.Env(), close(fd) == 0 ? 0 : errno);
}

}  // namespace tsd
