// The typed face of the native PID-1 core (native/*.cc, built by node-gyp into
// build/Release/tsd_core.node). The core owns every process: it forks/execs services,
// reaps with waitpid(-1), handles tsd's signals and the sd_notify socket. Nothing in
// here formats, decides or knows about units: it is the "port" the manager drives.
import { fileURLToPath } from 'node:url';

/** How a child's standard stream is connected. */
export type StdioSpec =
  | 'null'          // /dev/null
  | 'inherit'       // tsd's own fd (for stdin: never used by services)
  | 'pipe'          // a new pipe; its read end comes back in SpawnResult
  | { fd: number }; // an fd tsd already holds (dup'ed onto the child's stream)

export interface RlimitSpec {
  /** RLIMIT_* number, see RLIMIT below. */
  resource: number;
  /** Infinity = RLIM_INFINITY. If raising fails (EPERM in a container) the core clamps to the current hard limit. */
  soft: number;
  hard: number;
}

export interface SpawnOptions {
  /** Absolute path of the binary: execve() does no PATH search. */
  file: string;
  argv: string[];
  /** "KEY=VALUE" strings; the complete environment of the child. */
  env: string[];
  cwd?: string;
  /** Credentials: applied as setgroups(groups) -> setgid(gid) -> setuid(uid), in that order. Without groups, a child given uid or gid gets no supplementary groups (tsd's own are dropped). */
  uid?: number;
  gid?: number;
  groups?: number[];
  umask?: number;
  rlimits?: RlimitSpec[];
  nice?: number;
  /** Written to /proc/self/oom_score_adj; EPERM/EACCES ignored (containers). */
  oomScoreAdjust?: number;
  /** setsid() in the child (default true): every service leads its own session and process group. */
  newSession?: boolean;
  /** SIGPIPE ignored in the service (IgnoreSIGPIPE=, systemd's default yes); default false. */
  ignoreSigpipe?: boolean;
  stdin?: StdioSpec;  // default 'null'
  stdout?: StdioSpec; // default 'inherit'
  stderr?: StdioSpec | 'stdout'; // 'stdout' = dup of the child's stdout (one pipe for both)
  /** fds passed to the child as 3, 4, 5...; with listenFds true, LISTEN_FDS/LISTEN_PID are set in the child (LISTEN_PID = the child's own pid, known only after fork). */
  extraFds?: number[];
  listenFds?: boolean;
  /** LISTEN_FDNAMES value, colon-separated. */
  listenFdNames?: string;
}

export interface SpawnSuccess {
  ok: true;
  pid: number;
  /** Read ends of 'pipe' streams: non-blocking, close-on-exec, owned by the caller now. */
  stdoutFd?: number;
  stderrFd?: number;
}

export interface SpawnFailure {
  ok: false;
  /** errno of the failing call, e.g. 2 (ENOENT) for a missing binary. */
  errno: number;
  /** Symbolic errno, e.g. 'ENOENT'. */
  code: string;
  /** Which step failed: 'exec', 'chdir', 'setuid', 'setgid', 'setgroups', 'fork', 'pipe', 'open-stdio', 'rlimit', ... */
  stage: string;
  /** strerror text */
  message: string;
}

export type SpawnResult = SpawnSuccess | SpawnFailure;

/** One reaped child, from waitpid(-1, WNOHANG). */
export interface ExitInfo {
  pid: number;
  /** 'exited' with code, or 'killed'/'dumped' with signal (systemd's CLD_EXITED/KILLED/DUMPED). */
  kind: 'exited' | 'killed' | 'dumped';
  code: number;    // exit status when kind === 'exited', else 0
  signal: number;  // signal number when killed/dumped, else 0
}

/**
 * A batch of reaped children as the core hands it over: four int32 per child, pid, kind
 * (0 exited, 1 killed, 2 dumped), code, signal. One copy for thousands of orphans, where an
 * object each made by the core would keep it from reaping the next ones.
 */
export type ExitBatch = Int32Array;

const EXIT_KINDS = ['exited', 'killed', 'dumped'] as const;

/**
 * The ExitInfo of each child of a batch, in the order reaped; with `claimed`, only of the pids it
 * claims (the rest are the caller's to count: batchSize(batch) less the result's length). A
 * burst of 10,000 orphans nobody spawned made 10,000 objects, and the garbage collections they
 * cost took the CPU from the processes still running.
 */
