// Turns raw service output into stream lines. Each MESSAGE keeps valid UTF-8 and TAB as they
// are and writes every control byte and every byte of an invalid UTF-8 sequence as \xNN: a
// service must not inject terminal escapes or fake line breaks into `docker logs`. Lines are
// cut on '\n'; one longer than maxLine is cut into maxLine pieces as journald does
// (journald.conf(5), LineMax=). In the JSON format the message is then a JSON string
// ('"', '\\' and TAB escaped), as JSON.stringify would write it.
//
// This runs for every byte every service prints. Most lines are printable ASCII: one scan
// finds both the end of the line and whether anything in it needs escaping, and such a line
// is then copied as it is.
#include "frame-lines.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tsd {
namespace {

// syslog priority -> pino level, as src/journal/json-format.ts maps them.
const char* const kPinoLevel[8] = {"60", "60", "60", "50", "40", "30", "30", "20"};

bool IsPrintable(uint8_t b) { return b >= 0x20 && b < 0x7f; }

// Bytes a plain line may hold as they are: printable ASCII, in JSON but '"' and '\\'.
bool IsVerbatim(uint8_t b, bool json) { return IsPrintable(b) && !(json && (b == '"' || b == '\\')); }

// Index of the first byte of [p, p+len) that is not verbatim (a newline is one), or len.
// With out, the run is also copied there, 16 bytes at a time: out must have room for len + 16
// bytes, of which up to 16 past the run may be written.
size_t VerbatimRun(const uint8_t* p, size_t len, bool json, uint8_t* out = nullptr) {
  size_t i = 0;
#if defined(__SSE2__)
  // 16 bytes at a time. As signed bytes, 0x80..0xff are negative: "< 0x20" catches them with
  // the control bytes.
  const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= len; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (out) _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), v);
    __m128i special = _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del));
    if (json) special = _mm_or_si128(special, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    const int mask = _mm_movemask_epi8(special);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#else
  // 8 bytes at a time: no byte has its high bit set, none is below 0x20, none is 0x7f.
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  if (!json) {
    for (; i + 8 <= len; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      const uint64_t below20 = (w - 0x20 * kOnes) & ~w;
      const uint64_t x = w ^ (0x7f * kOnes);
      const uint64_t is7f = (x - kOnes) & ~x;
      if (((w | below20 | is7f) & kHigh) != 0) break;
    }
  }
#endif
  const size_t rest = i;
  while (i < len && IsVerbatim(p[i], json)) i++;
  if (out) std::memcpy(out + rest, p + rest, i - rest);
  return i;
}

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

// Writes the escaped form of [p, p+len) to out (or only counts it when out is null) and
// returns its length. `verbatim` bytes at the front are known to need no escaping.
size_t Escape(const uint8_t* p, size_t len, size_t verbatim, bool json, uint8_t* out) {
  static const char kHex[] = "0123456789abcdef";
  if (out) std::memcpy(out, p, verbatim);
  size_t o = verbatim;
  size_t i = verbatim;
  while (i < len) {
    const uint8_t b = p[i];
    if (IsVerbatim(b, json)) {
      if (out) out[o] = b;
      o++;
      i++;
    } else if (b == '\t' || b == '"' || b == '\\') {  // text: only TAB gets here, verbatim
      if (json) {
        if (out) { out[o] = '\\'; out[o + 1] = b == '\t' ? 't' : b; }
        o += 2;
      } else {
        if (out) out[o] = b;
        o++;
      }
      i++;
    } else if (size_t seq = b >= 0x80 ? Utf8SequenceLength(p + i, len - i) : 0; seq > 0) {
      if (out) std::memcpy(out + o, p + i, seq);
      o += seq;
      i += seq;
    } else {
      // \xNN; in JSON its backslash is escaped in turn, as the text form's would be.
      if (out) {
        uint8_t* w = out + o;
        *w++ = '\\';
        if (json) *w++ = '\\';
        *w++ = 'x';
        *w++ = kHex[b >> 4];
        *w++ = kHex[b & 15];
      }
      o += json ? 5 : 4;
      i++;
    }
  }
  return o;
}

constexpr char kJsonOpen[] = "{\"level\":";
constexpr char kJsonMessage[] = ",\"msg\":\"";
constexpr char kJsonClose[] = "\"}\n";
constexpr size_t kJsonOpenLength = sizeof kJsonOpen - 1;
constexpr size_t kJsonMessageLength = sizeof kJsonMessage - 1;
constexpr size_t kJsonCloseLength = sizeof kJsonClose - 1;
// {"level":NN + head + N + ,"msg":" + message + "}\n
constexpr size_t kJsonFraming = kJsonOpenLength + 2 + 1 + kJsonMessageLength + kJsonCloseLength;

