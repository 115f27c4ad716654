// The journal's hot path: cutting a service's output into lines, escaping them and putting
// the stream prefix in front of each, one call per chunk read from the service's pipe.
#pragma once
#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tsd {

struct FrameRequest {
  const uint8_t* in;
  size_t inLength;
  size_t start;            // where unread input begins
  const uint8_t* prefix;   // "2026-11-22T11:03:09.123Z nginx.service[42]: "
  size_t prefixLength;
  uint8_t* out;
  size_t outCapacity;
  size_t maxLine;          // journald's LineMax: longer lines are cut into pieces this long
  bool levelPrefix;        // SyslogLevelPrefix=: a leading "<N>" sets the line's priority
  bool final;              // the stream ended: a last line without '\n' is still a line
};

struct FrameResult {
  size_t consumed = 0;     // input up to here is done; the rest waits for more input or room
  size_t written = 0;      // bytes of out used
  size_t lines = 0;
  std::vector<uint32_t> priorities;  // pairs (line index, N) for the lines that had "<N>"
};

// Pure: no syscalls, no allocation but the priorities vector. Stops early, at a line
// boundary, when the next line does not fit in out.
FrameResult FrameLines(const FrameRequest& request);

Napi::Value FrameLinesJs(const Napi::CallbackInfo& info);

}  // namespace tsd
