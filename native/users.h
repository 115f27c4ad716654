#pragma once
#include <napi.h>

namespace tsd {
Napi::Value LookupUser(const Napi::CallbackInfo& info);
Napi::Value LookupUserById(const Napi::CallbackInfo& info);
Napi::Value LookupGroup(const Napi::CallbackInfo& info);
Napi::Value GroupList(const Napi::CallbackInfo& info);
}  // namespace tsd
