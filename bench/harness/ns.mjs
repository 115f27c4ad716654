// Runs one init as PID 1 of a fresh PID + mount namespace with a private
// tmpfs on /run, through `bw run`, which records the exec time just before
// execve and the exit time right after waitpid. Everything the harness
// reports is computed from timestamps in the event file.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, openSync, closeSync, readSync, existsSync, watch, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { children, tree, exe } from './proc.mjs';

export const WORK = new URL('../.work/', import.meta.url).pathname;
export const BW = join(WORK, 'bw');

const live = new Set();
function killAll() { for (const r of live) r.hardKill(); }
process.on('exit', killAll);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => { killAll(); process.exit(130); });

/** Parsed event lines: { kind, name, ns (BigInt), t (ms float), extra: {k: v} } */
export class EventLog {
  constructor(path) {
    this.path = path;
    this.events = [];
    this.offset = 0;
    this.tail = '';
    this.waiters = [];
    writeFileSync(path, '');
    this.fd = openSync(path, 'r');
    this.watcher = watch(path, () => this.pump());
    this.timer = setInterval(() => this.pump(), 100); // safety net only
  }
  pump() {
    if (this.fd === null) return;
    const buf = Buffer.alloc(1 << 16);
    for (;;) {
      const n = readSync(this.fd, buf, 0, buf.length, this.offset);
      if (n <= 0) break;
      this.offset += n;
      const text = this.tail + buf.toString('utf8', 0, n);
      const lines = text.split('\n');
      this.tail = lines.pop();
      for (const line of lines) {
        const [kind, name, ns, ...rest] = line.split(' ');
        if (!ns) continue;
        const extra = {};
        for (const r of rest) { const i = r.indexOf('='); if (i > 0) extra[r.slice(0, i)] = r.slice(i + 1); }
        const big = BigInt(ns);
        this.events.push({ kind, name, ns: big, t: Number(big) / 1e6, extra });
      }
    }
    this.check();
  }
  check() {
    this.waiters = this.waiters.filter((w) => {
      const r = w.pred(this.events);
      if (r) { clearTimeout(w.timer); w.resolve(r); return false; }
      return true;
    });
  }
  /** Resolves with pred's truthy result, or null after timeoutMs. */
  waitFor(pred, timeoutMs) {
    this.pump();
    const r = pred(this.events);
    if (r) return Promise.resolve(r);
    return new Promise((resolve) => {
      const w = { pred, resolve };
      w.timer = setTimeout(() => { this.waiters = this.waiters.filter((x) => x !== w); resolve(null); }, timeoutMs);
      this.waiters.push(w);
    });
  }
  find(kind, name) { return this.events.find((e) => e.kind === kind && (name === undefined || e.name === name)); }
  all(kind) { return this.events.filter((e) => e.kind === kind); }
  close() {
    this.pump();
    this.watcher.close();
    clearInterval(this.timer);
    for (const w of this.waiters) { clearTimeout(w.timer); w.resolve(null); }
    this.waiters = [];
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

export function tempDir(label) {
  return mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), `tsd-bench-${label}-`));
}

/**
 * The environment `docker run` gives a container's PID 1 (PATH, HOSTNAME, HOME), not the
 * shell's the bench runs from. A developer's or CI's environment can change what is measured:
 * NODE_EXTRA_CA_CERTS, set on many build machines, makes every Node process (tsd and the
 * `node -e 0` floor alike) parse a CA bundle before it runs a line of JavaScript, 30-40 ms
 * that no container pays. Node's own directory is appended to PATH for `env node` shebangs.
 */
const DOCKER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const CONTAINER_ENV = Object.freeze({
  PATH: DOCKER_PATH.split(':').includes(dirname(process.execPath)) ? DOCKER_PATH : `${DOCKER_PATH}:${dirname(process.execPath)}`,
  HOSTNAME: 'tsd-bench',
  HOME: '/root',
});

/**
 * Launch argv as PID 1, in CONTAINER_ENV. opts: { dir, env, sinkLines }.
 * Returns a Run: { events, pid1(), nsProcs(), kill(sig), exited (Promise), hardKill(), cleanup() }.
 */
