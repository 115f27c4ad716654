// The journal's hot path: cutting a service's output into lines, escaping them and putting
// the stream's line head in front of each (native/log-pump.cc calls it once per read).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tsd {

// How a line appears in the stream.
//   kText: HEAD + MESSAGE + '\n', HEAD being "2026-11-22T11:03:09.123Z nginx.service[42]: ".
//   kJson: one JSON object per line, exactly as pino writes tsd's records (src/journal/json-format.ts):
//          {"level":L + HEAD + N,"msg":"MESSAGE"}\n  where HEAD is ,"time":"...","unit":...,"priority":
//          and L, N come from the line's priority (its "<N>" prefix, or the source's default).
enum class LineFormat { kText, kJson };

struct FrameRequest {
  const uint8_t* in;
  size_t inLength;
  size_t start;            // where unread input begins
  const uint8_t* head;     // the part of every line's head that is the same for the whole read
  size_t headLength;
  uint8_t* out;
  size_t outCapacity;
  size_t maxLine;          // journald's LineMax: longer lines are cut into pieces this long
  bool levelPrefix;        // SyslogLevelPrefix=: a leading "<N>" sets the line's priority
  bool final;              // the stream ended: a last line without '\n' is still a line
  LineFormat format = LineFormat::kText;
  int defaultPriority = 6; // kJson: the priority of lines without "<N>"
};

struct FrameResult {
  size_t consumed = 0;     // input up to here is done; the rest waits for more input or room
  size_t written = 0;      // bytes of out used
  size_t lines = 0;
  std::vector<uint32_t> priorities;  // pairs (line index, N) for the lines that had "<N>"
  bool outOfRoom = false;  // stopped before a complete line that did not fit (not a partial one)
};

// Pure: no syscalls, no allocation but the priorities vector. Stops early, at a line
// boundary, when the next line does not fit in out.
FrameResult FrameLines(const FrameRequest& request);

// The most one line can take in the stream: its head, the longest message (maxLine bytes,
// each escaped to at most 5) and the JSON framing around it.
size_t MaxFramedLine(size_t headLength, size_t maxLine);

}  // namespace tsd
