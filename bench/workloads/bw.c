/*
 * bw: the bench workload, one small binary with a few modes.
 * Every timestamp is CLOCK_REALTIME in nanoseconds, appended to an event
 * file opened with O_APPEND as one write(2) per line:
 *     <kind> <name> <ns> [extra...]
 *
 *   bw svc -n NAME -e EVENTS [-t MS] [-i] [-l LINES] [-o ORPHANS] [-w MS]
 *       a service: records "start", then idles in pause(). Under a service
 *       manager's NOTIFY_SOCKET it then sends READY=1 (sd_notify), so that
 *       Type=notify units are ready once "start" is recorded.
 *       -t MS     on SIGTERM record "term", sleep MS, record "stop", exit 0
 *       -i        ignore SIGTERM (records "term-ignored")
 *       -l LINES  write LINES lines to stdout as fast as possible, then
 *                 record "logdone"
 *       -f        with -l: each line already framed as tsd writes it to its
 *                 stdout ("2026-11-30T03:40:00.123Z NAME.service[PID]: ...",
 *                 the time taken once per 64 KiB): the floor that shows what
 *                 the format alone costs the reader
 *       -o K      make K orphans in one burst (a child forks K children that
 *                 exit at once, then exits itself: "orphaned"); then wait
 *                 until every orphan pid is gone ("reaped ... left=N")
 *       -w MS     how long to wait for the orphans to be reaped (default 8000)
 *   bw run [-s EXPECTED] EVENTS -- ARGV...
 *       runs ARGV as a child: records "exec" just before execve and "exit"
 *       (with the exit status) right after waitpid; exits with that status.
 *       -s: ARGV's stdout goes to a pipe read by a sink that counts lines
 *       containing "svcline" and records "sinkdone" when EXPECTED is reached
 *       and "sinkeof" at end of file.
 *   bw kill EVENTS PID SIGNAL
 *       records "kill" then sends SIGNAL to PID.
 *   bw watch EVENTS NAME PID INITPID
 *       (host side) records "died NAME" when PID exits (pidfd), with
 *       by=init if INITPID was still alive and not exiting at that moment
 *       (the init killed it) or by=exit if INITPID was already exiting
 *       (the service went down with the namespace when PID 1 exited).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int ev_fd = -1;
static const char *svc_name = "-";

static unsigned long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

static void ev_open(const char *path) {
  ev_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (ev_fd < 0) { perror(path); _exit(98); }
}

/* async-signal-safe event writer (only snprintf-free formatting) */
static char *put_str(char *p, const char *s) { while (*s) *p++ = *s++; return p; }
static char *put_u64(char *p, unsigned long long v) {
  char tmp[24]; int n = 0;
  do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
  while (n) *p++ = tmp[--n];
  return p;
}
static void ev(const char *kind, const char *extra) {
  char buf[512]; char *p = buf;
  unsigned long long t = now_ns();
  p = put_str(p, kind); *p++ = ' ';
  p = put_str(p, svc_name); *p++ = ' ';
  p = put_u64(p, t);
  if (extra) { *p++ = ' '; p = put_str(p, extra); }
  *p++ = '\n';
  if (ev_fd >= 0) { ssize_t r = write(ev_fd, buf, (size_t)(p - buf)); (void)r; }
}
static void ev_num(const char *kind, const char *key, unsigned long long v) {
  char extra[64]; char *p = extra;
  p = put_str(p, key); p = put_u64(p, v); *p = 0;
  ev(kind, extra);
}

/* sd_notify("READY=1") when the service manager asked for it; best effort. */
static void notify_ready(void) {
  const char *path = getenv("NOTIFY_SOCKET");
  if (!path || (path[0] != '/' && path[0] != '@')) return;
  struct sockaddr_un addr; memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  size_t len = strlen(path);
  if (len >= sizeof addr.sun_path) return;
  memcpy(addr.sun_path, path, len);
  if (path[0] == '@') addr.sun_path[0] = 0;  /* abstract namespace */
  int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  static const char msg[] = "READY=1";
  ssize_t r = sendto(fd, msg, sizeof msg - 1, 0, (struct sockaddr *)&addr,
                     (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len));
  (void)r;
  close(fd);
}

static void sleep_ms(long ms) {
  struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
  while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {}
}

static long term_ms = 0;
static void on_term(int sig) {
  (void)sig;
  ev("term", NULL);
  if (term_ms > 0) sleep_ms(term_ms);
  ev("stop", NULL);
  _exit(0);
}
static void on_term_ignored(int sig) { (void)sig; ev("term-ignored", NULL); }

static void usage(void) {
  fprintf(stderr, "usage: bw svc -n NAME -e EVENTS [-t MS] [-i] [-l LINES] [-o K] [-w MS]\n"
                  "       bw run [-s EXPECTED] EVENTS -- ARGV...\n"
                  "       bw kill EVENTS PID SIGNAL\n"
                  "       bw watch EVENTS NAME PID INITPID\n");
  exit(2);
}

