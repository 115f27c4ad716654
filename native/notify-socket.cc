// The sd_notify socket: AF_UNIX SOCK_DGRAM with SO_PASSCRED, so every datagram carries the
// sender's pid from the kernel (SCM_CREDENTIALS): a service cannot claim to be another.
// Node has no datagram unix sockets, hence native. Read on a libuv poll handle: event-driven.
#include "notify-socket.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <uv.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "common.h"

namespace tsd {
namespace {

constexpr size_t kMaxDatagram = 64 * 1024;
constexpr int kMaxFds = 253;  // SCM_MAX_FD

struct NotifySocket {
  Napi::Env env = nullptr;
  Napi::FunctionReference callback;
  uv_poll_t poll;
  int fd = -1;
  std::string path;
};

NotifySocket* current = nullptr;

void OnClosed(uv_handle_t* handle) {
  auto* socket = static_cast<NotifySocket*>(handle->data);
  if (socket->fd >= 0) close(socket->fd);
  delete socket;
}

void OnReadable(uv_poll_t* poll, int status, int) {
  auto* socket = static_cast<NotifySocket*>(poll->data);
  if (status < 0) return;
  static char data[kMaxDatagram];
  alignas(struct cmsghdr) static char control[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(sizeof(int) * kMaxFds)];
  Napi::Env env = socket->env;
  // Until EAGAIN: the socket is drained on every wake-up.
  for (;;) {
    struct iovec iov{data, sizeof data};
    struct msghdr msg;
    std::memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t got = recvmsg(socket->fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC | MSG_TRUNC);
    if (got < 0) {
      if (errno == EINTR) continue;
      return;  // EAGAIN: drained
    }
    struct ucred cred{0, 0, 0};
    std::vector<int> fds;
    for (struct cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET) continue;
      if (c->cmsg_type == SCM_CREDENTIALS && c->cmsg_len == CMSG_LEN(sizeof cred)) {
        std::memcpy(&cred, CMSG_DATA(c), sizeof cred);
      } else if (c->cmsg_type == SCM_RIGHTS) {
        size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count; i++) {
          int fd;
          std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
          fds.push_back(fd);
        }
      }
    }
    // A truncated datagram or control block is not trusted with fds (an FDSTORE= message
    // cut short would hand over fds without their names): they are closed, the data that
    // arrived is delivered flagged as truncated.
    const bool truncated = (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0;
    if (truncated) {
      for (int fd : fds) close(fd);
      fds.clear();
    }
    size_t length = static_cast<size_t>(got) < sizeof data ? static_cast<size_t>(got) : sizeof data;
    Napi::HandleScope scope(env);
    Napi::Object message = Napi::Object::New(env);
    message.Set("pid", static_cast<double>(cred.pid));
    message.Set("uid", static_cast<double>(cred.uid));
    message.Set("gid", static_cast<double>(cred.gid));
    message.Set("data", Napi::Buffer<char>::Copy(env, data, length));
    Napi::Array fdArray = Napi::Array::New(env, fds.size());
    for (size_t i = 0; i < fds.size(); i++) fdArray.Set(static_cast<uint32_t>(i), fds[i]);
    message.Set("fds", fdArray);
    message.Set("truncated", truncated);
    InvokeFromLoop(env, socket->callback, {message});
    if (current != socket) return;  // closed by the callback
  }
}

}  // namespace

Napi::Value OpenNotifySocket(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsFunction()) {
    Napi::TypeError::New(env, "openNotifySocket(path, callback)").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  if (current) return Napi::Number::New(env, EBUSY);
  std::string path = info[0].As<Napi::String>().Utf8Value();
  struct sockaddr_un addr;
  std::memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof addr.sun_path) return Napi::Number::New(env, ENAMETOOLONG);
  std::memcpy(addr.sun_path, path.c_str(), path.size());

  UniqueFd fd(socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (fd.get() < 0) return Napi::Number::New(env, errno);
  int one = 1;
  if (setsockopt(fd.get(), SOL_SOCKET, SO_PASSCRED, &one, sizeof one) < 0) return Napi::Number::New(env, errno);
  // A larger receive buffer absorbs bursts of STATUS= updates from many services.
  int size = 1 << 20;
  setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  if (unlink(path.c_str()) < 0 && errno != ENOENT) return Napi::Number::New(env, errno);
  if (bind(fd.get(), reinterpret_cast<struct sockaddr*>(&addr), sizeof addr) < 0) return Napi::Number::New(env, errno);
  // Services running as other users must be able to send (the kernel's credentials tell who).
  // A failure only matters to them, and they will see it (EACCES) when they send.
  chmod(path.c_str(), 0777);

  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok) return Napi::Number::New(env, EINVAL);
  auto* socket = new NotifySocket();
  socket->env = env;
  socket->callback = Napi::Persistent(info[1].As<Napi::Function>());
  socket->path = path;
  socket->fd = fd.release();
  socket->poll.data = socket;
  if (uv_poll_init(loop, &socket->poll, socket->fd) != 0 || uv_poll_start(&socket->poll, UV_READABLE, OnReadable) != 0) {
    close(socket->fd);
    delete socket;
    return Napi::Number::New(env, EINVAL);
  }
  current = socket;
  return Napi::Number::New(env, 0);
}

Napi::Value CloseNotifySocket(const Napi::CallbackInfo& info) {
  if (current) {
    NotifySocket* socket = current;
    current = nullptr;
    uv_poll_stop(&socket->poll);
    unlink(socket->path.c_str());
    uv_close(reinterpret_cast<uv_handle_t*>(&socket->poll), OnClosed);
  }
  return info.Env().Undefined();
}

}  // namespace tsd
