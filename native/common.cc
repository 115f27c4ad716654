#include "common.h"

#include <cstdio>
#include <cstring>

namespace tsd {

// glibc (2.32+) knows every name; "E<number>" for one it does not.
const char* ErrnoName(int err) {
  const char* name = strerrorname_np(err);
  if (name) return name;
  static thread_local char buf[16];
  std::snprintf(buf, sizeof buf, "E%d", err);
  return buf;
}

void InvokeFromLoop(Napi::Env env, Napi::FunctionReference& fn, const std::initializer_list<napi_value>& args) {
  Napi::HandleScope scope(env);
  fn.MakeCallback(env.Global(), args);
  if (env.IsExceptionPending()) {
    Napi::Error error = env.GetAndClearPendingException();
    napi_fatal_exception(env, error.Value());
  }
}

}  // namespace tsd
