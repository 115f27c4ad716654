#pragma once
#include <napi.h>

namespace tsd {
Napi::Value MakeDirectory(const Napi::CallbackInfo& info);
Napi::Value RandomId128(const Napi::CallbackInfo& info);
}  // namespace tsd
