#pragma once
#include <napi.h>

namespace tsd {
Napi::Value StartReaper(const Napi::CallbackInfo& info);
Napi::Value Stats(const Napi::CallbackInfo& info);
Napi::Value HasChildren(const Napi::CallbackInfo& info);
}  // namespace tsd
