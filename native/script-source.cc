// The bundle's text as a string V8 reads where it lies, outside its heap (an external
// Latin-1 string), for scripts/launcher.cjs to compile with the code cache.
//
// readFileSync(file, 'utf8') decodes the ~340 KB into a new string in V8's young generation,
// and the launcher's function wrapper around it is a second copy once V8 flattens the two:
// ~700 KB allocated on PID 1's way to its first service, which fills the young generation
// and costs a scavenge that copies the text once more. An external string is none of that:
// the bytes are read once into memory of our own and V8 only points at them. The bundle
// carries its wrapper itself (scripts/bundle.mjs), so no concatenation makes a copy either.
//
// Latin-1 reads each byte as one character, which is what UTF-8 means only for ASCII: a file
// with any other byte is refused (esbuild writes ASCII, escaping the rest), and so is one that
// cannot be read; the launcher then reads the file itself.
//
// node_api_create_external_string_latin1 is experimental in Node 20 (N-API 10 from Node 22):
// this file alone opts in, so the module keeps its N-API version (binding.gyp) and
// node-addon-api is compiled one way everywhere.
#undef NAPI_VERSION
#define NAPI_EXPERIMENTAL
#include <node_api.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "unique-fd.h"

namespace tsd {
namespace {

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};
using MallocChars = std::unique_ptr<char, FreeDeleter>;

constexpr size_t kMaxScript = 64u << 20;

// The whole file, or nothing: a short read (the file shrank under us) or a longer file than
// fstat said (it grew) is refused like an error.
MallocChars ReadWhole(const char* path, size_t* length) {
  UniqueFd fd(open(path, O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return nullptr;
  struct stat st{};
  if (fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
      static_cast<size_t>(st.st_size) > kMaxScript) {
    return nullptr;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  MallocChars data(static_cast<char*>(std::malloc(size + 1)));
  if (!data) return nullptr;
  size_t done = 0;
  while (done <= size) {  // one byte more than expected: a read of it means the file grew
    const ssize_t n = read(fd.get(), data.get() + done, size + 1 - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      return nullptr;
    }
  }
  if (done != size) return nullptr;
  *length = size;
  return data;
}

bool IsAscii(const char* p, size_t length) {
  for (size_t i = 0; i < length; i++) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) return false;
  }
  return true;
}

// The finalizer's environment is napi_env or a const "basic" one, as the Node's headers say:
// a generic lambda converts to either.
constexpr auto kFreeText = [](auto /*env*/, void* data, void* /*hint*/) { std::free(data); };

}  // namespace

// readScriptSource(path): the file's text as an external string, or undefined (unreadable,
// not ASCII, or external strings unavailable: then the launcher reads the file itself).
napi_value ReadScriptSource(napi_env env, napi_callback_info info) {
  napi_value undefined = nullptr;
  napi_get_undefined(env, &undefined);
  size_t argc = 1;
  napi_value argv[1] = {nullptr};
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < 1) return undefined;
  char path[4096];
  size_t pathLength = 0;
  if (napi_get_value_string_utf8(env, argv[0], path, sizeof path, &pathLength) != napi_ok ||
      pathLength + 1 >= sizeof path || std::strlen(path) != pathLength) {  // too long, or a NUL in it
    return undefined;
  }
  size_t length = 0;
  MallocChars text = ReadWhole(path, &length);
  if (!text || !IsAscii(text.get(), length)) return undefined;
  napi_value result = nullptr;
  bool copied = false;
  // From here the finalizer owns the bytes (when V8 copied them, it has run already).
  char* owned = text.release();
  if (node_api_create_external_string_latin1(env, owned, length, kFreeText, nullptr, &result, &copied) != napi_ok) {
    // No string was made, and Node does not say whether the finalizer ran: the bytes are left
    // (once, at start), where freeing them could free them twice.
    return undefined;
  }
  return result;
}

}  // namespace tsd
