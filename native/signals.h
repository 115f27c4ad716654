#pragma once
#include <napi.h>

namespace tsd {
Napi::Value HandleSignals(const Napi::CallbackInfo& info);
Napi::Value Kill(const Napi::CallbackInfo& info);
Napi::Value KillProcessGroup(const Napi::CallbackInfo& info);
Napi::Value SetChildSubreaper(const Napi::CallbackInfo& info);
Napi::Value GetPid(const Napi::CallbackInfo& info);
Napi::Value Close(const Napi::CallbackInfo& info);
}  // namespace tsd