void Put(uint8_t*& w, const void* bytes, size_t length) {
  std::memcpy(w, bytes, length);
  w += length;
}

// Writes one line's head and end in the request's format.
class LineWriter {
 public:
  LineWriter(const FrameRequest& r, bool json, int priority)
      : r_(r), json_(json), priority_(priority >= 0 ? priority : std::clamp(r.defaultPriority, 0, 7)), own_(priority >= 0) {}

  size_t headBytes() const { return json_ ? kJsonOpenLength + 2 + r_.headLength + 1 + kJsonMessageLength : r_.headLength; }
  size_t endBytes() const { return json_ ? kJsonCloseLength : 1; }

  uint8_t* WriteHead(uint8_t* w) const {
    if (json_) {
      Put(w, kJsonOpen, kJsonOpenLength);
      Put(w, kPinoLevel[priority_], 2);
      Put(w, r_.head, r_.headLength);
      *w++ = static_cast<uint8_t>('0' + priority_);
      Put(w, kJsonMessage, kJsonMessageLength);
    } else {
      Put(w, r_.head, r_.headLength);
    }
    return w;
  }

  uint8_t* WriteEnd(uint8_t* w) const {
    if (json_) Put(w, kJsonClose, kJsonCloseLength);
    else *w++ = '\n';
    return w;
  }

  void Count(FrameResult& result) const {
    if (own_) {
      result.priorities.push_back(static_cast<uint32_t>(result.lines));
      result.priorities.push_back(static_cast<uint32_t>(priority_));
    }
    result.lines++;
  }

 private:
  const FrameRequest& r_;
  bool json_;
  int priority_;
  bool own_;
};

}  // namespace

size_t MaxFramedLine(size_t headLength, size_t maxLine) { return headLength + 5 * maxLine + kJsonFraming + 1; }

FrameResult FrameLines(const FrameRequest& r) {
  FrameResult result;
  const bool json = r.format == LineFormat::kJson;
  size_t i = r.start;
  size_t o = 0;
  while (i < r.inLength) {
    const size_t left = r.inLength - i;
    const size_t window = std::min(left, r.maxLine);
    // "<N>" can only be read once the line is complete, but it is never part of a newline.
    int priority = -1;
    size_t messageStart = i;
    if (r.levelPrefix && window >= 3 && r.in[i] == '<' && r.in[i + 2] == '>' && r.in[i + 1] >= '0' && r.in[i + 1] <= '7') {
      priority = r.in[i + 1] - '0';
      messageStart += 3;
    }
    const uint8_t* message = r.in + messageStart;
    const size_t messageWindow = i + window - messageStart;
    LineWriter line{r, json, priority};

    // The common case, in one pass: with room for the whole window, copy the message while
    // looking for its end; a line of verbatim bytes ending in '\n' is then done.
    size_t verbatim;
    if (r.outCapacity - o >= line.headBytes() + messageWindow + 16 + line.endBytes()) {
      uint8_t* w = line.WriteHead(r.out + o);
      verbatim = VerbatimRun(message, messageWindow, json, w);
      if (verbatim < messageWindow && message[verbatim] == '\n') {
        o = static_cast<size_t>(line.WriteEnd(w + verbatim) - r.out);
        line.Count(result);
        i = messageStart + verbatim + 1;
        continue;
      }
    } else {
      verbatim = VerbatimRun(message, messageWindow, json);
    }

    // Anything else: find where the line ends, then escape it.
    size_t lineEnd, next;
    if (const void* nl = std::memchr(message + verbatim, '\n', messageWindow - verbatim); nl != nullptr) {
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
    const size_t length = lineEnd - messageStart;
    verbatim = std::min(verbatim, length);
    const size_t escaped = verbatim == length ? length : Escape(message, length, verbatim, json, nullptr);
    if (r.outCapacity - o < line.headBytes() + escaped + line.endBytes()) {
      result.outOfRoom = true;  // the caller brings more
      break;
    }
    uint8_t* w = line.WriteHead(r.out + o);
    Escape(message, length, verbatim, json, w);
    o = static_cast<size_t>(line.WriteEnd(w + escaped) - r.out);
    line.Count(result);
    i = next;
  }
  result.consumed = i;
  result.written = o;
  return result;
}

}  // namespace tsd
