// Small shared pieces of the native core: an owning fd, errno names, and the one place
// where a JS callback is invoked from a libuv callback.
#pragma once
#include <napi.h>
#include <cerrno>

#include "unique-fd.h"

namespace tsd {

// "ENOENT" for 2, and so on; "E<number>" for the rare ones.
const char* ErrnoName(int err);

// Calls a JS function from a libuv callback: opens a scope, runs microtasks afterwards
// (MakeCallback), and turns an exception thrown by the callback into an
// 'uncaughtException' instead of leaving it pending in C++.
void InvokeFromLoop(Napi::Env env, Napi::FunctionReference& fn, const std::initializer_list<napi_value>& args);

}  // namespace tsd
