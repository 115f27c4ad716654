// The real port's /proc reading: parsing, the INVOCATION_ID look-up, and the one scan that
// serves every caller until the running JavaScript yields or tsd spawns. A fake core stands
// for the native addon; the processes are real children of this worker.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { invocationIdOf, NativePort, parseProcStat } from '../../src/manager/native-port.js';
import type { NativeCore, SpawnOptions } from '../../src/native/core.js';

const ID_A = '0123456789abcdef0123456789abcdef';
const ID_B = 'fedcba9876543210fedcba9876543210';

function fakeCore(spawned: SpawnOptions[]): NativeCore {
  return {
    getpid: () => process.pid,
    hasChildren: () => true,
    spawn: (options: SpawnOptions) => {
      spawned.push(options);
      return { ok: true, pid: 999_999 };
    },
    kill: () => 0,
  } as unknown as NativeCore;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function sleeper(env: Record<string, string> = {}): ChildProcess {
  const child = spawn('sleep', ['30'], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: 'ignore' });
  children.push(child);
  return child;
}

/** Waits until the child has exec'd sleep (its environment is the one given). */
async function execd(child: ChildProcess): Promise<void> {
  const { readFileSync } = await import('node:fs');
  for (let i = 0; i < 200; i++) {
    try {
      if (readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim() === 'sleep') return;
    } catch {
      // not there yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('sleep did not start');
}

describe('parseProcStat', () => {
  it('reads pid, state, ppid, pgid, sid and the start time, with spaces and parentheses in comm', () => {
    const fields = ['S', '1', '42', '42', '0', '-1', '4194560', '0', '0', '0', '0', '0', '0', '0', '0', '20', '0', '1', '0', '123456'];
    expect(parseProcStat(`42 (a (b) c) ${fields.join(' ')} 0 0`)).toEqual({ pid: 42, state: 'S', ppid: 1, pgid: 42, sid: 42, startTime: 123456 });
  });
});

describe('invocationIdOf', () => {
  it('finds INVOCATION_ID= only at the start of a variable', () => {
    expect(invocationIdOf(Buffer.from(`A=1\0INVOCATION_ID=${ID_A}\0B=2\0`))).toBe(ID_A);
    expect(invocationIdOf(Buffer.from(`INVOCATION_ID=${ID_A}`))).toBe(ID_A);
    expect(invocationIdOf(Buffer.from(`MY_INVOCATION_ID=${ID_B}\0INVOCATION_ID=${ID_A}\0`))).toBe(ID_A);
    expect(invocationIdOf(Buffer.from(`MY_INVOCATION_ID=${ID_B}\0`))).toBe('');
    expect(invocationIdOf(Buffer.from('INVOCATION_ID=short\0'))).toBe('');
    expect(invocationIdOf(Buffer.alloc(0))).toBe('');
  });
});

describe('NativePort process table', () => {
  it('one scan serves every caller until the JavaScript yields; a spawn drops it', async () => {
    const spawned: SpawnOptions[] = [];
    const port = new NativePort(fakeCore(spawned));
    const child = sleeper();
    await execd(child);
    const first = port.descendants();
    expect(first.map((p) => p.pid)).toContain(child.pid);
    expect(port.descendants()).toBe(first);
    port.spawn({ file: '/bin/true', argv: ['true'], env: [] });
    const afterSpawn = port.descendants();
    expect(afterSpawn).not.toBe(first);
    expect(port.descendants()).toBe(afterSpawn);
    await Promise.resolve();
    // A process started meanwhile is seen once the running JavaScript yielded.
    const late = sleeper();
    await execd(late);
    expect(port.descendants()).not.toBe(afterSpawn);
    expect(port.descendants().map((p) => p.pid)).toContain(late.pid);
  });

  it('a scan that found nothing alive serves until the event is over, unless tsd spawns', async () => {
    const spawned: SpawnOptions[] = [];
    // A pid nothing descends from: the table is empty.
    const core = { ...fakeCore(spawned), getpid: () => 0x7ffffffe } as NativeCore;
    const port = new NativePort(core);
    const empty = port.descendants();
    expect(empty).toEqual([]);
    await Promise.resolve();
    expect(port.descendants()).toBe(empty);
    await new Promise((resolve) => setImmediate(resolve));
    const next = port.descendants();
    expect(next).not.toBe(empty);
    port.spawn({ file: '/bin/true', argv: ['true'], env: [] });
    expect(port.descendants()).not.toBe(next);
  });

  it('does not read /proc when tsd has no child: nothing can be below it', async () => {
    let hasChildren = true;
    const port = new NativePort({ ...fakeCore([]), hasChildren: () => hasChildren } as NativeCore);
    const child = sleeper();
    await execd(child);
    expect(port.descendants().map((p) => p.pid)).toContain(child.pid);
    await new Promise((resolve) => setImmediate(resolve));
    hasChildren = false; // what the kernel says once the last child was reaped
    expect(port.descendants()).toEqual([]);
  });

  it('finds a process by the INVOCATION_ID in its environment, and forgets it once gone', async () => {
    const port = new NativePort(fakeCore([]));
    const a = sleeper({ INVOCATION_ID: ID_A });
    const b = sleeper({ INVOCATION_ID: ID_B });
    const none = sleeper();
    await Promise.all([execd(a), execd(b), execd(none)]);
    const all = port.descendants();
    expect(port.processesWithInvocationId(ID_A, all)).toEqual([a.pid]);
    expect(port.processesWithInvocationId(ID_B, all)).toEqual([b.pid]);
    // Asked again: the answer comes from what was read (same result).
    expect(port.processesWithInvocationId(ID_A, all)).toEqual([a.pid]);
    a.kill('SIGKILL');
    await new Promise((resolve) => a.once('exit', resolve));
    await Promise.resolve();
    expect(port.descendants().map((p) => p.pid)).not.toContain(a.pid);
    expect(port.processesWithInvocationId(ID_A, port.descendants())).toEqual([]);
  });
});
