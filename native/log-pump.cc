// The log pump: reads every service pipe, frames the lines (stream-framer.cc) into a ring of
// memory and writes them to tsd's stdout, all on one thread of its own that sleeps in
// epoll_wait. A flood of output then never reaches the JavaScript event loop, which stays
// free for SIGCHLD, timers and clients; JavaScript is told of each framed block only (for the
// journal store, which reads the lines back out of the ring when queried) and of each pipe
// that ended. tsd's own records come in through a queue and go out in order with the rest.
//
// Backpressure is the plain blocking write: when stdout is slow the pump waits, stops
// reading, the pipes fill and the services block in write(2). Nothing is buffered without
// bound and no line is dropped.
//
// A pipe that fills up (a read returns all the pipe holds) is grown to 1 MiB, and so is
// stdout when one read's lines outgrow it: fewer, larger reads and writes and far fewer
// context switches while a service floods, and nothing for the quiet ones. F_SETPIPE_SZ may
// be refused (a container without CAP_SYS_RESOURCE past its pipe quota): then pipes stay
// as they are.
#include "log-pump.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common.h"
#include "stream-framer.h"

namespace tsd {
namespace {

constexpr size_t kReadBytes = 512 * 1024;
constexpr int kFloodPipeBytes = 1 << 20;
constexpr uint32_t kWakeToken = 0xffffffffu;
// A line's head: the time, then a source's part of at most this much (the unit name, pid...).
constexpr size_t kMaxHead = 4096;
constexpr size_t kMaxLineLimit = 128 * 1024;
// Framed blocks the pump keeps to tell before it wakes the event loop for them alone.
constexpr size_t kMaxQuietBlocks = 256;

struct Source {
  Source(uint32_t id, int fd, std::string textHead, std::string jsonHead, LineFormat format, size_t maxLine,
         bool levelPrefix, int priority)
      : id(id), fd(fd), textHead(std::move(textHead)), jsonHead(std::move(jsonHead)),
        framer(format, maxLine, levelPrefix, priority) {}
  uint32_t id;
  UniqueFd fd;
  std::string textHead;  // after the time: " nginx.service[42]: "
  std::string jsonHead;  // after the time: "\",\"unit\":\"nginx.service\",...,\"priority\":"
  StreamFramer framer;
  int pipeBytes = 0;     // the pipe's capacity (F_GETPIPE_SZ), 0 if unknown
  bool grown = false;
};

struct Event {
  enum Kind { kBlock, kClosed, kDrained };
  explicit Event(Kind kind, uint32_t source = 0) : kind(kind), source(source) {}
  Kind kind;
  uint32_t source;
  uint64_t position = 0;
  size_t length = 0;
  size_t lines = 0;
  std::vector<uint32_t> priorities;
  uint64_t forgetBefore = 0;
  uint64_t written = 0;  // kDrained: tsd's own records written so far
};

// "2026-11-22T11:03:09.123Z", as JavaScript's Date.prototype.toISOString() writes it.
class IsoClock {
 public:
  // The time now, as text.
  void Now(std::string& text) {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    const long ms = ts.tv_nsec / 1000000;
    if (ts.tv_sec != second_) {
      second_ = ts.tv_sec;
      tm utc{};
      gmtime_r(&ts.tv_sec, &utc);
      char buf[64];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                    utc.tm_hour, utc.tm_min, utc.tm_sec);
      secondText_ = buf;
    }
    char frac[24];
    std::snprintf(frac, sizeof frac, "%03ldZ", ms);
    text = secondText_;
    text += frac;
  }

 private:
  time_t second_ = -1;
  std::string secondText_;
};

class Pump : public FrameOutput {
 public:
  Pump(int outFd, LineFormat format, size_t ringBytes, size_t maxLine)
      : outFd_(outFd), format_(format), maxLine_(maxLine), ringBytes_(ringBytes),
        // Not value-initialised: pages of the ring and the read buffer become resident only
        // once output reaches them, so a quiet tsd never holds them.
        ring_(new uint8_t[ringBytes]), readBuffer_(new uint8_t[kReadBytes + maxLine]) {}

  // Main thread ---------------------------------------------------------------------------

