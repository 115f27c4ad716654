#pragma once
#include <napi.h>

namespace tsd {
// spawn(options) -> { ok: true, pid, stdoutFd?, stderrFd? } | { ok: false, errno, code, stage, message }
Napi::Value Spawn(const Napi::CallbackInfo& info);
}  // namespace tsd
