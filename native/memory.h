// Handing memory that an idle tsd no longer uses back to the kernel.
#pragma once
#include <napi.h>

namespace tsd {

Napi::Value ReduceMemory(const Napi::CallbackInfo& info);

}  // namespace tsd
