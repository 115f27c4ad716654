// The native PID-1 core (build/Release/tsd_core.node). Anything that reaps or catches
// signals runs in a fixture process (tests/native/fixtures/*.mjs), mostly as PID 1 of a new
// pid namespace: waitpid(-1) inside the vitest worker would steal the worker's own children.
// Each fixture prints one JSON line the tests assert on.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeCore } from '../../src/native/core.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const isRoot = process.getuid?.() === 0;
const scratch = mkdtempSync(join(tmpdir(), 'tsd-native-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface FixtureOptions {
  /** PID 1 of a new pid namespace (default), or a plain child of this worker. */
  pid1?: boolean;
  /** Runs node as nobody through setpriv. */
  asNobody?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function fixture(name: string, args: string[] = [], options: FixtureOptions = {}): any {
  const { pid1 = true, asNobody = false } = options;
  let command = [process.execPath, join(FIXTURES, name), ...args];
  if (asNobody) command = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command];
  if (pid1) command = ['unshare', '--pid', '--fork', '--mount-proc', ...command];
  const result = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', timeout: 120_000 });
  const last = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !last.startsWith('{')) {
    throw new Error(`${name} failed (status ${result.status}, signal ${result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  return JSON.parse(last);
}

/** Compiles the orphan-making helper into the scratch directory once. */
let burstBinary: string | undefined;
function burst(): string {
  if (!burstBinary) {
    burstBinary = join(scratch, 'burst');
    const cc = spawnSync('cc', ['-O2', '-o', burstBinary, join(FIXTURES, 'burst.c')], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`cc failed: ${cc.stderr}`);
  }
  return burstBinary;
}

describe.skipIf(!isRoot)('spawn (as PID 1)', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let out: any;
  beforeAll(() => {
    const dir = mkdtempSync(join(scratch, 'spawn-'));
    out = fixture('spawn-cases.mjs', [dir]);
  });

  it('runs as PID 1 of its namespace', () => {
    expect(out.pid).toBe(1);
  });

  it("returns stdout through a non-blocking pipe: echo's words arrive", () => {
    expect(out.echo.result).toMatchObject({ ok: true });
    expect(out.echo.result.stdoutFd).toBeGreaterThan(2);
    expect(out.echo.output).toBe('hello world\n');
    expect(out.echo.exit).toEqual({ pid: out.echo.result.pid, kind: 'exited', code: 0, signal: 0 });
  });

  it('reports a missing binary as ENOENT at exec, never as exit 127', () => {
    expect(out.enoent.result).toEqual({ ok: false, errno: 2, code: 'ENOENT', stage: 'exec', message: 'No such file or directory' });
    expect(out.enoent.exit).toBeUndefined();
  });

  it('reports a non-executable file as EACCES at exec', () => {
    expect(out.eacces.result).toMatchObject({ ok: false, errno: 13, code: 'EACCES', stage: 'exec' });
  });

  it('reports a failing setup step with its stage (chdir)', () => {
    expect(out.chdir.result).toMatchObject({ ok: false, errno: 2, code: 'ENOENT', stage: 'chdir' });
  });

  it('reports a closed fd given for stdio or as an extra fd (EBADF)', () => {
    expect(out.badStdoutFd.result).toMatchObject({ ok: false, code: 'EBADF', stage: 'open-stdio' });
    expect(out.badExtraFd.result).toMatchObject({ ok: false, code: 'EBADF', stage: 'fds' });
  });

  it('reaps failed children itself: they never show up as exit events', () => {
    // 5 failed spawns above: every pid that was reaped is one spawn() returned or the orphan.
    expect(out.stats.reaped).toBe(out.stats.spawned + out.stats.reapedUnknown);
    expect(out.zombies).toEqual([]);
  });

  it('reports exit codes', () => {
    expect(out.exit3.exit).toMatchObject({ kind: 'exited', code: 3, signal: 0 });
    expect(out.exit3.output).toBe('before\n');
  });

  it('reports signal deaths: killed, and dumped when a core was written', () => {
    expect(out.selfTerm.exit).toMatchObject({ kind: 'killed', code: 0, signal: 15 });
    expect(out.killResult).toBe(0);
    expect(out.sigkill).toMatchObject({ kind: 'killed', signal: 9 });
    expect(out.killGone).toBe(3); // ESRCH once reaped
    expect(out.sigquit).toMatchObject({ kind: 'dumped', code: 0, signal: 3 });
  });

  it('applies setgroups -> setgid -> setuid (id as nobody)', () => {
    expect(out.credentials.output).toBe('uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup),100(users)\n');
  });

  it('knows whether it has any child left (waitid WNOWAIT, nothing reaped)', () => {
    expect([out.hasChildrenNone, out.hasChildrenOne, out.hasChildrenAfter]).toEqual([false, true, false]);
  });

  it("leaves tsd's own credentials alone on every thread (the child shares its memory until exec)", () => {
    expect(out.parentThreadUids.length).toBeGreaterThan(1);
    expect(new Set(out.parentThreadUids)).toEqual(new Set(['0']));
  });

  it("drops tsd's supplementary groups when only uid/gid are given", () => {
    expect(out.noGroups.output).toBe('65534\n');
  });

  it('applies umask and rlimits (NOFILE)', () => {
    expect(out.umaskRlimit.output).toBe('1234\n2345\n0027\n');
  });

  it('applies nice and oom_score_adj', () => {
    expect(out.nice.output).toBe('7\n123\n');
  });

  it('starts the child with an empty signal mask and no ignored signal', () => {
    expect(out.parentSigIgn).not.toBe('0000000000000000'); // Node ignores SIGPIPE and SIGXFSZ
    expect(out.childSigBlk).toBe('0000000000000000');
    expect(out.childSigIgn).toBe('0000000000000000');
  });

  it('ignores only SIGPIPE when asked (IgnoreSIGPIPE=yes)', () => {
    expect(out.ignoreSigpipeSigIgn).toBe('0000000000001000'); // bit 13 - 1
  });

  it('makes the child a session and process group leader (setsid), unless told not to', () => {
    expect(out.session.pgrp).toBe(out.session.pid);
    expect(out.session.sid).toBe(out.session.pid);
    expect(out.sharedSession.pgrp).toBe(out.sharedSession.parentPgrp);
    expect(out.sharedSession.pgrp).not.toBe(out.sharedSession.pid);
  });

  it('connects stdin to /dev/null, stderr to the stdout pipe, a separate pipe, or an fd', () => {
    expect(out.stdin.output).toBe('/dev/null\n');
    expect(out.both.output).toBe('out\nerr\n');
    expect(out.separate).toEqual({ out: 'out\n', err: 'err\n', fdsDiffer: true });
    expect(out.toFile).toBe('into a file\n');
  });

  it('passes extra fds at 3, 4, 5 (overlapping sources too) with LISTEN_PID = the child, and closes the rest', () => {
    const [env, fd3, fd4, fd5, listenPidCount, ...open] = out.listen.lines;
    expect(env).toBe(`${out.listen.pid} 3 x:y:z`);
    expect([fd3, fd4, fd5]).toEqual(out.parentLinks);
    expect(listenPidCount).toBe('1'); // the caller's stale LISTEN_PID=999 was replaced
    expect(open).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('throws a TypeError for wrong option types, spawning nothing', () => {
    expect(out.typeErrors).toEqual(Array(8).fill('TypeError'));
  });

  it('reaps a double-forked orphan and counts it as unknown', () => {
    expect(out.forker).toMatchObject({ kind: 'exited', code: 0 });
    expect(out.unknownExits).toHaveLength(1);
    expect(out.unknownExits[0]).toMatchObject({ kind: 'exited', code: 0 });
    expect(out.stats.reapedUnknown).toBe(1);
  });
});

describe.skipIf(!isRoot)('spawn without root (setpriv nobody)', () => {
  it('clamps rlimits to the hard limit instead of failing, and reports a forbidden uid/gid change', () => {
    const out = fixture('unprivileged.mjs', [], { pid1: false, asNobody: true });
    expect(out.uid).toBe(65534);
    expect(out.clamped.result.ok).toBe(true);
    expect(out.clamped.output).toBe(`${out.ownHardLimit}${out.ownHardLimit}`);
    expect(out.setuidRoot.result).toMatchObject({ ok: false, code: 'EPERM', stage: 'setuid' });
    expect(out.setgidRoot.result).toMatchObject({ ok: false, code: 'EPERM', stage: 'setgid' });
    // Lowering the OOM score needs privilege: ignored, the service still starts.
    expect(out.oomLowered.result.ok).toBe(true);
  });
});

describe.skipIf(!isRoot)('reaper: 10,000 orphans in a burst', () => {
  it('as PID 1: all reaped in one go when they are zombies already, none left (timing printed)', () => {
    const out = fixture('orphans.mjs', [burst(), '10000', '0']);
    expect(out.pid).toBe(1);
    expect(out.reapedOrphans).toBe(10_000);
    expect(out.stats).toEqual({ spawned: 1, reaped: 10_001, reapedUnknown: 10_000 });
    expect(out.zombies).toBe(0);
    console.log(`10,000 zombie orphans reaped as PID 1 in ${out.msFromHandOverToLastReap.toFixed(1)} ms ` +
      `(${out.batches} batch(es), largest ${out.largestBatch})`);
  });

  it('as PID 1: orphans still running when handed over are all reaped as they exit', () => {
    const out = fixture('orphans.mjs', [burst(), '10000', '200']);
    expect(out.reapedOrphans).toBe(10_000);
    expect(out.stats.reaped).toBe(10_001);
    expect(out.zombies).toBe(0);
    console.log(`10,000 running orphans (200 ms each) reaped as PID 1: last one ${out.msFromHandOverToLastReap.toFixed(1)} ms after hand-over, ${out.batches} batches`);
  });

  it('as a child subreaper (not PID 1)', () => {
    const out = fixture('orphans.mjs', [burst(), '10000', '100', '--subreaper'], { pid1: false });
    expect(out.pid).not.toBe(1);
    expect(out.subreaper).toBe(0);
    expect(out.reapedOrphans).toBe(10_000);
    expect(out.stats).toEqual({ spawned: 1, reaped: 10_001, reapedUnknown: 10_000 });
    expect(out.zombies).toBe(0);
  });
});

describe.skipIf(!isRoot)('reaper callback that throws (as PID 1)', () => {
  it('throws the first (synchronous) batch to the caller of startReaper, later ones as uncaught exceptions, and keeps reaping', () => {
    const out = fixture('reaper-throws.mjs');
    expect(out.startReaper).toBe('batch 1');
    expect(out.batches).toEqual([[out.earlyPid], [out.laterPids[0]], [out.laterPids[1]]]);
    expect(out.uncaught).toEqual(['batch 2', 'batch 3']);
    expect(out.stats).toEqual({ spawned: 3, reaped: 3, reapedUnknown: 0 });
  });
});

describe.skipIf(!isRoot)('notify socket (as PID 1)', () => {
  it('delivers datagrams with SCM_CREDENTIALS, SCM_RIGHTS fds, and flags truncation', () => {
    const out = fixture('notify.mjs', [mkdtempSync(join(scratch, 'notify-'))]);
    expect(out.open).toBe(0);
    expect(out.openBadPath).toBe(2); // ENOENT: no such directory
    expect(out.openTwice).toBe(16); // EBUSY: one socket at a time
    expect(out.childExit).toMatchObject({ kind: 'exited', code: 0 });
    const [ready, fdstore, huge, watchdog] = out.messages;
    expect(ready).toEqual({ pid: out.childPid, uid: 0, gid: 0, isBuffer: true, length: 17, text: 'READY=1\nSTATUS=up', fds: [], truncated: false });
    expect(fdstore).toMatchObject({ pid: out.childPid, text: 'FDSTORE=1\nFDNAME=file', truncated: false });
    expect(fdstore.fds).toHaveLength(1);
    expect(fdstore.fds[0]).toMatch(/\/passed$/);
    expect(huge).toMatchObject({ pid: out.childPid, length: 65536, fds: [], truncated: true });
    expect(watchdog).toMatchObject({ pid: out.childPid, uid: 65534, gid: 65534, text: 'WATCHDOG=1' });
    expect(out.leakedFds).toBe(0);
    expect(out.reopen).toBe(0);
  });
});

describe.skipIf(!isRoot)('signals (as PID 1)', () => {
  it('delivers SIGRTMIN+3, SIGTERM, SIGINT, SIGHUP, SIGUSR1/2 and SIGPWR; a throwing handler is an uncaught JS exception', () => {
    const out = fixture('signals.mjs');
    expect(out.pid).toBe(1);
    expect(out.received).toEqual([37, 15, 2, 1, 10, 12, 30]);
    expect(out.uncaught).toEqual(['thrown by the signal handler']);
    expect(out['[0]']).toBe('RangeError');
    expect(out['[9]']).toBe('RangeError'); // SIGKILL
    expect(out['[19]']).toBe('RangeError'); // SIGSTOP
    expect(out['[65]']).toBe('RangeError');
    expect(out['["15"]']).toBe('TypeError');
  });
});

describe('in-process calls (no reaping here)', () => {
  const require = createRequire(import.meta.url);
  const core = require('../../build/Release/tsd_core.node') as NativeCore;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const loose = core as any;

  it('looks users and groups up through NSS', () => {
    expect(core.lookupUser('root')).toMatchObject({ name: 'root', uid: 0, gid: 0, home: '/root' });
    expect(core.lookupUserById(65534)).toMatchObject({ name: 'nobody', uid: 65534 });
    expect(core.lookupUser('no-such-user-tsd')).toBeNull();
    expect(core.lookupUserById(4_000_000_000)).toBeNull();
    expect(core.lookupGroup('root')).toEqual({ gid: 0, name: 'root' });
    expect(core.lookupGroup('no-such-group-tsd')).toBeNull();
    expect(core.groupList('root', 0)).toContain(0);
    expect(core.groupList('nobody', 100)).toEqual(expect.arrayContaining([100]));
  });

  it('throws TypeErrors for wrong argument types instead of crashing', () => {
    for (const call of [
      () => loose.lookupUser(1),
      () => loose.lookupUser('root\0x'),
      () => loose.lookupUserById(-1),
      () => loose.groupList('root', 1.5),
      () => loose.lookupUserById('root'),
      () => loose.lookupGroup(),
      () => loose.groupList('root'),
      () => loose.kill('1', 0),
      () => loose.killProcessGroup(2),
      () => loose.close('3'),
      () => loose.startReaper('not a function'),
      () => loose.handleSignals(15, () => {}),
      () => loose.openNotifySocket(join(scratch, 'n'), 'x'),
      () => loose.makeDirectory('/tmp/x'),
      () => loose.makeDirectory(1, 0o755),
      () => loose.spawn({ file: '/bin/true', argv: [], env: [], stdin: 'pipe' }),
      () => loose.spawn({ file: '/bin/true', argv: [], env: [], umask: 0o10000 }),
    ]) {
      expect(call).toThrow(TypeError);
    }
  });

  it('kill/killpg/close return errnos instead of throwing', () => {
    expect(core.kill(process.pid, 0)).toBe(0);
    expect(core.kill(0, 0)).toBe(22); // never a broadcast
    expect(core.kill(2 ** 22 + 12345, 0)).toBe(3); // ESRCH
    expect(core.killProcessGroup(1, 0)).toBe(22);
    expect(core.close(1)).toBe(9); // tsd's own stdio is not the caller's
    expect(core.close(987_654)).toBe(9);
    expect(core.getpid()).toBe(process.pid);
  });

  it('makes one directory with the mode asked for, and returns the errno of mkdir(2)', () => {
    const dir = join(scratch, 'made');
    const umask = process.umask(0o022);
    try {
      expect(core.makeDirectory(dir, 0o750)).toBe(0);
      expect(statSync(dir).mode & 0o7777).toBe(0o750);
      expect(core.makeDirectory(dir, 0o750)).toBe(17); // EEXIST
      expect(core.makeDirectory(join(scratch, 'no', 'parent'), 0o755)).toBe(2); // ENOENT: no parents made
      expect(core.makeDirectory(`${dir}\0x`, 0o755)).toBe(22); // EINVAL, not a cut path
    } finally {
      process.umask(umask);
    }
  });

  it("reads an ASCII file whole into a string (the launcher's bundle), and refuses anything else", () => {
    const ascii = join(scratch, 'ascii.js');
    const text = `(function () {${'x = 1;\n'.repeat(50_000)}})`;
    writeFileSync(ascii, text);
    expect(core.readScriptSource(ascii)).toBe(text);
    const latin = join(scratch, 'utf8.js');
    writeFileSync(latin, "'caf\u00e9'");
    expect(core.readScriptSource(latin)).toBeUndefined(); // UTF-8 read as Latin-1 would be garbled
    writeFileSync(join(scratch, 'empty.js'), '');
    expect(core.readScriptSource(join(scratch, 'empty.js'))).toBeUndefined();
    expect(core.readScriptSource(scratch)).toBeUndefined(); // a directory
    expect(core.readScriptSource(join(scratch, 'missing.js'))).toBeUndefined();
    expect(core.readScriptSource(`${ascii}\0x`)).toBeUndefined(); // not a cut path
  });

  it('gives 128-bit random ids as 32 hex digits, a new one every time', () => {
    const ids = new Set(Array.from({ length: 500 }, () => core.randomId128()));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
