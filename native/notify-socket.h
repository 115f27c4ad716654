#pragma once
#include <napi.h>

namespace tsd {
Napi::Value OpenNotifySocket(const Napi::CallbackInfo& info);
Napi::Value CloseNotifySocket(const Napi::CallbackInfo& info);
}  // namespace tsd