export function launch(argv, opts) {
  const dir = opts.dir;
  const events = new EventLog(join(dir, 'events'));
  const errFd = openSync(join(dir, 'stderr'), 'a');
  const outFd = opts.sinkLines !== undefined ? 'ignore' : openSync('/dev/null', 'w');
  const runArgs = ['run'];
  if (opts.sinkLines !== undefined) runArgs.push('-s', String(opts.sinkLines));
  runArgs.push(events.path, '--',
    'unshare', '--pid', '--fork', '--kill-child', '--mount-proc', '--mount', '--propagation', 'private',
    'sh', '-c', 'mount -t tmpfs -o mode=755 tmpfs /run && exec "$@"', 'sh', ...argv);
  const child = spawn(BW, runArgs, {
    stdio: ['ignore', outFd, errFd],
    env: { ...CONTAINER_ENV, ...(opts.env ?? {}), BENCH_EVENTS: events.path },
    cwd: dir,
  });
  closeSync(errFd);
  if (typeof outFd === 'number') closeSync(outFd);
  let exitCode = null;
  const exited = new Promise((resolve) => child.on('exit', (code, sig) => { exitCode = code ?? 128; resolve(exitCode); }));
  let pid1 = null;
  const run = {
    dir, events, exited, child,
    get done() { return exitCode !== null; },
    /** host pid of the namespace's PID 1 (the child of unshare) */
    async pid1() {
      if (pid1) return pid1;
      const ev = await events.waitFor((es) => es.find((e) => e.kind === 'pid'), 5000);
      if (!ev) return null;
      const unsharePid = Number(ev.extra.pid);
      for (let i = 0; i < 500 && !pid1; i++) {
        const c = children(unsharePid);
        if (c.length) pid1 = c[0];
        else await new Promise((r) => setTimeout(r, 2));
      }
      return pid1;
    },
    /** every process in the namespace, split into workload (bw) and init (the rest) */
    async nsProcs() {
      const p1 = await run.pid1();
      const all = p1 ? tree(p1) : [];
      const workload = [], init = [];
      for (const p of all) (exe(p) === BW ? workload : init).push(p);
      return { all, workload, init };
    },
    /**
     * Wait until PID 1 catches or blocks SIGTERM (SigCgt/SigBlk in /proc/PID/status): the kernel
     * drops signals to a namespace's PID 1 that has no handler, so sending
     * "docker stop" before that would only measure a lost signal. Not a timing.
     */
    async catchesTerm(timeoutMs = 10000) {
      const p1 = await run.pid1();
      const end = Date.now() + timeoutMs;
      while (Date.now() < end && exitCode === null) {
        // caught (a handler), blocked (taken with signalfd or sigwait), or
        // waited for right now in sigtimedwait (tini: its mask is lifted while it waits)
        let st = '', wchan = '';
        try { st = readFileSync(`/proc/${p1}/status`, 'utf8'); wchan = readFileSync(`/proc/${p1}/wchan`, 'utf8'); } catch {}
        if (wchan.startsWith('do_sigtimedwait')) return true;
        for (const k of ['SigCgt', 'SigBlk']) {
          const m = new RegExp(`${k}:\\s*([0-9a-f]+)`).exec(st);
          if (m && (BigInt('0x' + m[1]) >> 14n) & 1n) return true;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      return false;
    },
    /** send sig to PID 1, recording the time in the event file ("kill") */
    async kill(sig) {
      const p1 = await run.pid1();
      const num = { SIGTERM: 15, SIGKILL: 9, SIGINT: 2 }[sig] ?? sig;
      spawnSync(BW, ['kill', events.path, String(p1), String(num)], { stdio: 'ignore' });
    },
    hardKill() {
      if (exitCode !== null) return;
      if (!pid1) {
        events.pump();
        const ev = events.find('pid');
        if (ev) pid1 = children(Number(ev.extra.pid))[0] ?? null;
      }
      // killing PID 1 ends the namespace; `bw run` then records "exit"
      try { if (pid1) process.kill(pid1, 'SIGKILL'); else process.kill(child.pid, 'SIGKILL'); } catch {}
    },
    /** wait for exit, SIGKILL PID 1 after graceMs; resolves true if it exited by itself */
    async waitExit(graceMs) {
      const t = new Promise((r) => setTimeout(() => r('timeout'), graceMs));
      const r = await Promise.race([exited.then(() => 'exit'), t]);
      if (r === 'timeout') { run.hardKill(); await exited; return false; }
      return true;
    },
    async cleanup() {
      if (exitCode === null) { run.hardKill(); await exited; }
      await new Promise((r) => setTimeout(r, 5));
      events.close();
      live.delete(run);
      if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    },
  };
  live.add(run);
  return run;
}

export const exists = existsSync;