  // errno of the failing call, or 0.
  int Start(Napi::Env env, Napi::Function onEvents) {
    env_ = env;
    onEvents_ = Napi::Persistent(onEvents);
    epoll_.reset(epoll_create1(EPOLL_CLOEXEC));
    if (epoll_.get() < 0) return errno;
    wake_.reset(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (wake_.get() < 0) return errno;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = kWakeToken;
    if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, wake_.get(), &ev) < 0) return errno;
    uv_loop_t* loop = nullptr;
    if (napi_get_uv_event_loop(env, &loop) != napi_ok) return EINVAL;
    if (int err = uv_async_init(loop, &async_, OnAsync)) return -err;
    async_.data = this;
    // The thread takes no signal: tsd's handlers (libuv's, the reaper's) run on the main thread.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_t thread;
    const int err = pthread_create(&thread, nullptr, ThreadMain, this);
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    if (err != 0) return err;
    pthread_detach(thread);  // lives as long as PID 1
    return 0;
  }

  void Attach(std::unique_ptr<Source> source) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      attaching_.push_back(std::move(source));
    }
    Wake();
  }

  // Queued only: Flush() wakes the thread, once for all the records of one turn of the loop.
  void Write(std::string bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    queued_.push_back(std::move(bytes));
  }

  void Flush() { Wake(); }

  void RequestDrain() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      drainRequested_ = true;
    }
    Wake();
  }

  uint64_t bytesRead() const { return bytesRead_.load(std::memory_order_relaxed); }
  uint8_t* ring() const { return ring_.get(); }
  size_t ringBytes() const { return ringBytes_; }
  LineFormat format() const { return format_; }
  size_t maxLine() const { return maxLine_; }

  uint64_t ForgetBefore() const {
    // Pairs with the fence in Reserve: bytes read from the ring before this call are valid if
    // their position is at or above the value returned.
    std::atomic_thread_fence(std::memory_order_seq_cst);
    return forgetBefore_.load(std::memory_order_relaxed);
  }

 private:
  // The pump's thread -----------------------------------------------------------------------

  static void* ThreadMain(void* self) {
    static_cast<Pump*>(self)->Run();
    return nullptr;
  }

  void Run() {
    epoll_event events[64];
    for (;;) {
      TakeCommands();
      const int n = epoll_wait(epoll_.get(), events, 64, -1);
      if (n < 0) {
        if (errno == EINTR) continue;
        return;  // EBADF/EINVAL cannot happen with our own epoll fd; nothing sensible is left to do
      }
      for (int k = 0; k < n; k++) {
        const uint32_t token = events[k].data.u32;
        if (token == kWakeToken) {
          uint64_t count;
          (void)!read(wake_.get(), &count, sizeof count);
          continue;
        }
        auto it = sources_.find(token);
        if (it != sources_.end()) ReadSource(*it->second);
      }
    }
  }

  void TakeCommands() {
    std::vector<std::unique_ptr<Source>> attaching;
    std::vector<std::string> queued;
    bool drain;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      attaching.swap(attaching_);
      queued.swap(queued_);
      drain = drainRequested_;
      drainRequested_ = false;
    }
    for (std::string& bytes : queued) WriteOut(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    recordsWritten_ += queued.size();
    for (std::unique_ptr<Source>& source : attaching) Register(std::move(source));
    if (drain) {
      Event event(Event::kDrained);
      event.written = recordsWritten_;
      Post(std::move(event));
    }
  }

  void Register(std::unique_ptr<Source> source) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = source->id;
    if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, source->fd.get(), &ev) < 0) {
      Post(Event(Event::kClosed, source->id));  // a bad fd ends that stream, nothing else
      return;
    }
    const int bytes = fcntl(source->fd.get(), F_GETPIPE_SZ);
    source->pipeBytes = bytes > 0 ? bytes : 0;
    const uint32_t id = source->id;
    sources_[id] = std::move(source);
  }

  void ReadSource(Source& source) {
    const std::string& partial = source.framer.partial();
    std::memcpy(readBuffer_.get(), partial.data(), partial.size());
    ssize_t n;
    do {
      n = read(source.fd.get(), readBuffer_.get() + partial.size(), kReadBytes);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    const bool ended = n <= 0;  // EOF, or a read error: that stream ends, nothing else
    if (!ended) bytesRead_.fetch_add(static_cast<uint64_t>(n), std::memory_order_relaxed);
    // A pipe's capacity is counted in pages: it is full once its last page is in use, even if
    // that page is not (a service writing 65,400-byte chunks fills a 64 KiB pipe).
    if (!ended && !source.grown && source.pipeBytes > 0 && static_cast<size_t>(n) + pageBytes_ > static_cast<size_t>(source.pipeBytes)) {
      source.grown = true;  // it was full: the service writes faster than one pipe holds
      fcntl(source.fd.get(), F_SETPIPE_SZ, kFloodPipeBytes);
    }
    current_ = &source;
    clock_.Now(timeText_);
    if (format_ == LineFormat::kJson) {
      head_ = ",\"time\":\"";
      head_ += timeText_;
      head_ += source.jsonHead;
    } else {
      head_ = timeText_;
      head_ += source.textHead;
    }
    source.framer.Frame(readBuffer_.get(), partial.size() + (ended ? 0 : static_cast<size_t>(n)), ended, head_, *this);
    current_ = nullptr;
    if (ended) {
      epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, source.fd.get(), nullptr);
      Post(Event(Event::kClosed, source.id));
      sources_.erase(source.id);  // closes the pipe
    }
  }

  uint8_t* Reserve(size_t room, uint64_t* position) override {
    if (ringHead_ + room > ringBytes_) {
      base_ += ringBytes_;
      ringHead_ = 0;
    }
    *position = base_ + ringHead_;
    // Announce the overwrite before doing it (see ForgetBefore).
    const uint64_t end = *position + room;
    if (end > ringBytes_) forgetBefore_.store(end - ringBytes_, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_seq_cst);
    return ring_.get() + ringHead_;
  }

  void Commit(FramedBlock block) override {
    ringHead_ += block.length;
    if (block.length > outPipeBytes_) GrowOutPipe();
    WriteOut(block.bytes, block.length);
    Event event(Event::kBlock, current_->id);
    event.position = block.position;
    event.length = block.length;
    event.lines = block.lines;
    event.priorities = std::move(block.priorities);
    event.forgetBefore = forgetBefore_.load(std::memory_order_relaxed);
    Post(std::move(event));
  }

  void GrowOutPipe() {
    if (outGrown_) return;
    outGrown_ = true;
    struct stat st{};
    if (fstat(outFd_, &st) == 0 && S_ISFIFO(st.st_mode)) {
      const int bytes = fcntl(outFd_, F_SETPIPE_SZ, kFloodPipeBytes);
      if (bytes > 0) outPipeBytes_ = static_cast<size_t>(bytes);
    }
  }

  // Blocks until written: the backpressure of the whole journal.
  void WriteOut(const uint8_t* bytes, size_t length) {
    size_t done = 0;
    while (!broken_ && done < length) {
      const ssize_t w = write(outFd_, bytes + done, length - done);
      if (w > 0) {
        done += static_cast<size_t>(w);
      } else if (w < 0 && errno == EINTR) {
        continue;
      } else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        // Whoever opened tsd's stdout made it non-blocking: wait until it takes more.
        pollfd p{outFd_, POLLOUT, 0};
        poll(&p, 1, -1);
      } else {
        // stdout is gone (EPIPE, EBADF...): keep reading the pipes into the ring (the store
        // still gets every line, and services never block), stop writing.
        broken_ = true;
      }
    }
  }

  // A framed block wakes nobody: the store needs to know of it only before a query (which takes
  // the events itself, TakeEvents) and a flood would otherwise wake the event loop for every
  // read. Blocks ride along with the next event that matters (a pipe ended, a drain), or go
  // once kMaxQuietBlocks have piled up; a block that continues the last one of the same source
  // in the ring joins it (each line's head says when it was read), up to JoinLimit(): the
  // store forgets a block whole once the ring overwrites its start, so a block joined over a
  // whole turn of the ring would take a turn's lines with it.
  void Post(Event event) {
    bool wake;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (event.kind == Event::kBlock && !events_.empty() && events_.back().kind == Event::kBlock &&
          events_.back().source == event.source && events_.back().position + events_.back().length == event.position &&
          events_.back().length + event.length <= JoinLimit()) {
        Event& last = events_.back();
        for (size_t k = 0; k + 1 < event.priorities.size(); k += 2) {
          last.priorities.push_back(static_cast<uint32_t>(last.lines + event.priorities[k]));
          last.priorities.push_back(event.priorities[k + 1]);
        }
        last.length += event.length;
        last.lines += event.lines;
        last.forgetBefore = event.forgetBefore;
        return;
      }
      wake = event.kind != Event::kBlock || ++quietBlocks_ >= kMaxQuietBlocks;
      if (wake) quietBlocks_ = 0;
      events_.push_back(std::move(event));
    }
    if (wake) uv_async_send(&async_);
  }

  // A sixteenth of the ring: what the store can lose at once to an overwrite stays small.
  size_t JoinLimit() const { return ringBytes_ / 16; }

  void Wake() {
    const uint64_t one = 1;
    (void)!write(wake_.get(), &one, sizeof one);
  }

  // Back on the main thread ------------------------------------------------------------------

  static void OnAsync(uv_async_t* handle) { static_cast<Pump*>(handle->data)->Deliver(); }

  void Deliver() {
    Napi::Env env = env_;
    Napi::HandleScope scope(env);
    Napi::Array array = TakeEvents(env);
    if (array.Length() > 0) InvokeFromLoop(env, onEvents_, {array});
  }

 public:
  // Everything the pump has to tell, as PumpEvent objects, oldest first.
  Napi::Array TakeEvents(Napi::Env env) {
    std::vector<Event> events;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      events.swap(events_);
      quietBlocks_ = 0;
    }
    // A flood makes hundreds of these per batch: keys made once, each object in one call.
    const char* names[] = {"kind", "source", "position", "length", "lines", "forgetBefore", "priorities", "written"};
    napi_value keys[8];
    for (int k = 0; k < 8; k++) keys[k] = Napi::String::New(env, names[k]);
    const napi_value kinds[] = {Napi::String::New(env, "block"), Napi::String::New(env, "closed"), Napi::String::New(env, "drained")};
    Napi::Array array = Napi::Array::New(env, events.size());
    for (size_t i = 0; i < events.size(); i++) {
      const Event& e = events[i];
      napi_property_descriptor props[8];
      size_t count = 0;
      auto add = [&](int key, napi_value value) {
        props[count++] = {nullptr, keys[key], nullptr, nullptr, nullptr, value, napi_default_jsproperty, nullptr};
      };
      auto number = [&](double value) { return static_cast<napi_value>(Napi::Number::New(env, value)); };
      add(0, kinds[e.kind]);
      if (e.kind == Event::kBlock) {
        add(1, number(e.source));
        add(2, number(static_cast<double>(e.position)));
        add(3, number(static_cast<double>(e.length)));
        add(4, number(static_cast<double>(e.lines)));
        add(5, number(static_cast<double>(e.forgetBefore)));
        if (!e.priorities.empty()) {
          Napi::Array pairs = Napi::Array::New(env, e.priorities.size());
          for (size_t k = 0; k < e.priorities.size(); k++) pairs.Set(static_cast<uint32_t>(k), static_cast<double>(e.priorities[k]));
          add(6, pairs);
        }
      } else if (e.kind == Event::kClosed) {
        add(1, number(e.source));
      } else {
        add(7, number(static_cast<double>(e.written)));
      }
      napi_value object;
      if (napi_create_object(env, &object) != napi_ok || napi_define_properties(env, object, count, props) != napi_ok) break;
      array.Set(static_cast<uint32_t>(i), object);
    }
    return array;
  }

 private:

  // Fixed at start.
  const int outFd_;
  const LineFormat format_;
  const size_t maxLine_;
  Napi::Env env_ = nullptr;
  Napi::FunctionReference onEvents_;
  uv_async_t async_{};
  UniqueFd epoll_;
  UniqueFd wake_;

  // Shared with the main thread, under mutex_.
  std::mutex mutex_;
  std::vector<std::unique_ptr<Source>> attaching_;
  std::vector<std::string> queued_;
  bool drainRequested_ = false;
  std::vector<Event> events_;
  size_t quietBlocks_ = 0;  // blocks posted since the last wake
  std::atomic<uint64_t> forgetBefore_{0};
  std::atomic<uint64_t> bytesRead_{0};

  // The pump thread's own.
  const size_t ringBytes_;
  std::unique_ptr<uint8_t[]> ring_;  // read by the main thread only at positions >= ForgetBefore()
  uint64_t base_ = 0;          // the virtual position of ring_[0] in the current turn
  size_t ringHead_ = 0;
  std::unique_ptr<uint8_t[]> readBuffer_;
  std::unordered_map<uint32_t, std::unique_ptr<Source>> sources_;
  Source* current_ = nullptr;
  std::string timeText_;
  std::string head_;
  IsoClock clock_;
  const size_t pageBytes_ = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  size_t outPipeBytes_ = 64 * 1024;
  bool outGrown_ = false;
  bool broken_ = false;
  uint64_t recordsWritten_ = 0;
};