static int make_orphans(long k, long wait_ms) {
  int p[2];
  if (pipe(p) < 0) return 1;
  pid_t mid = fork();
  if (mid == 0) {
    close(p[0]);
    pid_t *pids = malloc(sizeof(pid_t) * (size_t)k);
    long n = 0;
    for (long i = 0; i < k; i++) {
      pid_t c = vfork(); /* the child only exits: vfork keeps the burst fast */
      if (c == 0) _exit(0);
      if (c > 0) pids[n++] = c;
    }
    size_t bytes = sizeof(pid_t) * (size_t)n, off = 0;
    while (off < bytes) {
      ssize_t w = write(p[1], (char *)pids + off, bytes - off);
      if (w <= 0) break;
      off += (size_t)w;
    }
    ev_num("orphaned", "n=", (unsigned long long)n);
    _exit(0);
  }
  close(p[1]);
  size_t cap = sizeof(pid_t) * (size_t)k, got = 0;
  pid_t *pids = malloc(cap);
  for (;;) {
    ssize_t r = read(p[0], (char *)pids + got, cap - got);
    if (r <= 0) break;
    got += (size_t)r;
  }
  close(p[0]);
  waitpid(mid, NULL, 0);
  long n = (long)(got / sizeof(pid_t));
  unsigned long long deadline = now_ns() + (unsigned long long)wait_ms * 1000000ull;
  long i = 0;
  while (i < n) {
    if (kill(pids[i], 0) < 0 && errno == ESRCH) { i++; continue; }
    if (now_ns() > deadline) break;
    struct timespec ts = { 0, 50000 };
    nanosleep(&ts, NULL);
  }
  long left = 0;
  for (long j = i; j < n; j++) if (kill(pids[j], 0) == 0) left++;
  char extra[64]; char *q = extra;
  q = put_str(q, "left="); q = put_u64(q, (unsigned long long)left); *q = 0;
  ev(left ? "unreaped" : "reaped", extra);
  free(pids);
  return 0;
}

/* "2026-11-30T03:40:00.123Z NAME.service[PID]: ": the head tsd writes before each line. */
static void frame_head(char *head, size_t size) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  struct tm tm;
  gmtime_r(&ts.tv_sec, &tm);
  snprintf(head, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %.64s.service[%d]: ", tm.tm_year + 1900, tm.tm_mon + 1,
           tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000, svc_name, (int)getpid());
}

static int mode_svc(int argc, char **argv) {
  const char *events = getenv("BENCH_EVENTS");
  int ignore = 0, framed = 0; long lines = 0, orphans = 0, wait_ms = 8000;
  int opt;
  while ((opt = getopt(argc, argv, "n:e:t:il:o:w:f")) != -1) {
    switch (opt) {
      case 'n': svc_name = optarg; break;
      case 'e': events = optarg; break;
      case 't': term_ms = atol(optarg); break;
      case 'i': ignore = 1; break;
      case 'l': lines = atol(optarg); break;
      case 'o': orphans = atol(optarg); break;
      case 'w': wait_ms = atol(optarg); break;
      case 'f': framed = 1; break;
      default: usage();
    }
  }
  if (!events) usage();
  ev_open(events);
  struct sigaction sa; memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = ignore ? on_term_ignored : on_term;
  sigaction(SIGTERM, &sa, NULL);
  if (getpid() == 1) { sa.sa_handler = on_term; sigaction(SIGINT, &sa, NULL); }
  ev("start", NULL);
  notify_ready();
  if (lines > 0) {
    static char buf[1 << 16];
    size_t used = 0;
    char head[192] = "";
    if (framed) frame_head(head, sizeof head);
    for (long i = 0; i < lines; i++) {
      if (used + 256 > sizeof buf) {
        size_t off = 0;
        while (off < used) {
          ssize_t w = write(1, buf + off, used - off);
          if (w < 0) { if (errno == EINTR) continue; _exit(3); }
          off += (size_t)w;
        }
        used = 0;
        if (framed) frame_head(head, sizeof head);
      }
      char *p = buf + used;
      if (framed) p = put_str(p, head);
      p = put_str(p, "svcline ");
      p = put_str(p, svc_name);
      *p++ = ' ';
      p = put_u64(p, (unsigned long long)i);
      p = put_str(p, " the quick brown fox jumps over the lazy dog\n");
      used = (size_t)(p - buf);
    }
    size_t off = 0;
    while (off < used) {
      ssize_t w = write(1, buf + off, used - off);
      if (w < 0) { if (errno == EINTR) continue; _exit(3); }
      off += (size_t)w;
    }
    ev_num("logdone", "lines=", (unsigned long long)lines);
  }
  if (orphans > 0) make_orphans(orphans, wait_ms);
  for (;;) pause();
}

