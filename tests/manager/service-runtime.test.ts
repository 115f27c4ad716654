import { describe, expect, it } from 'vitest';
import { ServiceRuntime } from '../../src/manager/service-runtime.js';
import { command, fakeManager, serviceUnit, settle } from '../helpers/fake-manager.js';

const SIGTERM = 15;
const SIGKILL = 9;

function startOne(edit: Parameters<typeof serviceUnit>[1]) {
  const env = fakeManager([serviceUnit('a.service', edit)]);
  const runtime = env.manager.runtimeFor('a.service') as ServiceRuntime;
  const result = env.manager.start('a.service');
  return { ...env, runtime, result };
}

describe('service state machine', () => {
  it('Type=simple is active once its main process is spawned', async () => {
    const { runtime, result, port } = startOne(() => {});
    expect(await result).toBe('done');
    expect(runtime.activeState).toBe('active');
    expect(runtime.subState).toBe('running');
    expect(runtime.mainPid).toBe(port.lastSpawn().pid);
    expect(port.lastSpawn().options.env).toContain(`INVOCATION_ID=${runtime.invocationId}`);
  });

  it('a failing main process fails the unit with the exit status in the message', async () => {
    const { runtime, result, exit, log } = startOne(() => {});
    await result;
    exit(runtime.mainPid, 1);
    expect(runtime.activeState).toBe('failed');
    expect(runtime.result).toBe('exit-code');
    expect(log).toContain('a.service: Main process exited, code=exited, status=1/FAILURE');
    expect(log).toContain("a.service: Failed with result 'exit-code'.");
  });

  it('Restart=on-failure restarts after RestartSec=, and the start limit stops a crash loop', async () => {
    const { runtime, result, exit, port, log } = startOne((u) => {
      u.service!.restart = 'on-failure';
      u.service!.restartSec = 100;
      u.unit.startLimitBurst = 3;
      u.unit.startLimitIntervalSec = 10_000;
    });
    await result;
    for (let i = 0; i < 2; i++) {
      exit(runtime.mainPid, 1);
      expect(runtime.subState).toBe('auto-restart');
      port.advance(100);
      expect(runtime.subState).toBe('running');
    }
    exit(runtime.mainPid, 1);
    port.advance(100);
    expect(runtime.result).toBe('start-limit-hit');
    expect(runtime.activeState).toBe('failed');
    expect(log).toContain('a.service: Start request repeated too quickly.');
    expect(runtime.nRestarts).toBe(3);
  });

  it('stop sends KillSignal=, then SIGKILL after TimeoutStopSec=', async () => {
    const { runtime, result, port, manager, killed } = startOne((u) => {
      u.service!.timeoutStopSec = 500;
    });
    await result;
    const pid = runtime.mainPid;
    const stopped = manager.stop('a.service');
    expect(port.signals).toContainEqual({ pid, signal: SIGTERM });
    expect(runtime.subState).toBe('stop-sigterm');
    port.advance(499);
    expect(port.signals.some((s) => s.signal === SIGKILL)).toBe(false);
    port.advance(1);
    expect(port.signals).toContainEqual({ pid, signal: SIGKILL });
    killed(pid, SIGKILL);
    expect(await stopped).toBe('done');
    expect(runtime.killedAfterTimeout).toBe(true);
    expect(runtime.result).toBe('timeout');
  });

  it('a clean stop ends in inactive (dead) and is not restarted even with Restart=always', async () => {
    const { runtime, result, port, manager, killed } = startOne((u) => { u.service!.restart = 'always'; });
    await result;
    const stopped = manager.stop('a.service');
    killed(runtime.mainPid, SIGTERM);
    expect(await stopped).toBe('done');
    expect(runtime.activeState).toBe('inactive');
    port.advance(10_000);
    expect(runtime.activeState).toBe('inactive');
  });

  it('runs oneshot ExecStart= commands in order and stays active with RemainAfterExit=', async () => {
    const { runtime, result, port, exit } = startOne((u) => {
      u.service!.type = 'oneshot';
      u.service!.remainAfterExit = true;
      u.service!.execStart = [command('/bin/first'), command('/bin/second')];
    });
    expect(port.spawns.map((s) => s.options.file)).toEqual(['/bin/first']);
    exit(port.lastSpawn().pid, 0);
    expect(port.spawns.map((s) => s.options.file)).toEqual(['/bin/first', '/bin/second']);
    expect(runtime.activeState).toBe('activating');
    exit(port.lastSpawn().pid, 0);
    expect(await result).toBe('done');
    expect(runtime.subState).toBe('exited');
  });

  it('ExecStartPre= failure fails the start; a "-" prefix ignores it', async () => {
    const failing = startOne((u) => { u.service!.execStartPre = [command('/bin/check')]; });
    failing.exit(failing.port.lastSpawn().pid, 2);
    expect(await failing.result).toBe('failed');
    expect(failing.runtime.activeState).toBe('failed');

    const ignored = startOne((u) => { u.service!.execStartPre = [command('/bin/check', true)]; });
    ignored.exit(ignored.port.lastSpawn().pid, 2);
    expect(await ignored.result).toBe('done');
  });

  it('a missing binary fails the unit with 203/EXEC and a clear message', async () => {
    const env = fakeManager([serviceUnit('a.service', (u) => { u.service!.execStart = [command('/nonexistent/bin')]; })]);
    env.port.failingBinaries.set('/nonexistent/bin', 'ENOENT');
    const result = env.manager.start('a.service');
    await settle();
    const runtime = env.manager.get('a.service') as ServiceRuntime;
    expect(runtime.activeState).toBe('failed');
    expect(runtime.mainExit).toMatchObject({ kind: 'exited', code: 203 });
    expect(env.log).toContain('a.service: Failed to execute /nonexistent/bin: No such file or directory');
    expect(env.log).toContain('a.service: Main process exited, code=exited, status=203/EXEC');
    // tsd learns of the failed exec before the start job completes, so the job fails (as Type=exec).
    expect(await result).toBe('failed');
  });

  it('Type=notify waits for READY=1 from the main process only', async () => {
    const { runtime, result, port, manager, log } = startOne((u) => { u.service!.type = 'notify'; });
    expect(runtime.activeState).toBe('activating');
    manager.onNotify({ pid: 9999, uid: 0, gid: 0, data: Buffer.from('READY=1'), fds: [] });
    expect(runtime.activeState).toBe('activating');
    expect(log.some((l) => l.includes('Cannot find unit for notify message of PID 9999'))).toBe(true);
    manager.onNotify({ pid: port.lastSpawn().pid, uid: 0, gid: 0, data: Buffer.from('STATUS=up\nREADY=1'), fds: [] });
    expect(await result).toBe('done');
    expect(runtime.statusText).toBe('up');
  });

  it('Type=notify fails with a timeout when READY=1 never comes', async () => {
    const { runtime, result, port, killed } = startOne((u) => {
      u.service!.type = 'notify';
      u.service!.timeoutStartSec = 1000;
    });
    const pid = runtime.mainPid;
    port.advance(1000);
    expect(port.signals).toContainEqual({ pid, signal: SIGTERM });
    killed(pid, SIGTERM);
    expect(await result).toBe('timeout');
    expect(runtime.result).toBe('timeout');
  });

  it('Type=forking takes the main PID from PIDFile= once the starter exits', async () => {
    const { runtime, result, port, exit } = startOne((u) => {
      u.service!.type = 'forking';
      u.service!.pidFile = '/run/daemon.pid';
    });
    const starter = port.lastSpawn().pid;
    port.alive.add(4242);
    port.files.set('/run/daemon.pid', '4242\n');
    exit(starter, 0);
    expect(await result).toBe('done');
    expect(runtime.mainPid).toBe(4242);
  });

  it('stop signals the main process at once, the rest of the unit once the running code yields, and a process forked meanwhile when the main one exits', async () => {
    const { runtime, result, port, manager, killed, log } = startOne(() => {});
    await result;
    const main = runtime.mainPid;
    // The unit's other processes: in the main process's session, as its children would be.
    const extra: Array<{ pid: number; ppid: number; pgid: number; sid: number; state: string }> = [
      { pid: 500, ppid: main, pgid: main, sid: main, state: 'S' },
    ];
    port.descendants = () => [...[...port.alive].map((pid) => ({ pid, ppid: 1, pgid: pid, sid: pid, state: 'S' })), ...extra];
    const sigterms = (pid: number) => port.signals.filter((s) => s.pid === pid && s.signal === SIGTERM).length;

    const stopped = manager.stop('a.service');
    expect(sigterms(main)).toBe(1);
    expect(sigterms(500)).toBe(0);
    await Promise.resolve();
    expect(sigterms(500)).toBe(1);

    // The main process forks as it stops, then exits: the newcomer gets KillSignal= too, once.
    extra.push({ pid: 501, ppid: 500, pgid: main, sid: main, state: 'S' });
    killed(main, SIGTERM);
    expect(runtime.subState).toBe('stop-sigterm');
    expect(sigterms(501)).toBe(1);
    expect(sigterms(500)).toBe(1);

    extra.length = 0;
    manager.onExits([{ pid: 500, kind: 'killed', code: 0, signal: SIGTERM }]);
    expect(await stopped).toBe('done');
    expect(runtime.activeState).toBe('inactive');
    expect(log).toContain('Stopped a.service.');
  });

  it('KillMode=mixed: SIGTERM to the main process only, SIGKILL to every process after TimeoutStopSec=', async () => {
    const { runtime, result, port, manager, killed } = startOne((u) => {
      u.kill!.killMode = 'mixed';
      u.service!.timeoutStopSec = 500;
    });
    await result;
    const main = runtime.mainPid;
    const extra = [{ pid: 500, ppid: main, pgid: main, sid: main, state: 'S' }];
    port.descendants = () => [...[...port.alive].map((pid) => ({ pid, ppid: 1, pgid: pid, sid: pid, state: 'S' })), ...extra];
    const stopped = manager.stop('a.service');
    await Promise.resolve();
    killed(main, SIGTERM);
    expect(port.signals.filter((s) => s.pid === 500)).toEqual([]);
    port.advance(500);
    await Promise.resolve();
    expect(port.signals).toContainEqual({ pid: 500, signal: SIGKILL });
    extra.length = 0;
    manager.onExits([{ pid: 500, kind: 'killed', code: 0, signal: SIGKILL }]);
    expect(await stopped).toBe('done');
    expect(runtime.killedAfterTimeout).toBe(true);
  });
});
