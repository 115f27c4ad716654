#include "stream-framer.h"

#include <algorithm>

namespace tsd {
namespace {

// A region is asked for what plain lines of ~32 bytes would take with their heads, capped;
// escaped or shorter lines take another turn. One whole maximal line must always fit.
constexpr size_t kMaxRegion = 1 << 20;

size_t RoomFor(size_t left, size_t headLength, size_t maxLine) {
  const size_t guess = left + (left / 32 + 1) * (headLength + 32);
  return std::max(std::min(guess, kMaxRegion), MaxFramedLine(headLength, std::min(left, maxLine)));
}

}  // namespace

size_t MaxRegion(size_t headLength, size_t maxLine) { return std::max(kMaxRegion, MaxFramedLine(headLength, maxLine)); }

void StreamFramer::Frame(const uint8_t* input, size_t length, bool final, const std::string& head, FrameOutput& output) {
  const auto* headBytes = reinterpret_cast<const uint8_t*>(head.data());
  size_t start = 0;
  size_t least = 0;  // raised when a line did not fit: MaxFramedLine always fits one, this is a guard
  while (start < length) {
    const size_t room = std::max(RoomFor(length - start, head.size(), maxLine_), least);
    uint64_t position = 0;
    uint8_t* out = output.Reserve(room, &position);
    FrameRequest request{input, length, start, headBytes, head.size(), out, room, maxLine_, levelPrefix_, final,
                         format_, defaultPriority_};
    FrameResult result = FrameLines(request);
    if (result.lines > 0) {
      output.Commit({out, result.written, result.lines, std::move(result.priorities), position});
    }
    if (result.outOfRoom && result.lines == 0) {
      least = 2 * room;
      continue;
    }
    if (result.consumed == start) break;  // an unfinished line: it waits for more input
    start = result.consumed;
  }
  partial_.assign(reinterpret_cast<const char*>(input) + start, length - start);
}

}  // namespace tsd
