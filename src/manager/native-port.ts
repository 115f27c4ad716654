// The real port: the native core for processes, Node's timers, /proc for process discovery.
import { readdirSync, readFileSync } from 'node:fs';
import type { NativeCore, SpawnOptions, SpawnResult } from '../native/core.js';
import type { ProcessInfo, ProcessPort, TimerHandle, UserRecord } from './port.js';

/** Parses /proc/PID/stat: "pid (comm) state ppid pgrp session ..."; comm may hold spaces and ')'. */
export function parseProcStat(text: string): ProcessInfo | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const pid = Number.parseInt(text, 10);
  const fields = text.slice(close + 2).split(' ');
  if (fields.length < 4) return null;
  return {
    pid,
    state: fields[0]!,
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    sid: Number(fields[3]),
  };
}

export class NativePort implements ProcessPort {
  readonly selfPid: number;

  constructor(private readonly core: NativeCore) {
    this.selfPid = core.getpid();
  }

  spawn(options: SpawnOptions): SpawnResult {
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

  setTimer(ms: number, callback: () => void): TimerHandle {
    // Node clamps delays above 2^31-1 ms to 1 ms: "infinity" must never reach setTimeout.
    if (!Number.isFinite(ms) || ms > 0x7fffffff) return { cancel() {} };
    const timer = setTimeout(callback, Math.max(0, ms));
    return { cancel: () => clearTimeout(timer) };
  }

  descendants(): ProcessInfo[] {
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
      try {
        const info = parseProcStat(readFileSync(`/proc/${entry}/stat`, 'latin1'));
        if (info) all.set(info.pid, info);
      } catch {
        // gone meanwhile
      }
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
    return out;
  }

  processesWithInvocationId(id: string, among: ProcessInfo[]): number[] {
    const needle = Buffer.from(`INVOCATION_ID=${id}\0`);
    const out: number[] = [];
    for (const info of among) {
      try {
        const environ = readFileSync(`/proc/${info.pid}/environ`);
        if (environ.indexOf(needle) >= 0) out.push(info.pid);
      } catch {
        // gone, or a kernel thread
      }
    }
    return out;
  }

  readFile(path: string): string | null {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
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
