// tsd's native PID-1 core: registration only. Each concern lives in its own file:
// spawn.cc (options and fork, the parent's half) and child.cc (between fork and exec),
// reaper.cc (waitpid), signals.cc (signals and kill), notify-socket.cc (sd_notify),
// users.cc (NSS look-ups), lifecycle.cc (shrinking after boot, exiting), syscalls.cc (mkdir,
// getrandom), script-source.cc (the bundle's text for the launcher), log-pump.cc (the journal's thread: pipes -> lines -> stdout), stream-framer.cc
// and frame-lines.cc (its line framing),
// common.h (the fd owner, errno names, calling into JS).
#include <napi.h>

#include "lifecycle.h"
#include "log-pump.h"
#include "notify-socket.h"
#include "reaper.h"
#include "signals.h"
#include "spawn.h"
#include "syscalls.h"
#include "users.h"

namespace tsd {
// script-source.cc: plain N-API (it opts into an experimental call that napi.h is not built for).
napi_value ReadScriptSource(napi_env env, napi_callback_info info);
}  // namespace tsd

namespace {

Napi::Value ScriptSourceReader(Napi::Env env) {
  napi_value fn = nullptr;
  if (napi_create_function(env, "readScriptSource", NAPI_AUTO_LENGTH, tsd::ReadScriptSource, nullptr, &fn) != napi_ok) {
    return env.Undefined();
  }
  return Napi::Value(env, fn);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("spawn", Napi::Function::New(env, tsd::Spawn, "spawn"));
  exports.Set("startReaper", Napi::Function::New(env, tsd::StartReaper, "startReaper"));
  exports.Set("stats", Napi::Function::New(env, tsd::Stats, "stats"));
  exports.Set("hasChildren", Napi::Function::New(env, tsd::HasChildren, "hasChildren"));
  exports.Set("handleSignals", Napi::Function::New(env, tsd::HandleSignals, "handleSignals"));
  exports.Set("kill", Napi::Function::New(env, tsd::Kill, "kill"));
  exports.Set("killProcessGroup", Napi::Function::New(env, tsd::KillProcessGroup, "killProcessGroup"));
  exports.Set("setChildSubreaper", Napi::Function::New(env, tsd::SetChildSubreaper, "setChildSubreaper"));
  exports.Set("reduceMemory", Napi::Function::New(env, tsd::ReduceMemory, "reduceMemory"));
  exports.Set("setV8Flags", Napi::Function::New(env, tsd::SetV8Flags, "setV8Flags"));
  exports.Set("startLogPump", Napi::Function::New(env, tsd::StartLogPump, "startLogPump"));
  exports.Set("pumpAttach", Napi::Function::New(env, tsd::PumpAttach, "pumpAttach"));
  exports.Set("pumpWrite", Napi::Function::New(env, tsd::PumpWrite, "pumpWrite"));
  exports.Set("pumpFlush", Napi::Function::New(env, tsd::PumpFlush, "pumpFlush"));
  exports.Set("pumpRequestDrain", Napi::Function::New(env, tsd::PumpRequestDrain, "pumpRequestDrain"));
  exports.Set("pumpTakeEvents", Napi::Function::New(env, tsd::PumpTakeEvents, "pumpTakeEvents"));
  exports.Set("pumpBytesRead", Napi::Function::New(env, tsd::PumpBytesRead, "pumpBytesRead"));
  exports.Set("pumpRing", Napi::Function::New(env, tsd::PumpRing, "pumpRing"));
  exports.Set("pumpForgetBefore", Napi::Function::New(env, tsd::PumpForgetBefore, "pumpForgetBefore"));
  exports.Set("frameStreamForTest", Napi::Function::New(env, tsd::FrameStreamForTest, "frameStreamForTest"));
  exports.Set("exitNow", Napi::Function::New(env, tsd::ExitNow, "exitNow"));
  exports.Set("getpid", Napi::Function::New(env, tsd::GetPid, "getpid"));
  exports.Set("close", Napi::Function::New(env, tsd::Close, "close"));
  exports.Set("openNotifySocket", Napi::Function::New(env, tsd::OpenNotifySocket, "openNotifySocket"));
  exports.Set("closeNotifySocket", Napi::Function::New(env, tsd::CloseNotifySocket, "closeNotifySocket"));
  exports.Set("lookupUser", Napi::Function::New(env, tsd::LookupUser, "lookupUser"));
  exports.Set("lookupUserById", Napi::Function::New(env, tsd::LookupUserById, "lookupUserById"));
  exports.Set("lookupGroup", Napi::Function::New(env, tsd::LookupGroup, "lookupGroup"));
  exports.Set("groupList", Napi::Function::New(env, tsd::GroupList, "groupList"));
  exports.Set("makeDirectory", Napi::Function::New(env, tsd::MakeDirectory, "makeDirectory"));
  exports.Set("randomId128", Napi::Function::New(env, tsd::RandomId128, "randomId128"));
  exports.Set("readScriptSource", ScriptSourceReader(env));
  return exports;
}

}  // namespace

NODE_API_MODULE(tsd_core, Init)
