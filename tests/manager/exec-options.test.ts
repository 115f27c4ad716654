// What the manager asks the native core for when it spawns a service (systemd.exec(5) defaults).
import { describe, expect, it } from 'vitest';
import { ServiceRuntime } from '../../src/manager/service-runtime.js';
import { buildEnvironment } from '../../src/manager/exec-plan.js';
import { fakeManager, serviceUnit } from '../helpers/fake-manager.js';
import { FakePort } from '../helpers/fake-port.js';

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

describe('EnvironmentFile=: "an absolute filename or wildcard expression" (systemd.exec(5))', () => {
  const CONTEXT = { invocationId: '0'.repeat(32), managerEnvironment: {}, outputToJournal: true };
  const FILES: Record<string, string | Uint8Array> = {
    '/etc/env.d/10-base': 'A=base\nB=base\n',
    '/etc/env.d/20-override': 'B=override\n',
    '/etc/env.d/.hidden': 'A=hidden\n',
    '/etc/env.d/notes.txt': 'C=txt\n',
    '/etc/default/app': 'D=app\n',
    // "invalid UTF-8 value for key BAD": systemd 252 refuses the whole file
    '/etc/bad/latin1': Buffer.from([0x47, 0x3d, 0x31, 0x0a, 0x42, 0x41, 0x44, 0x3d, 0xe9, 0x0a]),
  };
  const cases: Array<[string, Array<[string, boolean]>, Record<string, string> | string]> = [
    ['a plain path', [['/etc/default/app', false]], { D: 'app' }],
    ['every match of a wildcard, in sorted order, dot files not matched', [['/etc/env.d/[0-9]*', false]], { A: 'base', B: 'override' }],
    ['"*" within one component', [['/etc/*/app', false]], { D: 'app' }],
    ['"?" and a negated set', [['/etc/env.d/[!0-9]otes.tx?', false]], { C: 'txt' }],
    ['no match with "-" is fine', [['-/etc/none/*', false], ['/etc/default/app', false]], { D: 'app' }],
    ['a missing file with "-" is fine', [['-/etc/default/none', false]], {}],
    ['no match without "-" fails the start', [['/etc/none/*', false]], 'Failed to load environment files: /etc/none/*: No such file or directory'],
    ['a missing file without "-" fails the start', [['/etc/default/none', false]], 'Failed to load environment files: /etc/default/none: No such file or directory'],
    ['a file that is not UTF-8 fails the start', [['/etc/bad/latin1', false]],
      "Failed to load environment files: /etc/bad/latin1:2: invalid UTF-8 value for key BAD: '\ufffd': Invalid argument"],
    ['a file that is not UTF-8 is skipped whole with "-"', [['-/etc/bad/latin1', false], ['/etc/default/app', false]], { D: 'app' }],
  ];
  it.each(cases)('%s', (_what, settings, expected) => {
    const port = new FakePort();
    for (const [path, content] of Object.entries(FILES)) port.files.set(path, content);
    const unit = serviceUnit('a.service', (u) => {
      u.exec!.environmentFiles = settings.map(([p]) => ({ path: p.replace(/^-/, ''), optional: p.startsWith('-') }));
    });
    const warnings: string[] = [];
    const run = () => buildEnvironment(unit, port, { ...CONTEXT, warn: (m) => warnings.push(m) }, null);
    if (typeof expected === 'string') {
      expect(run).toThrow(expected);
      return;
    }
    const env = run();
    for (const name of ['A', 'B', 'C', 'D', 'G', 'BAD']) expect(env[name], name).toBe(expected[name]);
  });

  it('says why a file was skipped', () => {
    const port = new FakePort();
    port.files.set('/etc/bad/latin1', FILES['/etc/bad/latin1']!);
    const unit = serviceUnit('a.service', (u) => { u.exec!.environmentFiles = [{ path: '/etc/bad/latin1', optional: true }]; });
    const warnings: string[] = [];
    buildEnvironment(unit, port, { ...CONTEXT, warn: (m) => warnings.push(m) }, null);
    expect(warnings).toEqual(["/etc/bad/latin1:2: invalid UTF-8 value for key BAD: '\ufffd', ignoring."]);
  });

  it('fails the start, before any spawn, when a file is missing', async () => {
    const env = fakeManager([serviceUnit('a.service', (u) => { u.exec!.environmentFiles = [{ path: '/etc/default/none', optional: false }]; })]);
    expect(await env.manager.start('a.service')).toBe('failed');
    expect(env.port.spawns).toHaveLength(0);
    expect(env.log).toContain('a.service: Failed to load environment files: /etc/default/none: No such file or directory');
  });
});
