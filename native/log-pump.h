// The log pump: every service pipe -> lines -> tsd's stdout, on a thread of its own.
#pragma once
#include <napi.h>

namespace tsd {

// startLogPump({ outFd, format, ringBytes, maxLine }, onEvents)
Napi::Value StartLogPump(const Napi::CallbackInfo& info);
// pumpAttach(fd, id, textHead, jsonHead, levelPrefix, priority)
Napi::Value PumpAttach(const Napi::CallbackInfo& info);
// pumpWrite(bytes): tsd's own records, written in order with the services' lines (after pumpFlush)
Napi::Value PumpWrite(const Napi::CallbackInfo& info);
// pumpFlush(): the pump takes what pumpWrite queued
Napi::Value PumpFlush(const Napi::CallbackInfo& info);
// pumpRequestDrain(): a 'drained' event once everything handed over so far is written
Napi::Value PumpRequestDrain(const Napi::CallbackInfo& info);
// pumpTakeEvents(): what the pump has not told yet (framed blocks wait for a reason to wake the loop)
Napi::Value PumpTakeEvents(const Napi::CallbackInfo& info);
// pumpBytesRead(): how much service output the pump has read so far
Napi::Value PumpBytesRead(const Napi::CallbackInfo& info);
// pumpRing(): the ring's memory (read-only use), for the journal store's queries
Napi::Value PumpRing(const Napi::CallbackInfo& info);
// pumpForgetBefore(): ring positions below this may have been overwritten
Napi::Value PumpForgetBefore(const Napi::CallbackInfo& info);
// frameStreamForTest(chunks, { format, head, maxLine, levelPrefix, priority })
Napi::Value FrameStreamForTest(const Napi::CallbackInfo& info);

}  // namespace tsd
