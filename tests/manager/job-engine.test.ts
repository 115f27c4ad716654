import { describe, expect, it } from 'vitest';
import type { ServiceRuntime } from '../../src/manager/service-runtime.js';
import { command, fakeManager, serviceUnit, settle, targetUnit } from '../helpers/fake-manager.js';

const SIGTERM = 15;

/** The basenames of spawned binaries, in spawn order. */
function spawnOrder(port: { spawns: Array<{ options: { file: string } }> }): string[] {
  return port.spawns.map((s) => s.options.file.replace('/bin/', ''));
}

function svc(name: string, deps: { after?: string[]; requires?: string[]; wants?: string[]; type?: 'oneshot' } = {}) {
  return serviceUnit(`${name}.service`, (u) => {
    u.unit.after = deps.after ?? [];
    u.unit.requires = deps.requires ?? [];
    u.unit.wants = deps.wants ?? [];
    u.service!.execStart = [command(`/bin/${name}`)];
    if (deps.type) u.service!.type = deps.type;
  });
}

describe('job engine', () => {
  it('starts in After= order and in parallel where nothing orders them', async () => {
    const env = fakeManager([
      targetUnit('boot.target', (u) => { u.unit.wants = ['a.service', 'b.service', 'c.service']; }),
      svc('a', { type: 'oneshot' }),
      svc('b', { after: ['a.service'] }),
      svc('c'),
    ]);
    const booted = env.manager.start('boot.target');
    // a (oneshot, still running) and c start at once; b waits for a.
    expect(spawnOrder(env.port).sort()).toEqual(['a', 'c']);
    env.exit(env.port.spawns.find((s) => s.options.file === '/bin/a')!.pid, 0);
    expect(spawnOrder(env.port)).toContain('b');
    expect(await booted).toBe('done');
  });

  it('stops in the reverse order: a unit stops only after the units ordered after it', async () => {
    const env = fakeManager([
      targetUnit('boot.target', (u) => { u.unit.wants = ['a.service', 'b.service', 'c.service']; }),
      svc('a'), svc('b', { after: ['a.service'] }), svc('c', { after: ['b.service'] }),
    ]);
    await env.manager.start('boot.target');
    const pid = (n: string) => (env.manager.get(`${n}.service`) as ServiceRuntime).mainPid;
    const [a, b, c] = [pid('a'), pid('b'), pid('c')];
    const done = env.manager.stopAll();
    expect(env.port.signals.filter((s) => s.signal === SIGTERM).map((s) => s.pid)).toEqual([c]);
    env.killed(c, SIGTERM);
    expect(env.port.signals.filter((s) => s.signal === SIGTERM).map((s) => s.pid)).toEqual([c, b]);
    env.killed(b, SIGTERM);
    env.killed(a, SIGTERM);
    await done;
    expect(env.port.signals.filter((s) => s.signal === SIGTERM).map((s) => s.pid)).toEqual([c, b, a]);
  });

  it('stops independent units in parallel', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `s${i}`);
    const env = fakeManager([
      targetUnit('boot.target', (u) => { u.unit.wants = names.map((n) => `${n}.service`); }),
      ...names.map((n) => svc(n)),
    ]);
    await env.manager.start('boot.target');
    void env.manager.stopAll();
    // Every service got its SIGTERM before any of them exited.
    expect(env.port.signals.filter((s) => s.signal === SIGTERM)).toHaveLength(20);
  });

  it('fails a unit whose required dependency failed, when ordered after it', async () => {
    const env = fakeManager([
      svc('db', { type: 'oneshot' }),
      svc('app', { requires: ['db.service'], after: ['db.service'] }),
    ]);
    const started = env.manager.start('app.service');
    env.exit(env.port.lastSpawn().pid, 1);
    expect(await started).toBe('dependency');
    expect(env.log).toContain('Dependency failed for app.service.');
    expect(spawnOrder(env.port)).toEqual(['db']);
  });

  it('a failed Wants= dependency does not stop the unit', async () => {
    const env = fakeManager([
      svc('db', { type: 'oneshot' }),
      svc('app', { wants: ['db.service'], after: ['db.service'] }),
    ]);
    const started = env.manager.start('app.service');
    env.exit(env.port.lastSpawn().pid, 1);
    expect(await started).toBe('done');
  });

  it('breaks an ordering cycle by deleting a wanted job, with systemd\'s messages', async () => {
    const env = fakeManager([
      targetUnit('boot.target', (u) => { u.unit.wants = ['a.service', 'b.service']; }),
      svc('a', { after: ['b.service'] }),
      svc('b', { after: ['a.service'] }),
    ]);
    const booted = env.manager.start('boot.target');
    await settle();
    expect(await booted).toBe('done');
    expect(env.log.some((l) => /Found ordering cycle on/.test(l))).toBe(true);
    expect(env.log.some((l) => /Job [ab]\.service\/start deleted to break ordering cycle/.test(l))).toBe(true);
    expect(spawnOrder(env.port)).toHaveLength(1);
  });

  it('a missing Requires= fails the requiring unit; a missing Wants= is ignored', async () => {
    const env = fakeManager([
      svc('app', { requires: ['nope.service'], after: ['nope.service'] }),
      svc('tolerant', { wants: ['nope2.service'], after: ['nope2.service'] }),
    ]);
    expect(await env.manager.start('app.service')).toBe('dependency');
    expect(env.log).toContain('Failed to start nope.service: Unit nope.service not found.');
    expect(await env.manager.start('tolerant.service')).toBe('done');
  });

  it('shutdown during boot cancels the waiting start jobs', async () => {
    const env = fakeManager([
      // A target is ordered after what it wants (the loader adds this as a default dependency).
      targetUnit('boot.target', (u) => { u.unit.wants = ['slow.service', 'later.service']; u.unit.after = [...u.unit.wants]; }),
      serviceUnit('slow.service', (u) => { u.service!.type = 'notify'; u.service!.execStart = [command('/bin/slow')]; }),
      svc('later', { after: ['slow.service'] }),
    ]);
    const booted = env.manager.start('boot.target');
    const stopped = env.manager.stopAll();
    env.killed(env.port.lastSpawn().pid, SIGTERM);
    await stopped;
    expect(await booted).toBe('canceled');
    expect(spawnOrder(env.port)).toEqual(['slow']);
  });

  it('a finished job looks only at the jobs of its neighbours in the ordering, not at every job', async () => {
    const n = 1000;
    const names = Array.from({ length: n }, (_, i) => `s${i}.service`);
    const env = fakeManager([
      targetUnit('boot.target', (u) => { u.unit.wants = names; u.unit.after = [...names]; }),
      ...names.map((name) => serviceUnit(name, (u) => { u.service!.execStart = [command('/bin/x')]; })),
    ]);
    // Passes over the whole job table, counted.
    let passes = 0;
    const table = env.manager.jobs.jobs;
    const keys = table.keys.bind(table);
    const values = table.values.bind(table);
    table.keys = () => { passes++; return keys(); };
    table.values = () => { passes++; return values(); };

    expect(await env.manager.start('boot.target')).toBe('done');
    expect(env.port.spawns).toHaveLength(n);
    passes = 0;
    const stopped = env.manager.stopAll();
    // boot.target stops first (it is ordered after every service), then every service at once.
    expect(env.port.signals.filter((s) => s.signal === SIGTERM)).toHaveLength(n);
    // One exit at a time: each finished stop job must not walk the other n jobs.
    for (const { pid } of env.port.spawns) env.killed(pid, SIGTERM);
    await stopped;
    expect(passes).toBeLessThan(10);
    expect(env.manager.allRuntimes().every((r) => r.activeState === 'inactive')).toBe(true);
  });
});
