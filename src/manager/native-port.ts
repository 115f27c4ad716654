// The real port: the native core for processes, Node's timers, /proc for process discovery.
// /proc is read on the stop path (every unit's KillMode=control-group signal and every "are
// its processes gone yet" check), so it is read cheaply: one scan of the process table serves
// every caller until the running JavaScript yields (a stop of every unit, or a batch of
// reaped children, is one scan, not one per unit), and each process's environment is read
// at most once in its life for its INVOCATION_ID.
import { chmodSync, closeSync, lchownSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { NativeCore, SpawnOptions, SpawnResult } from '../native/core.js';
import { errnoText } from './errno-text.js';
import { listDirectory } from './path-glob.js';
import type { DirectoryOwner, PreparedDirectory, ProcessInfo, ProcessPort, TimerHandle, UserRecord } from './port.js';
import { queueTask } from '../lib/microtask.js';

/** Parses /proc/PID/stat: "pid (comm) state ppid pgrp session ..."; comm may hold spaces and ')'. */
export function parseProcStat(text: string): ProcessInfo | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const pid = Number.parseInt(text, 10);
  const fields = text.slice(close + 2).split(' ');
  if (fields.length < 4) return null;
  const info: ProcessInfo = {
    pid,
    state: fields[0]!,
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    sid: Number(fields[3]),
  };
  // Field 22, starttime (clock ticks after boot): a pid and its start name one process.
  if (fields.length > 19) info.startTime = Number(fields[19]);
  return info;
}

const INVOCATION_KEY = Buffer.from('INVOCATION_ID=');
const INVOCATION_ID_LENGTH = 32;

/** The INVOCATION_ID=... value of a NUL-separated environment block ('' when there is none). */
export function invocationIdOf(environ: Buffer): string {
  for (let at = environ.indexOf(INVOCATION_KEY); at >= 0; at = environ.indexOf(INVOCATION_KEY, at + 1)) {
    if (at > 0 && environ[at - 1] !== 0) continue;
    const start = at + INVOCATION_KEY.length;
    let end = environ.indexOf(0, start);
    if (end < 0) end = environ.length;
    return end - start === INVOCATION_ID_LENGTH ? environ.toString('latin1', start, end) : '';
  }
  return '';
}

/** "Permission denied" for EACCES: the strerror() text systemd prints, from Node's error. */
function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return errnoText(e.code) ?? e.message;
}

function isLinkTo(link: string, target: string): boolean {
  try {
    return lstatSync(link).isSymbolicLink() && readlinkSync(link) === target;
  } catch {
    return false;
  }
}

/**
 * mkdir_parents(): each missing parent of `path` with mode 0755, one component after the other
 * (not mkdirSync's { recursive: true }, which spins forever where mkdir(2) keeps failing with
 * ENOENT, as under /proc).
 */
