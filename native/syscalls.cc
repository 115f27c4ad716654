// Single system calls PID 1 makes on its way to its first service, where Node's own API costs
// more the first time it runs (~0.3 ms each: argument checks, error objects, a Stats or a
// Buffer) than the call itself: mkdir(2) for the notify socket's directory, getrandom(2) for
// each unit start's INVOCATION_ID.
#include "syscalls.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string>

#include "common.h"

namespace tsd {
namespace {

constexpr size_t kIdBytes = 16;

// Calls read_some(dest, count) until `out` holds `length` bytes or it fails (EINTR retried;
// 0 counts as a failure); returns how many bytes `out` holds, `filled` of them already there.
template <typename ReadSome>
size_t Fill(uint8_t* out, size_t length, size_t filled, ReadSome read_some) {
  while (filled < length) {
    ssize_t n = read_some(out + filled, length - filled);
    if (n > 0) {
      filled += static_cast<size_t>(n);
    } else if (!(n < 0 && errno == EINTR)) {
      break;
    }
  }
  return filled;
}

// getrandom(2) without blocking; /dev/urandom (which never blocks) while the kernel's pool is
// not initialised yet. False only if neither works.
bool FillRandom(uint8_t* out, size_t length) {
  size_t filled = Fill(out, length, 0, [](uint8_t* dest, size_t count) { return getrandom(dest, count, GRND_NONBLOCK); });
  if (filled == length) return true;
  UniqueFd fd(open("/dev/urandom", O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return false;
  return Fill(out, length, filled, [&fd](uint8_t* dest, size_t count) { return read(fd.get(), dest, count); }) == length;
}

}  // namespace

// makeDirectory(path, mode): mkdir(2) of one directory; 0 or the errno (EEXIST included).
Napi::Value MakeDirectory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsNumber()) {
    Napi::TypeError::New(env, "makeDirectory(path, mode)").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  std::string path = info[0].As<Napi::String>().Utf8Value();
  if (path.empty() || path.find('\0') != std::string::npos) return Napi::Number::New(env, EINVAL);
  auto mode = static_cast<mode_t>(info[1].As<Napi::Number>().Uint32Value() & 07777);
  return Napi::Number::New(env, mkdir(path.c_str(), mode) == 0 ? 0 : errno);
}

// randomId128(): 128 random bits as 32 lowercase hex digits (sd_id128 format); undefined if
// the kernel gives none.
Napi::Value RandomId128(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint8_t bytes[kIdBytes];
  if (!FillRandom(bytes, kIdBytes)) return env.Undefined();
  static const char kHex[] = "0123456789abcdef";
  char text[kIdBytes * 2];
  for (size_t i = 0; i < kIdBytes; i++) {
    text[2 * i] = kHex[bytes[i] >> 4];
    text[2 * i + 1] = kHex[bytes[i] & 0xf];
  }
  return Napi::String::New(env, text, sizeof text);
}

}  // namespace tsd
