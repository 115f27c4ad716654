// One service stream's framing across reads: the unfinished last line waits for the next
// read, and every finished line goes into regions of output memory the caller hands out
// (the log pump's ring, or a plain vector in tests).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "frame-lines.h"

namespace tsd {

struct FramedBlock {
  const uint8_t* bytes;
  size_t length;
  size_t lines;
  std::vector<uint32_t> priorities;  // pairs (line index, N) for the lines that had "<N>"
  uint64_t position;                 // where the region began (the ring's virtual position)
};

// Where framed lines go: Reserve gives at least `room` writable bytes, Commit takes the block
// written at the start of the last region.
class FrameOutput {
 public:
  virtual ~FrameOutput() = default;
  virtual uint8_t* Reserve(size_t room, uint64_t* position) = 0;
  virtual void Commit(FramedBlock block) = 0;
};

// The largest region Frame asks for, for lines with heads of up to headLength bytes.
size_t MaxRegion(size_t headLength, size_t maxLine);

class StreamFramer {
 public:
  StreamFramer(LineFormat format, size_t maxLine, bool levelPrefix, int defaultPriority)
      : format_(format), maxLine_(maxLine), levelPrefix_(levelPrefix), defaultPriority_(defaultPriority) {}

  // The unfinished line of earlier reads: a read should append to a copy of it.
  const std::string& partial() const { return partial_; }

  // Frames `input` (the partial line followed by the bytes just read); whatever remains
  // unfinished is kept for the next call. `final`: the stream ended.
  void Frame(const uint8_t* input, size_t length, bool final, const std::string& head, FrameOutput& output);

 private:
  LineFormat format_;
  size_t maxLine_;
  bool levelPrefix_;
  int defaultPriority_;
  std::string partial_;
};

}  // namespace tsd