function makeParents(path: string): void {
  const parts = dirname(path).split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    try {
      mkdirSync(`/${parts.slice(0, i).join('/')}`, { mode: 0o755 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * path_chown_recursive(): nothing to do when the directory is the owner's already; else the
 * directory and everything below it (symbolic links themselves, not followed) change hands,
 * their mode bits kept (chown(2) clears set-user-ID bits).
 */
function handOver(path: string, owner: DirectoryOwner): void {
  const top = lstatSync(path);
  if (top.uid === owner.uid && top.gid === owner.gid) return;
  const visit = (p: string): void => {
    const st = lstatSync(p);
    lchownSync(p, owner.uid, owner.gid);
    if (st.isSymbolicLink()) return;
    chmodSync(p, st.mode & 0o7777);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
  };
  visit(path);
}

export class NativePort implements ProcessPort {
  readonly selfPid: number;
  /** The last scan of the process table, until the running JavaScript yields or tsd spawns. */
  private snapshot: ProcessInfo[] | null = null;
  /** pid -> its start time and INVOCATION_ID ('' for none), kept while the process lives. */
  private invocationIds = new Map<number, { startTime: number | undefined; id: string }>();
  /** One buffer for every read of /proc: no allocation per file. */
  private buffer = Buffer.allocUnsafe(16 * 1024);

  constructor(private readonly core: NativeCore) {
    this.selfPid = core.getpid();
  }

  spawn(options: SpawnOptions): SpawnResult {
    this.snapshot = null;
    return this.core.spawn(options);
  }

  kill(pid: number, signal: number): number {
    return this.core.kill(pid, signal);
  }

  killProcessGroup(pgid: number, signal: number): number {
    return this.core.killProcessGroup(pgid, signal);
  }

  // process.hrtime and Date rather than the `performance` global: its first use loads the
  // perf_hooks machinery, a few ms on PID 1's way to its first service.
  now(): number {
    return Number(process.hrtime.bigint()) / 1e6;
  }

  realtimeUsec(): number {
    return Date.now() * 1000;
  }

  newInvocationId(): string {
    // getrandom(2) in the core. Without any randomness from the kernel (neither getrandom nor
    // /dev/urandom), an id that is still unique enough to tell one run's processes from another's.
    return this.core.randomId128() ?? Array.from({ length: 4 }, () => Math.floor(Math.random() * 2 ** 32).toString(16).padStart(8, '0')).join('');
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    // Node clamps delays above 2^31-1 ms to 1 ms: "infinity" must never reach setTimeout.
    if (!Number.isFinite(ms) || ms > 0x7fffffff) return { cancel() {} };
    const timer = setTimeout(callback, Math.max(0, ms));
    return { cancel: () => clearTimeout(timer) };
  }

  /**
   * Reads a /proc file into the shared buffer (grown as needed); the byte count, or -1.
   * openSync/readSync rather than readFileSync: no fstat, no new buffer per file.
   */
  private readProc(path: string): number {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return -1;
    }
    try {
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
          this.buffer.copy(bigger, 0, 0, length);
          this.buffer = bigger;
        }
        const n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
        if (n <= 0) return length;
        length += n;
      }
    } catch {
      return -1; // gone meanwhile, or a kernel thread
    } finally {
      closeSync(fd);
    }
  }

  descendants(): ProcessInfo[] {
    if (this.snapshot) return this.snapshot;
    // No child, no descendant: the common case once the last unit stopped, known from one
    // system call instead of a read of every /proc/PID/stat.
    const snapshot = this.core.hasChildren() ? this.scan() : this.nothingAlive();
    this.snapshot = snapshot;
    // Valid for the JavaScript running now: a process that dies meanwhile is only seen alive
    // a moment longer (its exit is an event that looks again); one born meanwhile has its
    // parent in the snapshot, or is tsd's own spawn, which drops the snapshot. With nothing
    // alive, nothing can be born but by a spawn: kept for the rest of this event, so the
    // final sweep after the last unit's exit needs no second read.
    const drop = () => {
      if (this.snapshot === snapshot) this.snapshot = null;
    };
    if (snapshot.some((p) => p.state !== 'Z')) queueTask(drop);
    else setImmediate(drop);
    return snapshot;
  }

  private nothingAlive(): ProcessInfo[] {
    this.invocationIds.clear();
    return [];
  }

  private scan(): ProcessInfo[] {
    const all = new Map<number, ProcessInfo>();
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return [];
    }
    for (const entry of entries) {
      const c = entry.charCodeAt(0);
      if (c < 48 || c > 57) continue;
      const length = this.readProc(`/proc/${entry}/stat`);
      if (length <= 0) continue;
      const info = parseProcStat(this.buffer.toString('latin1', 0, length));
      if (info) all.set(info.pid, info);
    }
    const out: ProcessInfo[] = [];
    for (const info of all.values()) {
      if (info.pid === this.selfPid) continue;
      // Walk up to tsd; as PID 1 every process gets there, as a subreaper only ours do.
      let cursor: ProcessInfo | undefined = info;
      for (let hops = 0; cursor && hops < 4096; hops++) {
        if (cursor.ppid === this.selfPid) {
          out.push(info);
          break;
        }
        cursor = all.get(cursor.ppid);
      }
    }
    // Forget the environments of processes that are gone.
    for (const pid of this.invocationIds.keys()) {
      if (all.get(pid)?.startTime !== this.invocationIds.get(pid)!.startTime) this.invocationIds.delete(pid);
    }
    return out;
  }

  processesWithInvocationId(id: string, among: ProcessInfo[]): number[] {
    const out: number[] = [];
    for (const info of among) {
      if (this.invocationIdOfProcess(info) === id) out.push(info.pid);
    }
    return out;
  }

  /** A process's INVOCATION_ID, read from /proc/PID/environ once per process (pid and start time). */
  private invocationIdOfProcess(info: ProcessInfo): string {
    const known = this.invocationIds.get(info.pid);
    if (known && known.startTime === info.startTime && info.startTime !== undefined) return known.id;
    const length = this.readProc(`/proc/${info.pid}/environ`);
    // Unreadable (gone, a kernel thread): not remembered, asked again next time.
    if (length < 0) return '';
    const id = invocationIdOf(this.buffer.subarray(0, length));
    this.invocationIds.set(info.pid, { startTime: info.startTime, id });
    return id;
  }

  readFile(path: string): string | null {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  }

  readFileBytes(path: string): Uint8Array | null {
    try {
      return readFileSync(path);
    } catch {
      return null;
    }
  }

  listDirectory(path: string): string[] | null {
    return listDirectory(path);
  }

  prepareDirectory(path: string, mode: number, owner: DirectoryOwner | null): PreparedDirectory {
    try {
      makeParents(path);
      let existed = false;
      try {
        mkdirSync(path, { mode });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        existed = true;
      }
      const found = existed ? statSync(path) : undefined;
      if (found && !found.isDirectory()) return { ok: false, error: errnoText('ENOTDIR')! };
      if (found && !owner) return { ok: true, existed, mode: found.mode & 0o7777 };
      // mkdir(2) applies tsd's umask; the mode asked for is set as such.
      chmodSync(path, mode);
      if (owner) handOver(path, owner);
      return { ok: true, existed, mode };
    } catch (error) {
      return { ok: false, error: errorText(error) };
    }
  }

  makeSymlink(target: string, link: string): string | null {
    const relativeTarget = relative(dirname(link), target) || '.';
    try {
      makeParents(link);
      symlinkSync(relativeTarget, link);
      return null;
    } catch (error) {
      // symlink_idempotent(): the same link is there already.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && isLinkTo(link, relativeTarget)) return null;
      return errorText(error);
    }
  }

  removeTree(path: string): string | null {
    try {
      rmSync(path, { recursive: true, force: true });
      return null;
    } catch (error) {
      return errorText(error);
    }
  }

  lookupUser(nameOrId: string): UserRecord | null {
    return /^\d+$/.test(nameOrId) ? this.core.lookupUserById(Number(nameOrId)) : this.core.lookupUser(nameOrId);
  }

  lookupGroup(nameOrId: string): number | null {
    if (/^\d+$/.test(nameOrId)) return Number(nameOrId);
    return this.core.lookupGroup(nameOrId)?.gid ?? null;
  }

  groupList(user: string, gid: number): number[] {
    return this.core.groupList(user, gid);
  }
}
