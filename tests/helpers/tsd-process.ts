// Runs the real tsd (dist/, built by `npm run build`) as PID 1 of a fresh PID and mount
// namespace with a private /run, as a container would, and observes it from outside:
// its stream line by line, its exit code, and the processes of its namespace.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TSD_MAIN = join(ROOT, 'dist/bundle/tsd.cjs');

export interface TsdOptions {
  /** unit file name -> content, written to a fresh --unit-path directory; a function gets the test's
   *  private directory (for event files and scripts) */
  units?: Record<string, string> | ((dir: string) => Record<string, string>);
  /** extra arguments after --unit-path DIR */
  args?: string[];
  /** false: run tsd directly (child subreaper mode), not as PID 1 */
  pid1?: boolean;
  env?: Record<string, string>;
  /** false: no --unit-path (tsd reads its search path: SYSTEMD_UNIT_PATH or systemd's defaults);
   *  a string: that directory instead of the test's own */
  unitPath?: string | false;
}

/** The flags tsd's executable runs node with: its `#!/path/to/node FLAG` line, or
 *  `#!/usr/bin/env -S node FLAGS` (written by scripts/bundle.mjs). */
export const NODE_FLAGS = nodeFlagsOf(TSD_MAIN);

function nodeFlagsOf(executable: string): string[] {
  const shebang = readFileSync(executable, 'utf8').split('\n', 1)[0]!;
  const match = /^#!(?:\/usr\/bin\/env -S node|\/\S*\/node)(.*)$/.exec(shebang);
  if (!match) throw new Error(`${executable}: no '#!' line that runs node (rebuild: npm run build)`);
  return match[1]!.split(' ').filter(Boolean);
}

/** The V8 flags tsd's launcher sets once Node is up (its `const V8_FLAGS = '...'` line). */
export const LAUNCHER_V8_FLAGS = launcherV8FlagsOf(TSD_MAIN);

function launcherV8FlagsOf(executable: string): string {
  const match = /^const V8_FLAGS = '([^']*)';$/m.exec(readFileSync(executable, 'utf8'));
  if (!match) throw new Error(`${executable}: no "const V8_FLAGS = '...'" line (rebuild: npm run build)`);
  return match[1]!;
}

export interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class TsdProcess {
  readonly lines: string[] = [];
  readonly dir: string;
  readonly unitDir: string;
  readonly child: ChildProcess;
  readonly exited: Promise<ExitResult>;
  private partial = '';
  private waiters: Array<{ test: (line: string) => boolean; resolve: (line: string) => void }> = [];

  constructor(options: TsdOptions = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'tsd-test-'));
    this.unitDir = join(this.dir, 'units');
    mkdirSync(this.unitDir);
    const units = typeof options.units === 'function' ? options.units(this.dir) : options.units ?? {};
    for (const [name, content] of Object.entries(units)) writeFileSync(join(this.unitDir, name), content);
    const unitPath = options.unitPath === undefined ? ['--unit-path', this.unitDir]
      : options.unitPath === false ? [] : ['--unit-path', options.unitPath];
    const tsdArgs = [...NODE_FLAGS, TSD_MAIN, ...unitPath, ...(options.args ?? [])];
    const pid1 = options.pid1 ?? true;
    const argv = pid1
      ? ['unshare', '--pid', '--fork', '--mount-proc', '--propagation', 'private', 'sh', '-c',
        'mount -t tmpfs tmpfs /run && exec "$@"', 'sh', process.execPath, ...tsdArgs]
      : [process.execPath, ...tsdArgs];
    this.child = spawn(argv[0]!, argv.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (chunk: string) => this.onData(chunk));
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => this.onData(chunk));
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.child.stdout!.once('end', () => resolve({ code, signal }));
        if (this.child.stdout!.readableEnded) resolve({ code, signal });
      });
    });
  }

  private onData(chunk: string): void {
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = parts.pop()!;
    for (const line of parts) {
      this.lines.push(line);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(line)) return true;
        w.resolve(line);
        return false;
      });
    }
  }

  /** Stop reading tsd's stdout, as a slow `docker logs` consumer would: its pipe fills up. */
  pauseOutput(): void {
    this.child.stdout!.pause();
  }

  resumeOutput(): void {
    this.child.stdout!.resume();
  }

  /** Resident memory of tsd itself, in KiB. */
  rssKiB(): number {
    const status = readFileSync(`/proc/${this.tsdPid()}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  }

  /** Resolves with the first line (past or future) that matches. */
  waitFor(pattern: RegExp | string, timeoutMs = 20_000): Promise<string> {
    const test = (line: string) => (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line));
    const seen = this.lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`timed out waiting for ${pattern}; stream so far:\n${this.lines.slice(-40).join('\n')}`));
      }, timeoutMs);
      this.waiters.push({ test, resolve: (line) => { clearTimeout(timer); resolve(line); } });
    });
  }

  /** The host pid of tsd itself (PID 1 inside its namespace, or the child itself when not PID 1). */
  tsdPid(): number {
    if (this.child.pid === undefined) throw new Error('tsd did not start');
    if (!this.isPid1Mode()) return this.child.pid;
    // unshare --fork: tsd is unshare's only child (sh exec'ed into node).
    for (let i = 0; i < 200; i++) {
      const children = childrenOf(this.child.pid);
      if (children.length > 0 && readComm(children[0]!) === 'node') return children[0]!;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
    throw new Error('cannot find tsd inside its namespace');
  }

  private isPid1Mode(): boolean {
    return this.child.spawnargs[0] === 'unshare';
  }

  signal(signal: NodeJS.Signals): void {
    process.kill(this.isPid1Mode() ? this.tsdPid() : this.child.pid!, signal);
  }

  /** Processes in tsd's tree (host pids), tsd excluded. */
  processes(): Array<{ pid: number; state: string; comm: string }> {
    const root = this.isPid1Mode() ? this.tsdPid() : this.child.pid!;
    if (this.isPid1Mode()) {
      const ns = safeReadlink(`/proc/${root}/ns/pid`);
      return allPids().filter((pid) => pid !== root && safeReadlink(`/proc/${pid}/ns/pid`) === ns)
        .map((pid) => ({ pid, ...statOf(pid) }));
    }
    const out: Array<{ pid: number; state: string; comm: string }> = [];
    const queue = [root];
    while (queue.length) {
      for (const pid of childrenOf(queue.shift()!)) {
        out.push({ pid, ...statOf(pid) });
        queue.push(pid);
      }
    }
    return out;
  }

  zombies(): number {
    return this.processes().filter((p) => p.state === 'Z').length;
  }

  kill(): void {
    // Already gone: nothing to kill (and looking for tsd inside the namespace would wait in vain).
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    try {
      this.signal('SIGKILL');
    } catch {
      // gone
    }
  }

  /** The index of the first line so far that contains text (or matches a pattern); -1 if none. */
  lineIndex(pattern: RegExp | string): number {
    return this.lines.findIndex((l) => (typeof pattern === 'string' ? l.includes(pattern) : pattern.test(l)));
  }

  /** Whether some line so far contains text (or matches a pattern). */
  has(pattern: RegExp | string): boolean {
    return this.lineIndex(pattern) >= 0;
  }

  /** Stream lines emitted by one unit (its own output, not tsd's messages about it). */
  unitLines(unit: string): string[] {
    const marker = ` ${unit}[`;
    return this.lines.filter((l) => l.includes(marker)).map((l) => l.slice(l.indexOf(']: ') + 3));
  }
}

function allPids(): number[] {
  return readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number);
}

function safeReadlink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // gone
  }
  return out;
}

function readComm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function statOf(pid: number): { state: string; comm: string } {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    return { state: text.slice(close + 2, close + 3), comm: text.slice(text.indexOf('(') + 1, close) };
  } catch {
    return { state: 'gone', comm: '' };
  }
}

/** Polls a condition in the TEST (never in tsd): observation from outside has no event to wait on. */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function service(body: { unit?: string; service: string; install?: boolean }): string {
  return `[Unit]\n${body.unit ?? ''}\n[Service]\n${body.service}\n${body.install === false ? '' : '[Install]\nWantedBy=multi-user.target\n'}`;
}
