// The user and group database (NSS) for User=/Group=/SupplementaryGroups=. Consulted in the
// parent before fork: NSS may allocate, lock and open files, none of which is safe in the child.
#include "users.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <string>
#include <vector>

namespace tsd {
namespace {

Napi::Value PasswdToObject(Napi::Env env, const struct passwd& pw) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", pw.pw_name ? pw.pw_name : "");
  o.Set("uid", static_cast<double>(pw.pw_uid));
  o.Set("gid", static_cast<double>(pw.pw_gid));
  o.Set("home", pw.pw_dir ? pw.pw_dir : "/");
  o.Set("shell", pw.pw_shell ? pw.pw_shell : "/bin/sh");
  return o;
}

// Calls a *_r lookup with a buffer that grows on ERANGE.
template <typename Lookup>
bool WithBuffer(Lookup lookup) {
  std::vector<char> buffer(4096);
  for (int attempt = 0; attempt < 8; attempt++) {
    int err = lookup(buffer);
    if (err != ERANGE) return err == 0;
    buffer.resize(buffer.size() * 4);
  }
  return false;
}

bool StringArg(const Napi::CallbackInfo& info, std::string& out) {
  if (info.Length() < 1 || !info[0].IsString()) {
    Napi::TypeError::New(info.Env(), "expected a name").ThrowAsJavaScriptException();
    return false;
  }
  out = info[0].As<Napi::String>().Utf8Value();
  // "root\0x" must not quietly become "root" at the C boundary.
  if (out.empty() || out.find('\0') != std::string::npos) {
    Napi::TypeError::New(info.Env(), "a name must be non-empty and free of NUL bytes").ThrowAsJavaScriptException();
    return false;
  }
  return true;
}

// uid/gid arguments: integers in [0, 2^32 - 2] ((uid_t)-1 is no id).
bool IdArg(const Napi::CallbackInfo& info, size_t index, uint32_t& out) {
  if (info.Length() <= index || !info[index].IsNumber()) {
    Napi::TypeError::New(info.Env(), "expected a numeric id").ThrowAsJavaScriptException();
    return false;
  }
  double d = info[index].As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= 4294967294.0) || std::floor(d) != d) {
    Napi::TypeError::New(info.Env(), "an id must be an integer in [0, 4294967294]").ThrowAsJavaScriptException();
    return false;
  }
  out = static_cast<uint32_t>(d);
  return true;
}

}  // namespace

Napi::Value LookupUser(const Napi::CallbackInfo& info) {
  std::string name;
  if (!StringArg(info, name)) return info.Env().Undefined();
  struct passwd pw, *found = nullptr;
  Napi::Value result = info.Env().Null();
  WithBuffer([&](std::vector<char>& buf) {
    int err = getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &found);
    if (err == 0 && found) result = PasswdToObject(info.Env(), pw);
    return err;
  });
  return result;
}

Napi::Value LookupUserById(const Napi::CallbackInfo& info) {
  uint32_t uid;
  if (!IdArg(info, 0, uid)) return info.Env().Undefined();
  struct passwd pw, *found = nullptr;
  Napi::Value result = info.Env().Null();
  WithBuffer([&](std::vector<char>& buf) {
    int err = getpwuid_r(uid, &pw, buf.data(), buf.size(), &found);
    if (err == 0 && found) result = PasswdToObject(info.Env(), pw);
    return err;
  });
  return result;
}

Napi::Value LookupGroup(const Napi::CallbackInfo& info) {
  std::string name;
  if (!StringArg(info, name)) return info.Env().Undefined();
  struct group gr, *found = nullptr;
  Napi::Value result = info.Env().Null();
  WithBuffer([&](std::vector<char>& buf) {
    int err = getgrnam_r(name.c_str(), &gr, buf.data(), buf.size(), &found);
    if (err == 0 && found) {
      Napi::Object o = Napi::Object::New(info.Env());
      o.Set("gid", static_cast<double>(gr.gr_gid));
      o.Set("name", gr.gr_name ? gr.gr_name : "");
      result = o;
    }
    return err;
  });
  return result;
}

Napi::Value GroupList(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string user;
  uint32_t gid;
  if (!StringArg(info, user) || !IdArg(info, 1, gid)) return env.Undefined();
  int count = 32;
  std::vector<gid_t> groups(count);
  for (int attempt = 0; attempt < 8; attempt++) {
    int n = count;
    if (getgrouplist(user.c_str(), gid, groups.data(), &n) >= 0) {
      Napi::Array array = Napi::Array::New(env, n);
      for (int i = 0; i < n; i++) array.Set(static_cast<uint32_t>(i), static_cast<double>(groups[i]));
      return array;
    }
    count = n > count ? n : count * 2;
    groups.resize(count);
  }
  Napi::Array array = Napi::Array::New(env, 1);
  array.Set(0u, static_cast<double>(gid));
  return array;
}

}  // namespace tsd