Pump* pump = nullptr;

// A plain growing buffer as frame output, for frameStreamForTest.
class VectorOutput : public FrameOutput {
 public:
  uint8_t* Reserve(size_t room, uint64_t* position) override {
    region_.resize(room);
    *position = bytes.size();
    return region_.data();
  }
  void Commit(FramedBlock block) override {
    for (size_t k = 0; k + 1 < block.priorities.size(); k += 2) {
      priorities.push_back(static_cast<uint32_t>(lines + block.priorities[k]));
      priorities.push_back(block.priorities[k + 1]);
    }
    bytes.insert(bytes.end(), block.bytes, block.bytes + block.length);
    lines += block.lines;
  }
  std::vector<uint8_t> bytes;
  size_t lines = 0;
  std::vector<uint32_t> priorities;

 private:
  std::vector<uint8_t> region_;
};

bool ParseFormat(Napi::Value value, LineFormat* format) {
  if (!value.IsString()) return false;
  const std::string s = value.As<Napi::String>().Utf8Value();
  if (s == "text") *format = LineFormat::kText;
  else if (s == "json") *format = LineFormat::kJson;
  else return false;
  return true;
}

// The pump, or nullptr with a JavaScript exception pending.
Pump* RunningPump(Napi::Env env) {
  if (pump == nullptr) Napi::Error::New(env, "the log pump is not running").ThrowAsJavaScriptException();
  return pump;
}

