import { describe, expect, it } from 'vitest';
import { newUnit } from '../../src/units/defaults.js';

describe('newUnit', () => {
  it.each([
    ['a.service', true, true],
    ['a.socket', false, true],
    ['a.mount', false, true],
    ['a.swap', false, true],
    ['a.target', false, false],
    ['a.timer', false, false],
    ['a.path', false, false],
  ])('%s: service section %j, exec/kill contexts %j', (name, hasService, executes) => {
    const u = newUnit(name);
    expect(u).toMatchObject({ name, names: [name], loadState: 'loaded', builtin: false, dropInPaths: [], other: {} });
    expect(u.service !== undefined).toBe(hasService);
    expect(u.exec !== undefined).toBe(executes);
    expect(u.kill !== undefined).toBe(executes);
  });

  it('carries systemd\'s defaults', () => {
    const u = newUnit('a.service');
    expect(u.unit).toMatchObject({ defaultDependencies: true, requires: [], wants: [], after: [], conditions: [] });
    expect(u.service).toMatchObject({ type: 'simple', restart: 'no', guessMainPID: true, remainAfterExit: false, execStart: [] });
    expect(u.kill).toEqual({ killMode: 'control-group', killSignal: 15, finalKillSignal: 9, watchdogSignal: 6, sendSIGKILL: true, sendSIGHUP: false });
    expect(u.exec).toMatchObject({ standardInput: 'null', standardOutput: 'journal', standardError: 'inherit', syslogLevel: 6, syslogLevelPrefix: true, runtimeDirectoryPreserve: 'no', environment: [], limits: {} });
  });

  it('knows template instances', () => {
    expect(newUnit('postgresql@15-main.service')).toMatchObject({ template: 'postgresql@.service', instance: '15-main' });
    expect(newUnit('postgresql@.service').instance).toBeUndefined();
  });
});
