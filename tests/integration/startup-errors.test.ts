// Mistakes on tsd's command line, and what they cost (README, "Shutdown and exit codes"): a
// boot target that cannot be loaded is fatal (exit 1); a --unit-path directory that is not
// there is warned about by name; in wrapper mode a command that cannot run exits 127 or 126,
// as a shell or `docker run` would.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { service, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
afterEach(() => tsd?.kill());

const sleeper = service({ service: `ExecStart=/bin/sh -c 'echo sleeper up; exec sleep 1000'` });

describe('the boot target', () => {
  it('not found: tsd logs why and exits 1, having started nothing', async () => {
    tsd = new TsdProcess({ args: ['--default-target', 'nosuch.target'], units: { 'sleeper.service': sleeper } });
    const exit = await tsd.exited;
    expect(exit.code).toBe(1);
    expect(tsd.has('Cannot boot nosuch.target: Unit nosuch.target not found.')).toBe(true);
    expect(tsd.has('Exiting with code 1.')).toBe(true);
    expect(tsd.has('Starting sleeper.service')).toBe(false);
  });

  it('masked: exit 1', async () => {
    tsd = new TsdProcess({ args: ['--default-target', 'masked.target'], units: (dir) => {
      symlinkSync('/dev/null', join(dir, 'units', 'masked.target'));
      return { 'sleeper.service': sleeper };
    } });
    expect((await tsd.exited).code).toBe(1);
    expect(tsd.has('Cannot boot masked.target: Unit masked.target is masked.')).toBe(true);
  });

  it('a bad setting: its file:line comes first, then exit 1', async () => {
    tsd = new TsdProcess({
      args: ['--default-target', 'app.service'],
      units: { 'app.service': '[Service]\nExecStart=relative/path\n' },
    });
    expect((await tsd.exited).code).toBe(1);
    expect(tsd.lineIndex(`${tsd.unitDir}/app.service:2: Neither a valid executable name nor an absolute path`)).toBeGreaterThan(-1);
    expect(tsd.lineIndex('Cannot boot app.service:')).toBeGreaterThan(tsd.lineIndex(`${tsd.unitDir}/app.service:2:`));
  });
});

describe('--unit-path', () => {
  it('a directory that does not exist is warned about by name, and tsd keeps running', async () => {
    tsd = new TsdProcess({ unitPath: '/nonexistent/dir' });
    await tsd.waitFor('Startup finished');
    expect(tsd.has('--unit-path /nonexistent/dir: No such file or directory; no units are loaded from it.')).toBe(true);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });
});

describe('wrapper mode: a command that cannot run', () => {
  it('not found: exit 127', async () => {
    tsd = new TsdProcess({ args: ['--', '/nonexistent/command', '--flag'] });
    expect((await tsd.exited).code).toBe(127);
    expect(tsd.has('tsd-command.service: Failed to execute /nonexistent/command: No such file or directory')).toBe(true);
  });

  it('not found on the search path: exit 127', async () => {
    tsd = new TsdProcess({ args: ['--', 'no-such-command-anywhere'] });
    expect((await tsd.exited).code).toBe(127);
  });

  it('found but not executable: exit 126', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tsd-noexec-')), 'plain-file');
    writeFileSync(file, 'not a program\n', { mode: 0o644 });
    tsd = new TsdProcess({ args: ['--', file] });
    expect((await tsd.exited).code).toBe(126);
    expect(tsd.has(`tsd-command.service: Failed to execute ${file}: Permission denied`)).toBe(true);
  });

  it('a directory: exit 126', async () => {
    tsd = new TsdProcess({ args: ['--', '/tmp'] });
    expect((await tsd.exited).code).toBe(126);
  });
});
