// After boot, tsd's heap is sized for the burst of loading and starting everything, then PID 1
// sleeps for days. V8 shrinks such a heap on its own (its "memory reducer"), but on a timer
// that wakes the idle process seconds later; bin/tsd turns that off and asks here instead,
// once, when boot ends: a full collection that releases the unused heap pages (as under
// memory pressure), then malloc_trim for the free pages of glibc's arenas.
//
// LowMemoryNotification is V8's C++ API, which N-API does not cover: it ties this addon to
// the Node it was built for, as node-gyp builds it at install time anyway.
#include "lifecycle.h"

#include <malloc.h>
#include <unistd.h>
#include <v8.h>

#include <string>

namespace tsd {

Napi::Value ReduceMemory(const Napi::CallbackInfo& info) {
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  if (isolate != nullptr) isolate->LowMemoryNotification();
#ifdef __GLIBC__
  malloc_trim(0);
#endif
  return info.Env().Undefined();
}

// V8 flags set once Node is up (scripts/launcher.cjs, before it compiles the bundle): on
// node's command line they would make V8 reject Node's own code cache, and node:v8's
// setFlagsFromString costs loading that module (~2 ms) on PID 1's way to its first service.
Napi::Value SetV8Flags(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) {
    Napi::TypeError::New(env, "setV8Flags(flags) needs a string").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  const std::string flags = info[0].As<Napi::String>().Utf8Value();
  v8::V8::SetFlagsFromString(flags.c_str(), flags.size());
  return env.Undefined();
}

// The last thing PID 1 does once every unit stopped and its stream is flushed. process.exit()
// would first tear Node down (exit handlers, the V8 heap, libuv's threads): milliseconds that
// `docker stop` waits for and nothing needs, since the kernel reclaims it all anyway.
Napi::Value ExitNow(const Napi::CallbackInfo& info) {
  int code = 0;
  if (info.Length() > 0 && info[0].IsNumber()) code = info[0].As<Napi::Number>().Int32Value();
  _exit(code & 0xff);
}

}  // namespace tsd
