// RuntimeDirectory= & co. with tsd as PID 1: the directories exist, with their modes and
// owners, when the service's first command runs; RuntimeDirectory= is gone once the service
// stopped; a directory that cannot be made fails the unit with systemd's exit status.
// /run is the namespace's own tmpfs; the other bases are the host's, cleaned up after.
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { service, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
const cleanup: string[] = [];
afterEach(() => {
  tsd?.kill();
  for (const path of cleanup.splice(0)) rmSync(path, { recursive: true, force: true });
});

describe('exec directories as PID 1', () => {
  it('makes them before the first command, owned by User=, and removes RuntimeDirectory= at stop', async () => {
    const name = `tsd-itest-${randomBytes(4).toString('hex')}`;
    cleanup.push(`/var/lib/${name}`, `/var/cache/${name}`, `/var/log/${name}`, `/etc/${name}`);
    const show = `/run/${name}/sub /var/lib/${name} /var/cache/${name} /var/log/${name} /etc/${name}`;
    tsd = new TsdProcess({
      units: {
        'dirs.service': service({
          service: [
            'User=nobody',
            `RuntimeDirectory=${name}/sub`, `StateDirectory=${name}`, 'StateDirectoryMode=0700', `CacheDirectory=${name}`,
            `LogsDirectory=${name}`, `ConfigurationDirectory=${name}`,
            `ExecStartPre=/bin/sh -c 'for d in ${show}; do echo "dir $(stat -c "%%a %%U" $d) $d"; done'`,
            `ExecStart=/bin/sh -c 'echo "env $RUNTIME_DIRECTORY $STATE_DIRECTORY"; touch $STATE_DIRECTORY/mine && echo wrote state; exec sleep 1000'`,
          ].join('\n'),
        }),
        // Stops after dirs.service (it is ordered before it), and looks.
        'watcher.service': service({
          unit: 'Before=dirs.service',
          service: `ExecStart=/bin/sleep 1000\nExecStop=/bin/sh -c 'test -e /run/${name}/sub && echo runtime kept || echo runtime gone; test -d /run/${name} && echo parent kept'`,
        }),
      },
    });
    await tsd.waitFor('wrote state');
    for (const line of [
      `dir 755 nobody /run/${name}/sub`, `dir 700 nobody /var/lib/${name}`, `dir 755 nobody /var/cache/${name}`,
      `dir 755 nobody /var/log/${name}`, `dir 755 root /etc/${name}`, `env /run/${name}/sub /var/lib/${name}`,
    ]) expect(tsd.has(line), `${line}\n${tsd.lines.join('\n')}`).toBe(true);
    tsd.signal('SIGTERM');
    await tsd.waitFor('runtime gone');
    await tsd.waitFor('parent kept');
    expect((await tsd.exited).code).toBe(0);
  });

  it('fails the unit with 238/STATE_DIRECTORY when its StateDirectory= cannot be made', async () => {
    const name = `tsd-itest-${randomBytes(4).toString('hex')}`;
    writeFileSync(`/var/lib/${name}`, 'a file, not a directory\n');
    cleanup.push(`/var/lib/${name}`);
    tsd = new TsdProcess({ units: { 'bad.service': service({ service: `StateDirectory=${name}\nExecStart=/bin/sleep 1000` }) } });
    await tsd.waitFor(`bad.service: Failed to set up special execution directory in /var/lib: /var/lib/${name}: Not a directory`);
    await tsd.waitFor('bad.service: Main process exited, code=exited, status=238/STATE_DIRECTORY');
    await tsd.waitFor("bad.service: Failed with result 'exit-code'.");
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });
});