static int mode_run(int argc, char **argv) {
  long expected = -1;
  int i = 2;
  if (i < argc && strcmp(argv[i], "-s") == 0 && i + 1 < argc) { expected = atol(argv[i + 1]); i += 2; }
  if (i >= argc) usage();
  const char *events = argv[i++];
  if (i < argc && strcmp(argv[i], "--") == 0) i++;
  if (i >= argc) usage();
  ev_open(events);
  int sp[2] = { -1, -1 };
  pid_t sink = -1;
  if (expected >= 0) {
    if (pipe2(sp, O_CLOEXEC) < 0) { perror("pipe"); return 1; }
    fcntl(sp[0], F_SETPIPE_SZ, 1 << 16);
    sink = fork();
    if (sink == 0) {
      close(sp[1]);
      svc_name = "sink";
      static char buf[1 << 16];
      long count = 0; int done = 0;
      /* carry the tail of a partial line so that "svcline" is only
         matched at the start of a line or inside a prefixed line */
      char carry[256]; size_t clen = 0; int overflow = 0;
      for (;;) {
        ssize_t r = read(sp[0], buf, sizeof buf);
        if (r < 0) { if (errno == EINTR) continue; break; }
        if (r == 0) break;
        char *s = buf, *end = buf + r;
        while (s < end) {
          char *nl = memchr(s, '\n', (size_t)(end - s));
          if (!nl) {
            size_t n = (size_t)(end - s);
            if (clen + n < sizeof carry - 1) { memcpy(carry + clen, s, n); clen += n; } else overflow = 1;
            break;
          }
          int hit;
          if (clen) {
            size_t n = (size_t)(nl - s);
            if (clen + n < sizeof carry - 1) { memcpy(carry + clen, s, n); clen += n; } else overflow = 1;
            carry[clen] = 0;
            hit = strstr(carry, "svcline ") != NULL || overflow;
            clen = 0; overflow = 0;
          } else {
            hit = memmem(s, (size_t)(nl - s), "svcline ", 8) != NULL;
          }
          if (hit) {
            count++;
            if (!done && count >= expected) { ev_num("sinkdone", "count=", (unsigned long long)count); done = 1; }
          }
          s = nl + 1;
        }
      }
      ev_num("sinkeof", "count=", (unsigned long long)count);
      _exit(0);
    }
    close(sp[0]);
  }
  pid_t c = fork();
  if (c < 0) { perror("fork"); return 1; }
  if (c == 0) {
    if (sp[1] >= 0) { dup2(sp[1], 1); }
    ev("exec", NULL);
    execvp(argv[i], argv + i);
    perror(argv[i]);
    _exit(127);
  }
  if (sp[1] >= 0) close(sp[1]);
  ev_num("pid", "pid=", (unsigned long long)c);
  int st = 0;
  while (waitpid(c, &st, 0) < 0 && errno == EINTR) {}
  int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  char extra[64]; char *p = extra;
  p = put_str(p, "code="); p = put_u64(p, (unsigned long long)code); *p = 0;
  ev("exit", extra);
  if (sink > 0) waitpid(sink, NULL, 0);
  return code;
}

static int mode_kill(int argc, char **argv) {
  if (argc < 5) usage();
  ev_open(argv[2]);
  pid_t pid = (pid_t)atol(argv[3]);
  int sig = atoi(argv[4]);
  ev_num("kill", "sig=", (unsigned long long)sig);
  if (kill(pid, sig) < 0) { perror("kill"); return 1; }
  return 0;
}

/* PF_EXITING is set on a task as soon as it enters do_exit() */
#define PF_EXITING_FLAG 0x00000004u
static int init_exiting(pid_t init) {
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)init);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 1;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return 1;
  buf[n] = 0;
  char *p = strrchr(buf, ')');
  if (!p) return 1;
  char state = 0; unsigned long flags = 0;
  /* ") S ppid pgrp session tty tpgid flags" */
  if (sscanf(p + 2, "%c %*d %*d %*d %*d %*d %lu", &state, &flags) != 2) return 1;
  if (state == 'Z' || state == 'X') return 1;
  return (flags & PF_EXITING_FLAG) ? 1 : 0;
}

static int mode_watch(int argc, char **argv) {
  if (argc < 6) usage();
  ev_open(argv[2]);
  svc_name = argv[3];
  pid_t pid = (pid_t)atol(argv[4]);
  pid_t init = (pid_t)atol(argv[5]);
  int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
  if (pfd < 0) { ev("died", "by=gone"); return 0; }
  ev("watching", NULL);
  struct pollfd p = { pfd, POLLIN, 0 };
  while (poll(&p, 1, -1) < 0 && errno == EINTR) {}
  ev("died", init_exiting(init) ? "by=exit" : "by=init");
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) usage();
  if (strcmp(argv[1], "svc") == 0) return mode_svc(argc - 1, argv + 1);
  if (strcmp(argv[1], "run") == 0) return mode_run(argc, argv);
  if (strcmp(argv[1], "kill") == 0) return mode_kill(argc, argv);
  if (strcmp(argv[1], "watch") == 0) return mode_watch(argc, argv);
  usage();
  return 2;
}
