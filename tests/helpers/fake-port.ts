// A port without a kernel: spawns are recorded and get fresh pids, signals are recorded,
// time advances only when the test says so. Drives the manager's state machines in unit tests.
import type { SpawnOptions, SpawnResult } from '../../src/native/core.js';
import type { DirectoryOwner, PreparedDirectory, ProcessInfo, ProcessPort, TimerHandle, UserRecord } from '../../src/manager/port.js';

interface FakeTimer {
  at: number;
  callback: () => void;
  cancelled: boolean;
}

export class FakePort implements ProcessPort {
  readonly selfPid = 1;
  readonly spawns: Array<{ pid: number; options: SpawnOptions }> = [];
  readonly signals: Array<{ pid: number; signal: number }> = [];
  readonly alive = new Set<number>();
  /** file -> errno code: spawning it fails like a failed exec */
  readonly failingBinaries = new Map<string, string>();
  /** path -> contents (bytes for files that are not UTF-8) */
  readonly files = new Map<string, string | Uint8Array>();
  private clock = 0;
  private nextPid = 100;
  private timers: FakeTimer[] = [];

  spawn(options: SpawnOptions): SpawnResult {
    const code = this.failingBinaries.get(options.file);
    if (code) return { ok: false, errno: 2, code, stage: 'exec', message: 'No such file or directory' };
    const pid = this.nextPid++;
    this.spawns.push({ pid, options });
    this.alive.add(pid);
    return { ok: true, pid };
  }

  kill(pid: number, signal: number): number {
    if (signal !== 0) this.signals.push({ pid, signal });
    return this.alive.has(pid) ? 0 : 3;
  }

  killProcessGroup(pgid: number, signal: number): number {
    return this.kill(pgid, signal);
  }

  now(): number {
    return this.clock;
  }

  realtimeUsec(): number {
    return 1_700_000_000_000_000 + this.clock * 1000;
  }

  private invocations = 0;
  newInvocationId(): string {
    return (++this.invocations).toString(16).padStart(32, '0');
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const timer: FakeTimer = { at: this.clock + ms, callback, cancelled: false };
    if (Number.isFinite(ms)) this.timers.push(timer);
    return { cancel: () => { timer.cancelled = true; } };
  }

  /** Moves the clock forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.clock + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.clock = due.at;
      due.cancelled = true;
      due.callback();
    }
    this.clock = end;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }

  descendants(): ProcessInfo[] {
    return [...this.alive].map((pid) => ({ pid, ppid: 1, pgid: pid, sid: pid, state: 'S' }));
  }

  processesWithInvocationId(): number[] {
    return [];
  }

  readFile(path: string): string | null {
    const content = this.files.get(path);
    return content === undefined ? null : typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  }

  readFileBytes(path: string): Uint8Array | null {
    const content = this.files.get(path);
    return content === undefined ? null : typeof content === 'string' ? Buffer.from(content) : content;
  }

  /** The directories are those of the files' paths. */
  listDirectory(path: string): string[] | null {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const names = new Set<string>();
    for (const file of this.files.keys()) {
      if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0]!);
    }
    return names.size > 0 ? [...names] : null;
  }

  /** Directories made, with their mode and owner (null: left to whoever owns it). */
  readonly directories = new Map<string, { mode: number; owner: DirectoryOwner | null }>();
  /** path -> errno text: making it fails */
  readonly failingDirectories = new Map<string, string>();
  /** Every prepareDirectory() and removeTree() call, in order: "prepare /run/x 755 1000:1000", "remove /run/x". */
  readonly directoryCalls: string[] = [];

  prepareDirectory(path: string, mode: number, owner: DirectoryOwner | null): PreparedDirectory {
    this.directoryCalls.push(`prepare ${path} ${mode.toString(8)} ${owner ? `${owner.uid}:${owner.gid}` : '-'}`);
    const error = this.failingDirectories.get(path);
    if (error) return { ok: false, error };
    const existing = this.directories.get(path);
    if (existing && !owner) return { ok: true, existed: true, mode: existing.mode };
    this.directories.set(path, { mode, owner });
    return { ok: true, existed: existing !== undefined, mode };
  }

  /** Symbolic links made: link -> target. */
  readonly symlinks = new Map<string, string>();

  makeSymlink(target: string, link: string): string | null {
    this.directoryCalls.push(`link ${link} -> ${target}`);
    const existing = this.symlinks.get(link);
    if (existing !== undefined && existing !== target) return 'File exists';
    this.symlinks.set(link, target);
    return null;
  }

  removeTree(path: string): string | null {
    this.directoryCalls.push(`remove ${path}`);
    this.symlinks.delete(path);
    for (const dir of [...this.directories.keys()]) if (dir === path || dir.startsWith(`${path}/`)) this.directories.delete(dir);
    return null;
  }

  /** The user database besides root: name -> record (looked up by name or uid). */
  readonly users = new Map<string, UserRecord>();
  /** The group database besides root: name -> gid. */
  readonly groups = new Map<string, number>();

  lookupUser(name: string): UserRecord | null {
    if (name === 'root' || name === '0') return { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/sh' };
    return this.users.get(name) ?? [...this.users.values()].find((u) => String(u.uid) === name) ?? null;
  }

  lookupGroup(name: string): number | null {
    if (name === 'root' || name === '0') return 0;
    return this.groups.get(name) ?? (/^\d+$/.test(name) ? Number(name) : null);
  }

  groupList(): number[] {
    return [0];
  }

  lastSpawn(): { pid: number; options: SpawnOptions } {
    return this.spawns[this.spawns.length - 1]!;
  }
}
