import { describe, expect, it } from 'vitest';
import type { ExitInfo } from '../../src/native/core.js';
import { describeExit, isCleanExit, resultOfExit } from '../../src/manager/exit-status.js';
import { shouldRestart } from '../../src/manager/restart-policy.js';
import { newUnit } from '../../src/units/defaults.js';

const exited = (code: number): ExitInfo => ({ pid: 1, kind: 'exited', code, signal: 0 });
const killed = (signal: number): ExitInfo => ({ pid: 1, kind: 'killed', code: 0, signal });

describe('exit status', () => {
  it('describes exits as systemd does', () => {
    expect(describeExit(exited(1))).toBe('code=exited, status=1/FAILURE');
    expect(describeExit(exited(203))).toBe('code=exited, status=203/EXEC');
    expect(describeExit(exited(42))).toBe('code=exited, status=42');
    expect(describeExit(killed(9))).toBe('code=killed, status=9/KILL');
    expect(describeExit({ pid: 1, kind: 'dumped', code: 0, signal: 11 })).toBe('code=dumped, status=11/SEGV');
  });

  it('counts 0 and SIGHUP/SIGINT/SIGTERM/SIGPIPE as clean, plus SuccessExitStatus=', () => {
    expect(isCleanExit(exited(0))).toBe(true);
    expect(isCleanExit(killed(15))).toBe(true);
    expect(isCleanExit(killed(9))).toBe(false);
    expect(isCleanExit(exited(3))).toBe(false);
    expect(isCleanExit(exited(3), { statuses: [3], signals: [] })).toBe(true);
    expect(resultOfExit(killed(9))).toBe('signal');
  });
});

describe('Restart= (systemd.service(5) table 2)', () => {
  const svc = (restart: string) => {
    const s = newUnit('x.service').service!;
    s.restart = restart as typeof s.restart;
    return s;
  };
  it.each([
    ['no', 'exit-code', false], ['always', 'success', true], ['always', 'signal', true],
    ['on-success', 'success', true], ['on-success', 'exit-code', false],
    ['on-failure', 'exit-code', true], ['on-failure', 'success', false], ['on-failure', 'timeout', true],
    ['on-abnormal', 'exit-code', false], ['on-abnormal', 'signal', true], ['on-abnormal', 'timeout', true],
    ['on-abort', 'signal', true], ['on-abort', 'timeout', false], ['on-watchdog', 'watchdog', true],
    ['always', 'start-limit-hit', false],
  ] as const)('Restart=%s after %s -> %s', (policy, result, expected) => {
    expect(shouldRestart(svc(policy), result, null)).toBe(expected);
  });

  it('RestartPreventExitStatus= wins over the policy, RestartForceExitStatus= forces', () => {
    const s = svc('always');
    s.restartPreventExitStatus = { statuses: [42], signals: [] };
    expect(shouldRestart(s, 'exit-code', exited(42))).toBe(false);
    const t = svc('no');
    t.restartForceExitStatus = { statuses: [7], signals: [] };
    expect(shouldRestart(t, 'exit-code', exited(7))).toBe(true);
  });
});
