// What a boot does per service between two forks: the journal gets the pipes only after the
// services of the running code are spawned, and a service that is running at once arms no
// start timeout.
import { describe, expect, it } from 'vitest';
import { Manager } from '../../src/manager/manager.js';
import type { SpawnOptions, SpawnResult } from '../../src/native/core.js';
import type { Unit } from '../../src/units/model.js';
import { FakePort } from '../helpers/fake-port.js';
import { command, serviceUnit, targetUnit } from '../helpers/fake-manager.js';

class PipingPort extends FakePort {
  readonly events: string[] = [];
  timersArmed = 0;

  override spawn(options: SpawnOptions): SpawnResult {
    const result = super.spawn(options);
    if (!result.ok) return result;
    this.events.push(`spawn ${options.file}`);
    return { ...result, stdoutFd: 1000 + result.pid };
  }

  override setTimer(ms: number, callback: () => void) {
    this.timersArmed++;
    return super.setTimer(ms, callback);
  }
}

function boot(units: Unit[]) {
  const port = new PipingPort();
  const table = new Map(units.map((u) => [u.name, u]));
  const manager = new Manager({
    port,
    source: { load: (name) => table.get(name)! },
    journal: {
      log: () => {},
      attachPipe: (unit, pid, fd) => port.events.push(`attach ${unit.name} ${pid} ${fd}`),
    },
    environment: {},
  });
  return { port, manager, booted: manager.start('boot.target') };
}

const services = ['a', 'b', 'c'].map((n) => serviceUnit(`${n}.service`, (u) => { u.service!.execStart = [command(`/bin/${n}`)]; }));
const target = targetUnit('boot.target', (u) => { u.unit.wants = services.map((s) => s.name); });

describe('boot: per-service work', () => {
  it('spawns every runnable service first, then hands their pipes to the journal', async () => {
    const { port, booted } = boot([target, ...services]);
    expect(port.events).toEqual(['spawn /bin/a', 'spawn /bin/b', 'spawn /bin/c']);
    await Promise.resolve();
    expect(port.events.slice(3)).toEqual(['attach a.service 100 1100', 'attach b.service 101 1101', 'attach c.service 102 1102']);
    expect(await booted).toBe('done');
  });

  it('a Type=simple service, running at once, arms no start timeout; Type=notify does', async () => {
    const simple = boot([target, ...services]);
    expect(await simple.booted).toBe('done');
    expect(simple.port.timersArmed).toBe(0);

    const notify = serviceUnit('n.service', (u) => { u.service!.type = 'notify'; });
    const waiting = boot([targetUnit('boot.target', (u) => { u.unit.wants = ['n.service']; }), notify]);
    expect(waiting.port.timersArmed).toBe(1);
  });
});
