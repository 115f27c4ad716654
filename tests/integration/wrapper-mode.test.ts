// `tsd -- CMD`: tsd as a drop-in for tini. Its exit code is CMD's, 128+N for a signal.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { service, TSD_MAIN, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
afterEach(() => tsd?.kill());

describe('wrapper mode', () => {
  it('exits with the command\'s exit code after stopping the units', async () => {
    tsd = new TsdProcess({
      args: ['--', '/bin/sh', '-c', 'echo wrapped says hi; exit 7'],
      units: { 'side.service': service({ service: 'ExecStart=/bin/sleep 1000' }) },
    });
    const exit = await tsd.exited;
    expect(exit.code).toBe(7);
    expect(tsd.lines).toContain('wrapped says hi');
    expect(tsd.lines.some((l) => l.includes('Stopped side.service'))).toBe(true);
    // The command runs after the units are up.
    expect(tsd.lines.findIndex((l) => l.includes('Started side.service'))).toBeLessThan(tsd.lines.indexOf('wrapped says hi'));
  });

  it('exits with 128+N when the command dies of signal N', async () => {
    tsd = new TsdProcess({ args: ['--', '/bin/sh', '-c', 'kill -USR1 $$'] });
    expect((await tsd.exited).code).toBe(128 + 10);
  });

  it('forwards other signals to the command and exits with its status', async () => {
    tsd = new TsdProcess({ args: ['--', '/bin/sh', '-c', 'trap "echo got USR2; exit 3" USR2; echo ready; while :; do sleep 0.1; done'] });
    // The whole line: tsd's own "Starting tsd-command.service - /bin/sh -c ... echo ready ..." must not match.
    await tsd.waitFor(/^ready$/);
    tsd.signal('SIGUSR2');
    expect((await tsd.exited).code).toBe(3);
    expect(tsd.lines).toContain('got USR2');
  });

  it('prints its version', () => {
    expect(execFileSync(process.execPath, [TSD_MAIN, '--version'], { encoding: 'utf8' })).toMatch(/^tsd \d+\.\d+\.\d+\n$/);
  });

  it('rejects a bad option with usage and exit code 2', () => {
    let status = 0;
    try {
      execFileSync(process.execPath, [TSD_MAIN, '--no-such-option'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
