// A manager wired to a FakePort and an in-memory unit table, with its log captured.
import { Manager } from '../../src/manager/manager.js';
import { newUnit } from '../../src/units/defaults.js';
import type { ExecCommand, Unit } from '../../src/units/model.js';
import { FakePort } from './fake-port.js';

export function command(line: string, ignoreFailure = false): ExecCommand {
  const argv = line.split(' ');
  return { path: argv[0]!, argv, ignoreFailure, fullPrivileges: false, noSetuid: false, ambientFallback: false, noEnvironmentExpansion: false };
}

export function serviceUnit(name: string, edit: (u: Unit) => void = () => {}): Unit {
  const unit = newUnit(name);
  unit.unit.defaultDependencies = false;
  unit.service!.execStart = [command('/bin/true')];
  edit(unit);
  return unit;
}

export function targetUnit(name: string, edit: (u: Unit) => void = () => {}): Unit {
  const unit = newUnit(name);
  unit.unit.defaultDependencies = false;
  edit(unit);
  return unit;
}

export function fakeManager(units: Unit[]) {
  const port = new FakePort();
  const table = new Map(units.map((u) => [u.name, u]));
  const log: string[] = [];
  const manager = new Manager({
    port,
    source: {
      load(name: string): Unit {
        const found = table.get(name);
        if (found) return found;
        const missing = newUnit(name);
        missing.loadState = 'not-found';
        return missing;
      },
    },
    journal: {
      log: (_unit, message) => log.push(message),
      attachPipe: () => {},
    },
    environment: {},
  });
  const exit = (pid: number, code = 0) => {
    port.alive.delete(pid);
    manager.onExits([{ pid, kind: 'exited', code, signal: 0 }]);
  };
  const killed = (pid: number, signal: number) => {
    port.alive.delete(pid);
    manager.onExits([{ pid, kind: 'killed', code: 0, signal }]);
  };
  return { port, manager, log, exit, killed };
}

/** Lets queued microtasks (spawn failures, job bookkeeping) run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
