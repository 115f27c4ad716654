// sd_notify datagrams through the manager: which MAINPID= a service may name, that every fd
// a datagram carries is closed whatever becomes of it, and that datagrams systemd drops whole
// (too long, cut short, embedded NUL) change nothing.
import { fstatSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NotifyMessage } from '../../src/native/core.js';
import type { ServiceRuntime } from '../../src/manager/service-runtime.js';
import { FakePort } from '../helpers/fake-port.js';
import { fakeManager, serviceUnit } from '../helpers/fake-manager.js';

const SIGTERM = 15;

function notifyService(edit: Parameters<typeof serviceUnit>[1] = () => {}) {
  const env = fakeManager([
    serviceUnit('n.service', (u) => { u.service!.type = 'notify'; edit(u); }),
    serviceUnit('other.service'),
  ]);
  const runtime = env.manager.runtimeFor('n.service') as ServiceRuntime;
  const result = env.manager.start('n.service');
  const pid = env.port.lastSpawn().pid;
  const send = (data: string | Buffer, extra: Partial<NotifyMessage> = {}) =>
    env.manager.onNotify({ pid, uid: 1000, gid: 1000, data: Buffer.from(data), fds: [], ...extra });
  return { ...env, runtime, result, pid, send };
}

function isOpen(fd: number): boolean {
  try {
    fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}

const devNullFds = (n: number) => Array.from({ length: n }, () => openSync('/dev/null', 'r'));

describe('a new main pid (MAINPID=, PIDFile=)', () => {
  it('refuses tsd itself even with READY=1 in the same datagram, which still counts', async () => {
    const { runtime, result, pid, send, log, port, manager } = notifyService();
    send(`READY=1\nMAINPID=${port.selfPid}`);
    expect(await result).toBe('done');
    expect(runtime.mainPid).toBe(pid);
    expect(log).toContain(`n.service: New main PID ${port.selfPid} is the manager, refusing.`);
    // The stop signals the real main process, never tsd.
    void manager.stop('n.service');
    expect(port.signals).toContainEqual({ pid, signal: SIGTERM });
    expect(port.signals.some((s) => s.pid === port.selfPid)).toBe(false);
  });

  it('refuses PID 1 and the control process', async () => {
    const { runtime, send, log } = notifyService();
    send('MAINPID=1');
    expect(log).toContain('n.service: New main PID 1 is the manager, refusing.');
    runtime.controlPid = 4242; // as while an ExecStartPost= runs
    send('MAINPID=4242');
    expect(log).toContain('n.service: New main PID 4242 is the control process, refusing.');
  });

  it('refuses a pid that does not exist', async () => {
    const { runtime, pid, send, log } = notifyService();
    send('MAINPID=77777');
    expect(runtime.mainPid).toBe(pid);
    expect(log).toContain('n.service: New main PID 77777 does not exist or is a zombie.');
  });

  it('refuses a live process that does not descend from tsd, even from root', async () => {
    const env = notifyService();
    // A host process: alive (kill 0 succeeds) but not among tsd's descendants.
    const port = env.port as FakePort;
    const kill = port.kill.bind(port);
    port.kill = (target, signal) => (target === 5555 ? 0 : kill(target, signal));
    env.send('MAINPID=5555', { uid: 0 });
    expect(env.runtime.mainPid).toBe(env.pid);
    expect(env.log).toContain('n.service: New main PID 5555 is not a descendant of tsd, refusing: tsd could never see it exit.');
  });

  it('refuses another unit\'s process from an unprivileged sender, accepts it from root', async () => {
    const { runtime, send, log, manager, port } = notifyService();
    await manager.start('other.service');
    const foreign = port.lastSpawn().pid;
    send(`MAINPID=${foreign}`);
    expect(log).toContain(`n.service: New main PID ${foreign} does not belong to service, refusing.`);
    send(`MAINPID=${foreign}`, { uid: 0 });
    expect(runtime.mainPid).toBe(foreign);
  });

  it('accepts a process of its own unit', async () => {
    const { runtime, send, port } = notifyService();
    // A process in the unit's session: the fake reports every process as its own session leader.
    port.alive.add(9000);
    const descendants = port.descendants.bind(port);
    port.descendants = () => [...descendants().filter((p) => p.pid !== 9000), { pid: 9000, ppid: 1, pgid: runtime.mainPid, sid: runtime.mainPid, state: 'S' }];
    send('MAINPID=9000');
    expect(runtime.mainPid).toBe(9000);
  });

  it('PIDFile= naming tsd itself is refused the same way', async () => {
    const env = fakeManager([serviceUnit('f.service', (u) => { u.service!.type = 'forking'; u.service!.pidFile = '/run/f.pid'; })]);
    env.port.files.set('/run/f.pid', `${env.port.selfPid}\n`);
    const runtime = env.manager.runtimeFor('f.service') as ServiceRuntime;
    const result = env.manager.start('f.service');
    env.exit(env.port.lastSpawn().pid, 0);
    expect(await result).toBe('done');
    expect(runtime.mainPid).toBe(0);
    expect(env.log).toContain(`f.service: New main PID ${env.port.selfPid} is the manager, refusing.`);
  });

  it('ignores MAINPID= once the service is stopping', async () => {
    const { runtime, result, send, manager, pid, port, log } = notifyService();
    send('READY=1');
    await result;
    void manager.stop('n.service');
    expect(runtime.subState).toBe('stop-sigterm');
    send(`MAINPID=${port.selfPid}`);
    expect(runtime.mainPid).toBe(pid);
    expect(log.some((l) => l.includes('is the manager'))).toBe(false);
  });
});

describe('fds sent with sd_notify', () => {
  it('are closed when the unit takes the datagram, with one note per unit', async () => {
    const { send, log, result } = notifyService();
    const first = devNullFds(2);
    send('FDSTORE=1\nFDNAME=db', { fds: first });
    const second = devNullFds(1);
    send('FDSTORE=1\nREADY=1', { fds: second });
    expect(await result).toBe('done');
    expect([...first, ...second].filter(isOpen)).toEqual([]);
    const notes = log.filter((l) => l.includes('FileDescriptorStoreMax=0'));
    expect(notes).toEqual(['n.service: Cannot store more fds than FileDescriptorStoreMax=0, closing remaining. tsd keeps no file descriptor store: fds sent with sd_notify are closed (said once per unit).']);
  });

  it('are closed even with FileDescriptorStoreMax= set, which the note says is not honoured', async () => {
    const { send, log } = notifyService((u) => { u.service!.fileDescriptorStoreMax = 5; });
    const fds = devNullFds(1);
    send('FDSTORE=1', { fds });
    expect(fds.filter(isOpen)).toEqual([]);
    expect(log.some((l) => l.startsWith('n.service: FileDescriptorStoreMax=5 is not honoured, closing the fds.'))).toBe(true);
  });

  it('sent without FDSTORE=1 are closed with systemd\'s own note', async () => {
    const { send, log } = notifyService();
    send('STATUS=x', { fds: devNullFds(1) });
    expect(log.some((l) => l.startsWith('n.service: Got extra auxiliary fds with notification message, closing them.'))).toBe(true);
  });

  it('are closed when no unit owns the sender, or the unit refuses it', async () => {
    const { manager, runtime, send, log } = notifyService();
    const unknown = devNullFds(1);
    manager.onNotify({ pid: 31337, uid: 0, gid: 0, data: Buffer.from('FDSTORE=1'), fds: unknown });
    // A process of the unit other than its main one: NotifyAccess=main refuses it.
    manager.watchPid(4242, runtime);
    const refused = devNullFds(1);
    send('FDSTORE=1', { fds: refused, pid: 4242 });
    expect(log.some((l) => l.includes('Got notification message from PID 4242, but reception only permitted for main PID'))).toBe(true);
    expect([...unknown, ...refused].filter(isOpen)).toEqual([]);
  });

  it('are closed when the datagram is dropped whole', async () => {
    const { send } = notifyService();
    const fds = devNullFds(1);
    send(Buffer.from('READY=1\0MAINPID=1'), { fds });
    expect(fds.filter(isOpen)).toEqual([]);
  });
});

describe('datagrams systemd drops whole', () => {
  it('a datagram over NOTIFY_BUFFER_MAX is ignored, READY=1 in it included', async () => {
    const { runtime, send, log } = notifyService();
    send(`READY=1\nSTATUS=${'x'.repeat(5000)}`);
    expect(runtime.activeState).toBe('activating');
    expect(runtime.statusText).toBe('');
    expect(log).toContain('n.service: Received notify message exceeded maximum size. Ignoring.');
  });

  it('a datagram the core flags as cut short is ignored', async () => {
    const { runtime, send, log } = notifyService();
    send(`READY=1\nSTATUS=${'x'.repeat(65536 - 15)}`, { truncated: true });
    expect(runtime.activeState).toBe('activating');
    expect(log).toContain('n.service: Received notify message exceeded maximum size. Ignoring.');
  });

  it('a datagram with an embedded NUL is ignored; empty and binary ones change nothing', async () => {
    const { runtime, send, log, result } = notifyService();
    send(Buffer.from('READY=1\0'));
    expect(await result).toBe('done');
    send(Buffer.from('STATUS=a\0STATUS=b'));
    expect(log).toContain('n.service: Received notify message with embedded NUL bytes. Ignoring.');
    send(Buffer.alloc(0));
    send(Buffer.from([0xff, 0xfe, 0x80]));
    expect(runtime.statusText).toBe('');
    expect(runtime.activeState).toBe('active');
    expect(log.some((l) => l.startsWith('n.service: Got invalid notification message from PID') && l.endsWith('\ufffd\ufffd\ufffd'))).toBe(true);
  });

  it('from a pid no unit owns, the warning names the pid', () => {
    const { manager, log } = notifyService();
    manager.onNotify({ pid: 31337, uid: 0, gid: 0, data: Buffer.alloc(5000, 0x41), fds: [] });
    expect(log).toContain('PID 31337: Received notify message exceeded maximum size. Ignoring.');
  });
});

describe('a notify message that makes the unit throw', () => {
  it('is contained and logged, and its fds are still closed', async () => {
    const { runtime, send, log } = notifyService();
    runtime.onNotify = () => { throw new Error('boom'); };
    const fds = devNullFds(1);
    expect(() => send('READY=1', { fds })).not.toThrow();
    expect(fds.filter(isOpen)).toEqual([]);
    expect(log.some((l) => l.startsWith('Internal error while handling a notify message of PID') && l.includes('boom'))).toBe(true);
  });
});