export function exitsOf(batch: ExitBatch, claimed?: (pid: number) => boolean): ExitInfo[] {
  const exits: ExitInfo[] = [];
  for (let at = 0; at + 3 < batch.length; at += 4) {
    const pid = batch[at]!;
    if (claimed && !claimed(pid)) continue;
    exits.push({ pid, kind: EXIT_KINDS[batch[at + 1]!] ?? 'exited', code: batch[at + 2]!, signal: batch[at + 3]! });
  }
  return exits;
}

/** How many children a batch holds. */
export function batchSize(batch: ExitBatch): number {
  return batch.length >> 2;
}

export interface NotifyMessage {
  /** Sender's pid from SCM_CREDENTIALS (0 if the kernel gave none). */
  pid: number;
  uid: number;
  gid: number;
  /** The datagram payload, raw: the parser in the manager validates it. */
  data: Buffer;
  /** fds passed with SCM_RIGHTS (FDSTORE=1); the caller owns and must close them (the manager's onNotify closes every one: tsd keeps no fd store). */
  fds: number[];
  /** The datagram (over 64 KiB) or its control data was cut short: data holds what arrived, fds were closed by the core and are empty. */
  truncated?: boolean;
}

/** How the stream shows each line: `text` (2026-11-22T11:03:09.123Z unit[pid]: message) or
 *  `json` (one object per line, as pino writes tsd's records: src/journal/json-format.ts). */
export type LineFormat = 'text' | 'json';

export interface LogPumpOptions {
  /** Where the stream goes: tsd's stdout. */
  outFd: number;
  format: LineFormat;
  /** The ring every line is framed into; the journal store reads its blocks back from there. */
  ringBytes: number;
  /** journald's LineMax: longer lines are cut into pieces this long. */
  maxLine: number;
}

/** What the log pump tells the main thread, in order. */
export type PumpEvent =
  /** `lines` lines were framed into the ring at virtual `position` (ring offset: position % size), `length`
   *  bytes, and written to the stream (each line's head says when it was read); `priorities`: pairs
   *  (line index, N) for lines that had "<N>"; `forgetBefore`: ring positions below it are being overwritten. */
  | { kind: 'block'; source: number; position: number; length: number; lines: number; priorities?: number[]; forgetBefore: number }
  /** The source's pipe ended (EOF or a read error) and its last line was framed; the pump closed it. */
  | { kind: 'closed'; source: number }
  /** Answers pumpRequestDrain(): the first `written` records given to pumpWrite() have been written. */
  | { kind: 'drained'; written: number };

export interface FramedStream {
  bytes: Buffer;
  lines: number;
  /** pairs (line index, N) for the lines that had "<N>" */
  priorities: number[];
}

