// Turns raw service output into stream lines. Each line becomes
//   PREFIX + MESSAGE + '\n'
// where MESSAGE keeps valid UTF-8 and TAB as they are and writes every control byte and every
// byte of an invalid UTF-8 sequence as \xNN: a service must not inject terminal escapes or
// fake line breaks into `docker logs`. Lines are cut on '\n'; one longer than maxLine is cut
// into maxLine pieces as journald does (journald.conf(5), LineMax=).
//
// This runs for every byte every service prints, so it is here rather than in JavaScript:
// memchr and memcpy over a whole chunk instead of a loop over bytes in the VM.
#include "frame-lines.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace tsd {
namespace {

bool IsPlain(uint8_t b) { return (b >= 0x20 && b < 0x7f) || b == '\t'; }

// Length of the valid UTF-8 sequence at p (at most `left` bytes), 0 if there is none.
size_t Utf8SequenceLength(const uint8_t* p, size_t left) {
  const uint8_t b0 = p[0];
  size_t need;
  uint32_t min;
  if (b0 >= 0xc2 && b0 <= 0xdf) { need = 1; min = 0x80; }
  else if (b0 >= 0xe0 && b0 <= 0xef) { need = 2; min = 0x800; }
  else if (b0 >= 0xf0 && b0 <= 0xf4) { need = 3; min = 0x10000; }
  else return 0;
  if (need >= left) return 0;  // truncated at the end of the line
  uint32_t cp = b0 & (0x3f >> need);
  for (size_t k = 1; k <= need; k++) {
    if ((p[k] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (p[k] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return need + 1;
}

// Bytes the escaped form of [p, p+len) takes.
// Whether all 8 bytes of w are printable ASCII (0x20..0x7e), checked at once: no byte has
// its high bit set, none is below 0x20, none is 0x7f. (A TAB fails here and is looked at
// byte by byte, where it is plain.)
bool AllPrintable8(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const uint64_t below20 = (w - 0x20 * kOnes) & ~w;   // high bit set where a byte < 0x20
  const uint64_t x = w ^ (0x7f * kOnes);              // zero byte where a byte == 0x7f
  const uint64_t is7f = (x - kOnes) & ~x;
  return ((w | below20 | is7f) & kHigh) == 0;
}

// Length of the printable-ASCII run at the start of [p, p+len).
size_t PlainPrefix(const uint8_t* p, size_t len) {
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (!AllPrintable8(w)) break;
  }
  while (i < len && IsPlain(p[i])) i++;
  return i;
}

size_t EscapedLength(const uint8_t* p, size_t len) {
  size_t i = PlainPrefix(p, len);
  if (i == len) return len;  // the common case: printable ASCII
  size_t out = i;
  while (i < len) {
    if (IsPlain(p[i])) { out++; i++; continue; }
    if (p[i] >= 0x80) {
      size_t seq = Utf8SequenceLength(p + i, len - i);
      if (seq > 0) { out += seq; i += seq; continue; }
    }
    out += 4;  // \xNN
    i++;
  }
  return out;
}

void WriteEscaped(const uint8_t* p, size_t len, size_t escapedLength, uint8_t* out) {
  if (escapedLength == len) {
    std::memcpy(out, p, len);
    return;
  }
  static const char kHex[] = "0123456789abcdef";
  size_t i = 0;
  while (i < len) {
    if (IsPlain(p[i])) { *out++ = p[i++]; continue; }
    if (p[i] >= 0x80) {
      size_t seq = Utf8SequenceLength(p + i, len - i);
      if (seq > 0) {
        std::memcpy(out, p + i, seq);
        out += seq;
        i += seq;
        continue;
      }
    }
    *out++ = '\\';
    *out++ = 'x';
    *out++ = kHex[p[i] >> 4];
    *out++ = kHex[p[i] & 15];
    i++;
  }
}

}  // namespace

FrameResult FrameLines(const FrameRequest& r) {
  FrameResult result;
  size_t i = r.start;
  size_t o = 0;
  while (i < r.inLength) {
    const size_t left = r.inLength - i;
    const size_t window = std::min(left, r.maxLine);
    const void* nl = std::memchr(r.in + i, '\n', window);
    size_t lineEnd, next;
    if (nl != nullptr) {
      lineEnd = static_cast<const uint8_t*>(nl) - r.in;
      next = lineEnd + 1;
    } else if (left >= r.maxLine) {
      // A full piece: cut it now, without waiting for the newline. A newline right after
      // it ends this line rather than making an empty one.
      lineEnd = i + r.maxLine;
      next = lineEnd;
      if (next < r.inLength && r.in[next] == '\n') next++;
    } else if (r.final) {
      lineEnd = r.inLength;
      next = r.inLength;
    } else {
      break;  // a partial line: wait for the rest
    }
    size_t messageStart = i;
    int priority = -1;
    if (r.levelPrefix && lineEnd - i >= 3 && r.in[i] == '<' && r.in[i + 2] == '>' && r.in[i + 1] >= '0' &&
        r.in[i + 1] <= '7') {
      priority = r.in[i + 1] - '0';
      messageStart += 3;
    }
    const size_t length = lineEnd - messageStart;
    const size_t escaped = EscapedLength(r.in + messageStart, length);
    if (r.outCapacity - o < r.prefixLength + escaped + 1) break;  // no room: the caller brings more
    std::memcpy(r.out + o, r.prefix, r.prefixLength);
    o += r.prefixLength;
    WriteEscaped(r.in + messageStart, length, escaped, r.out + o);
    o += escaped;
    r.out[o++] = '\n';
    if (priority >= 0) {
      result.priorities.push_back(static_cast<uint32_t>(result.lines));
      result.priorities.push_back(static_cast<uint32_t>(priority));
    }
    result.lines++;
    i = next;
  }
  result.consumed = i;
  result.written = o;
  return result;
}

// frameLines(input, start, prefix, out, maxLine, levelPrefix, final)
//   -> { consumed, written, lines, priorities?: number[] }
Napi::Value FrameLinesJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 7 || !info[0].IsBuffer() || !info[1].IsNumber() || !info[2].IsBuffer() ||
      !info[3].IsBuffer() || !info[4].IsNumber() || !info[5].IsBoolean() || !info[6].IsBoolean()) {
    Napi::TypeError::New(env, "frameLines(input, start, prefix, out, maxLine, levelPrefix, final)")
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  auto input = info[0].As<Napi::Buffer<uint8_t>>();
  auto prefix = info[2].As<Napi::Buffer<uint8_t>>();
  auto out = info[3].As<Napi::Buffer<uint8_t>>();
  const double start = info[1].As<Napi::Number>().DoubleValue();
  const double maxLine = info[4].As<Napi::Number>().DoubleValue();
  if (!(start >= 0 && start <= static_cast<double>(input.Length())) || !(maxLine >= 1)) {
    Napi::RangeError::New(env, "frameLines: start or maxLine out of range").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  FrameRequest request{input.Data(), input.Length(), static_cast<size_t>(start), prefix.Data(), prefix.Length(),
                       out.Data(), out.Length(), static_cast<size_t>(maxLine), info[5].As<Napi::Boolean>().Value(),
                       info[6].As<Napi::Boolean>().Value()};
  FrameResult result = FrameLines(request);
  Napi::Object o = Napi::Object::New(env);
  o.Set("consumed", Napi::Number::New(env, static_cast<double>(result.consumed)));
  o.Set("written", Napi::Number::New(env, static_cast<double>(result.written)));
  o.Set("lines", Napi::Number::New(env, static_cast<double>(result.lines)));
  if (!result.priorities.empty()) {
    Napi::Array pairs = Napi::Array::New(env, result.priorities.size());
    for (size_t k = 0; k < result.priorities.size(); k++) pairs.Set(k, Napi::Number::New(env, result.priorities[k]));
    o.Set("priorities", pairs);
  }
  return o;
}

}  // namespace tsd