Napi::Value Fail(Napi::Env env, const char* message) {
  Napi::TypeError::New(env, message).ThrowAsJavaScriptException();
  return env.Undefined();
}

}  // namespace

Napi::Value StartLogPump(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsObject() || !info[1].IsFunction()) {
    return Fail(env, "startLogPump({ outFd, format, ringBytes, maxLine }, onEvents)");
  }
  Napi::Object o = info[0].As<Napi::Object>();
  LineFormat format;
  if (!o.Get("outFd").IsNumber() || !ParseFormat(o.Get("format"), &format) || !o.Get("ringBytes").IsNumber() ||
      !o.Get("maxLine").IsNumber()) {
    return Fail(env, "startLogPump: outFd, ringBytes and maxLine must be numbers, format 'text' or 'json'");
  }
  const int outFd = o.Get("outFd").As<Napi::Number>().Int32Value();
  const double ringBytes = o.Get("ringBytes").As<Napi::Number>().DoubleValue();
  const double maxLine = o.Get("maxLine").As<Napi::Number>().DoubleValue();
  // Four regions of the largest size stream-framer.cc asks for must fit into the ring.
  if (outFd < 0 || !(maxLine >= 1 && maxLine <= kMaxLineLimit) ||
      !(ringBytes >= 4 * MaxRegion(kMaxHead + 64, static_cast<size_t>(maxLine))) || ringBytes > 1u << 30) {
    Napi::RangeError::New(env, "startLogPump: outFd, ringBytes or maxLine out of range").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  if (pump != nullptr) {
    Napi::Error::New(env, "the log pump is already running").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  auto created = std::make_unique<Pump>(outFd, format, static_cast<size_t>(ringBytes), static_cast<size_t>(maxLine));
  if (int err = created->Start(env, info[1].As<Napi::Function>())) {
    // Left, not destroyed: the loop may hold its async handle already. tsd cannot run without
    // its journal and exits on this error anyway.
    (void)created.release();
    Napi::Error::New(env, std::string("cannot start the log pump: ") + std::strerror(err < 0 ? -err : err))
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  pump = created.release();  // lives as long as the process
  return env.Undefined();
}

Napi::Value PumpAttach(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (RunningPump(env) == nullptr) return env.Undefined();
  if (info.Length() < 6 || !info[0].IsNumber() || !info[1].IsNumber() || !info[2].IsString() || !info[3].IsString() ||
      !info[4].IsBoolean() || !info[5].IsNumber()) {
    return Fail(env, "pumpAttach(fd, id, textHead, jsonHead, levelPrefix, priority)");
  }
  const int fd = info[0].As<Napi::Number>().Int32Value();
  const double id = info[1].As<Napi::Number>().DoubleValue();
  std::string textHead = info[2].As<Napi::String>().Utf8Value();
  std::string jsonHead = info[3].As<Napi::String>().Utf8Value();
  if (fd < 0 || !(id >= 0 && id < kWakeToken) || textHead.size() > kMaxHead || jsonHead.size() > kMaxHead) {
    Napi::RangeError::New(env, "pumpAttach: fd, id or a head out of range").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  pump->Attach(std::make_unique<Source>(static_cast<uint32_t>(id), fd, std::move(textHead), std::move(jsonHead),
                                        pump->format(), pump->maxLine(), info[4].As<Napi::Boolean>().Value(),
                                        info[5].As<Napi::Number>().Int32Value()));
  return env.Undefined();
}

Napi::Value PumpWrite(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (RunningPump(env) == nullptr) return env.Undefined();
  if (info.Length() < 1 || !(info[0].IsString() || info[0].IsBuffer())) return Fail(env, "pumpWrite(text or buffer)");
  if (info[0].IsString()) {
    pump->Write(info[0].As<Napi::String>().Utf8Value());
  } else {
    auto buffer = info[0].As<Napi::Buffer<char>>();
    pump->Write(std::string(buffer.Data(), buffer.Length()));
  }
  return env.Undefined();
}

Napi::Value PumpFlush(const Napi::CallbackInfo& info) {
  if (pump != nullptr) pump->Flush();
  return info.Env().Undefined();
}

Napi::Value PumpRequestDrain(const Napi::CallbackInfo& info) {
  if (pump != nullptr) pump->RequestDrain();
  return info.Env().Undefined();
}

Napi::Value PumpTakeEvents(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (pump == nullptr) return Napi::Array::New(env, 0);
  return pump->TakeEvents(env);
}

Napi::Value PumpBytesRead(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), pump == nullptr ? 0.0 : static_cast<double>(pump->bytesRead()));
}

Napi::Value PumpRing(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (pump == nullptr) return env.Undefined();
  // The ring outlives every JavaScript view of it (the pump is never destroyed): no finalizer.
  return Napi::Buffer<uint8_t>::New(env, pump->ring(), pump->ringBytes());
}

Napi::Value PumpForgetBefore(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::Number::New(env, pump == nullptr ? 0.0 : static_cast<double>(pump->ForgetBefore()));
}

Napi::Value FrameStreamForTest(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsArray() || !info[1].IsObject()) {
    return Fail(env, "frameStreamForTest(chunks, { format, head, maxLine, levelPrefix, priority })");
  }
  Napi::Object o = info[1].As<Napi::Object>();
  LineFormat format;
  if (!ParseFormat(o.Get("format"), &format) || !o.Get("head").IsString() || !o.Get("maxLine").IsNumber() ||
      !o.Get("levelPrefix").IsBoolean() || !o.Get("priority").IsNumber()) {
    return Fail(env, "frameStreamForTest: format 'text'|'json', head string, maxLine number, levelPrefix boolean, priority number");
  }
  const double maxLine = o.Get("maxLine").As<Napi::Number>().DoubleValue();
  if (!(maxLine >= 1 && maxLine <= kMaxLineLimit)) {
    Napi::RangeError::New(env, "frameStreamForTest: maxLine out of range").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  const std::string head = o.Get("head").As<Napi::String>().Utf8Value();
  // end: false leaves the last unfinished line unframed, as a stream that goes on would.
  const bool end = !o.Get("end").IsBoolean() || o.Get("end").As<Napi::Boolean>().Value();
  StreamFramer framer(format, static_cast<size_t>(maxLine), o.Get("levelPrefix").As<Napi::Boolean>().Value(),
                      o.Get("priority").As<Napi::Number>().Int32Value());
  VectorOutput output;
  Napi::Array chunks = info[0].As<Napi::Array>();
  std::vector<uint8_t> input;
  for (uint32_t i = 0; i < chunks.Length() + (end ? 1 : 0); i++) {
    const bool final = i == chunks.Length();
    input.assign(framer.partial().begin(), framer.partial().end());
    if (!final) {
      Napi::Value chunk = chunks.Get(i);
      if (!chunk.IsBuffer()) return Fail(env, "frameStreamForTest: chunks must be Buffers");
      auto bytes = chunk.As<Napi::Buffer<uint8_t>>();
      input.insert(input.end(), bytes.Data(), bytes.Data() + bytes.Length());
    }
    framer.Frame(input.data(), input.size(), final, head, output);
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("bytes", Napi::Buffer<uint8_t>::Copy(env, output.bytes.data(), output.bytes.size()));
  result.Set("lines", static_cast<double>(output.lines));
  Napi::Array pairs = Napi::Array::New(env, output.priorities.size());
  for (size_t k = 0; k < output.priorities.size(); k++) pairs.Set(static_cast<uint32_t>(k), static_cast<double>(output.priorities[k]));
  result.Set("priorities", pairs);
  return result;
}

}  // namespace tsd