export interface NativeCore {
  spawn(options: SpawnOptions): SpawnResult;
  /** Registers the one reaper callback and starts listening for SIGCHLD. Reaps immediately once (children may already be waiting): that first batch is delivered before startReaper returns, so an exception from it propagates to the caller; later batches come from the loop (an exception there is an 'uncaughtException'). Called with every batch of reaped children. */
  startReaper(onExits: (exits: ExitBatch) => void): void;
  /** Whether tsd has any child process, zombies included (waitid WNOWAIT: reaps nothing). */
  hasChildren(): boolean;
  /** Catches these signals (uv signal handles, so the loop wakes); callback gets the number. */
  handleSignals(signals: number[], onSignal: (signal: number) => void): void;
  /** kill(2); returns 0 or the errno (ESRCH = 3 when the process is gone). */
  kill(pid: number, signal: number): number;
  /** killpg(2); returns 0 or the errno. */
  killProcessGroup(pgid: number, signal: number): number;
  /** prctl(PR_SET_CHILD_SUBREAPER, 1); returns 0 or the errno. */
  setChildSubreaper(): number;
  getpid(): number;
  /** A full, memory-reducing heap collection, then malloc_trim: once, when boot ends. */
  reduceMemory(): void;
  /** V8's own flags, set at run time (scripts/launcher.cjs). */
  setV8Flags(flags: string): void;
  /** Starts the log pump (native/log-pump.cc): a thread of its own that reads every attached
   *  pipe, frames its lines and writes them to outFd, and reports to onEvents on the loop. Once. */
  startLogPump(options: LogPumpOptions, onEvents: (events: PumpEvent[]) => void): void;
  /** Hands a service pipe's read end (non-blocking) to the pump, which owns and closes it.
   *  `textHead`/`jsonHead`: what follows the time in each line's head of that format:
   *  " nginx.service[42]: ", or "\",\"unit\":...,\"priority\":". */
  pumpAttach(fd: number, id: number, textHead: string, jsonHead: string, levelPrefix: boolean, priority: number): void;
  /** Queues tsd's own records (whole lines), written in order with the services' lines once pumpFlush() wakes the pump. */
  pumpWrite(bytes: string | Buffer): void;
  /** Wakes the pump for what pumpWrite() queued (once per turn of the loop, not per record). */
  pumpFlush(): void;
  /** Asks for a 'drained' event once everything handed to the pump so far is written. */
  pumpRequestDrain(): void;
  /** The events the pump has not delivered yet (framed blocks wait for a reason to wake the loop: a pipe
   *  that ended, a drain, or a few hundred of them), taken now. */
  pumpTakeEvents(): PumpEvent[];
  /** How much service output the pump has read so far (bytes). */
  pumpBytesRead(): number;
  /** The ring's memory (the pump lives as long as the process); valid only at positions >= pumpForgetBefore(). */
  pumpRing(): Buffer | undefined;
  /** Ring positions below this may have been overwritten (checked after reading, like a seqlock). */
  pumpForgetBefore(): number;
  /** The pump's framing of a stream given in chunks (test hook: the same StreamFramer, no thread). */
  frameStreamForTest(chunks: Buffer[], options: { format: LineFormat; head: string; maxLine: number; levelPrefix: boolean; priority: number;
    /** false: the stream goes on, its unfinished last line stays unframed (default true) */ end?: boolean }): FramedStream;
  /** _exit(2): leave without Node's teardown (stdout must already be flushed). */
  exitNow(code: number): never;
  /** Binds an AF_UNIX SOCK_DGRAM socket with SO_PASSCRED at path (unlinking a stale one) and delivers each datagram. Returns 0 or the errno. */
  openNotifySocket(path: string, onMessage: (message: NotifyMessage) => void): number;
  closeNotifySocket(): void;
  /** getpwnam_r; null if unknown. Runs in the parent (NSS is not async-signal-safe). */
  lookupUser(name: string): { uid: number; gid: number; home: string; shell: string; name: string } | null;
  lookupUserById(uid: number): { uid: number; gid: number; home: string; shell: string; name: string } | null;
  /** getgrnam_r; null if unknown. */
  lookupGroup(name: string): { gid: number; name: string } | null;
  /** getgrouplist(user, gid): the user's supplementary groups (gid included). */
  groupList(user: string, gid: number): number[];
  /** close(2) for fds the core handed out; returns 0 or the errno. */
  close(fd: number): number;
  /** mkdir(2) of one directory with `mode` (less the umask); 0 or the errno (EEXIST included). */
  makeDirectory(path: string, mode: number): number;
  /** 128 random bits (getrandom(2)) as 32 lowercase hex digits; undefined if the kernel has none. */
  randomId128(): string | undefined;
  /** An ASCII file's whole text as a string V8 reads in place (external); undefined if the file
   *  cannot be read whole or holds another byte. For scripts/launcher.cjs. */
  readScriptSource(path: string): string | undefined;
  /** Counters kept by the core: orphans reaped that nobody spawned through spawn(). */
  stats(): { spawned: number; reaped: number; reapedUnknown: number };
}

/** Linux RLIMIT_* numbers (x86_64 and aarch64 agree). */
export const RLIMIT = {
  cpu: 0, fsize: 1, data: 2, stack: 3, core: 4, rss: 5, nproc: 6, nofile: 7,
  memlock: 8, as: 9, locks: 10, sigpending: 11, msgqueue: 12, nice: 13, rtprio: 14, rttime: 15,
} as const;

/** Where the launcher (scripts/launcher.cjs) leaves the core it loaded to set V8's flags. */
const LOADED_CORE = Symbol.for('tsd.nativeCore');

/**
 * The addon, loaded once per process (a second load would be a second core): tsd's executable
 * has loaded it already; anything else (dist/, tests) loads it here. process.dlopen, as the
 * launcher does, not require(): the module resolver's walk costs more than the load, and
 * node:module, which createRequire() needs, ~1 ms to load on PID 1's way to its first service.
 * The path is relative to dist/native/ and src/native/ alike.
 */
export function loadNativeCore(): NativeCore {
  const slot = globalThis as Record<symbol, NativeCore | undefined>;
  if (!slot[LOADED_CORE]) {
    const addon = { exports: {} as NativeCore };
    process.dlopen(addon, fileURLToPath(new URL('../../build/Release/tsd_core.node', import.meta.url)));
    slot[LOADED_CORE] = addon.exports;
  }
  return slot[LOADED_CORE];
}
