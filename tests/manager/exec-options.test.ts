// What the manager asks the native core for when it spawns a service (systemd.exec(5) defaults).
import { describe, expect, it } from 'vitest';
import { ServiceRuntime } from '../../src/manager/service-runtime.js';
import { fakeManager, serviceUnit } from '../helpers/fake-manager.js';

async function spawnOptionsOf(edit: Parameters<typeof serviceUnit>[1]) {
  const env = fakeManager([serviceUnit('a.service', edit)]);
  env.manager.runtimeFor('a.service') as ServiceRuntime;
  await env.manager.start('a.service');
  return env.port.lastSpawn().options;
}

describe('spawn options', () => {
  it('ignores SIGPIPE in services by default (IgnoreSIGPIPE=yes), not with IgnoreSIGPIPE=no', async () => {
    expect((await spawnOptionsOf(() => {})).ignoreSigpipe).toBe(true);
    expect((await spawnOptionsOf((u) => { u.exec!.ignoreSIGPIPE = false; })).ignoreSigpipe).toBe(false);
  });

  it('starts every service in a new session with stdin from /dev/null and umask 0022', async () => {
    const options = await spawnOptionsOf(() => {});
    expect(options.newSession).toBe(true);
    expect(options.stdin).toBe('null');
    expect(options.umask).toBe(0o022);
  });
});
