// Where tsd finds its units: the example set of units.d/ (what `npm start` boots), and packaged
// units enabled by `.wants/` symlinks on a SYSTEMD_UNIT_PATH, as systemd boots them.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
afterEach(() => tsd?.kill());

/** A TCP port nobody listens on now (the kernel's pick for port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

describe('unit search path', () => {
  it('boots the example units of units.d/ in order, serves, and stops cleanly on Ctrl-C', async () => {
    // The demo listens on 8080 in the host's network namespace (the test's unshare keeps it):
    // a drop-in on a second --unit-path moves web and worker to a port free right now.
    const port = await freePort();
    const dropIns = mkdtempSync(join(tmpdir(), 'tsd-port-'));
    for (const unit of ['web.service', 'worker.service']) {
      mkdirSync(join(dropIns, `${unit}.d`));
      writeFileSync(join(dropIns, `${unit}.d`, 'port.conf'), `[Service]\nEnvironment=PORT=${port}\n`);
    }
    tsd = new TsdProcess({ unitPath: join(ROOT, 'units.d'), args: ['--unit-path', dropIns] });
    await tsd.waitFor('Startup finished');
    await tsd.waitFor(new RegExp(`web\\.service\\[\\d+\\]: listening on 127\\.0\\.0\\.1:${port}`));
    const started = (unit: string) => tsd!.lines.findIndex((l) => l.includes(`Started ${unit}`) || l.includes(`Finished ${unit}`));
    expect(started('setup.service')).toBeGreaterThan(-1);
    expect(started('setup.service')).toBeLessThan(started('web.service'));
    expect(started('web.service')).toBeLessThan(started('worker.service'));
    expect(await fetchText(`http://127.0.0.1:${port}/`)).toBe('hello from tsd\n');
    // The worker really polls the web server.
    await tsd.waitFor(/worker\.service\[\d+\]: worker: poll \d+ got: hello from tsd$/);
    expect(tsd.lines.some((l) => /Startup finished; failed units/.test(l))).toBe(false);
    tsd.signal('SIGINT');
    expect((await tsd.exited).code).toBe(0);
    const stopped = (unit: string) => tsd!.lines.findIndex((l) => l.includes(`Stopped ${unit}`));
    expect(stopped('worker.service')).toBeLessThan(stopped('web.service'));
  });

  it('follows the .wants/ symlinks of packaged units on SYSTEMD_UNIT_PATH, and only those', async () => {
    const lib = mkdtempSync(join(tmpdir(), 'tsd-lib-'));
    writeFileSync(join(lib, 'enabled.service'), '[Service]\nExecStart=/bin/sh -c "echo enabled runs; exec sleep 1000"\n');
    // Has an [Install] section but no link: installed, not enabled, so it must not start.
    writeFileSync(join(lib, 'disabled.service'), '[Service]\nExecStart=/bin/sh -c "echo disabled runs; exec sleep 1000"\n[Install]\nWantedBy=multi-user.target\n');
    mkdirSync(join(lib, 'multi-user.target.wants'));
    symlinkSync('../enabled.service', join(lib, 'multi-user.target.wants', 'enabled.service'));
    // A trailing colon appends systemd's default directories, which this test cannot populate;
    // without it, only `lib` is searched.
    tsd = new TsdProcess({ unitPath: false, env: { SYSTEMD_UNIT_PATH: lib } });
    await tsd.waitFor('Startup finished');
    await tsd.waitFor('enabled runs');
    expect(tsd.lines.some((l) => l.includes('disabled runs') || l.includes('Starting disabled.service'))).toBe(false);
    expect(tsd.lines.some((l) => l.includes(`units from ${lib}`))).toBe(true);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });
});
