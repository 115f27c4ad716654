// tsd's own process: shrinking once boot is over, and leaving at the very end.
#pragma once
#include <napi.h>

namespace tsd {

Napi::Value ReduceMemory(const Napi::CallbackInfo& info);
Napi::Value SetV8Flags(const Napi::CallbackInfo& info);
Napi::Value ExitNow(const Napi::CallbackInfo& info);

}  // namespace tsd
