import { afterEach, describe, expect, it, vi } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVerify } from '../../src/cli/verify.js';
import { runCat } from '../../src/cli/cat.js';
import { unitTree } from './unit-tree.js';

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    const code = await fn();
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('tsd verify', () => {
  it('prints file:line problems and fails on missing binaries', async () => {
    const root = unitTree({
      'units/web.service': '[Unit]\nDescription=web\n[Service]\nExecStart=/usr/bin/definitely-missing-tsd --x\nFoo=1\nPrivateTmp=yes\n',
    });
    const r = await capture(() => runVerify(['--unit-path', `${root}/units`, 'web.service']));
    expect(r.code).toBe(1);
    const f = `${root}/units/web.service`;
    expect(r.out.split('\n').filter(Boolean)).toEqual([
      `${f}:4: Command /usr/bin/definitely-missing-tsd is not executable: No such file or directory`,
      `${f}:5: warning: Unknown key 'Foo' in section [Service], ignoring.`,
      `${f}:6: warning: Ignoring PrivateTmp=: sandboxing and resource control are left to the container.`,
    ]);
  });

  it('passes a good unit given as a FILE, with its drop-ins', async () => {
    const root = unitTree({
      'units/ok.service': '[Service]\nExecStart=/bin/sh -c true\n',
      'units/ok.service.d/x.conf': '[Service]\nRestart=always\n',
    });
    const r = await capture(() => runVerify([`${root}/units/ok.service`]));
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  it('--root resolves the search path and binaries under DIR', async () => {
    const root = unitTree({
      'lib/systemd/system/app.service': '[Unit]\nRequires=db.service\n[Service]\nExecStart=/usr/sbin/app\nExecStartPre=-/usr/sbin/missing\n',
      'lib/systemd/system/db.service': '[Service]\nExecStart=/usr/sbin/app\n',
      'usr/sbin/app': '#!/bin/sh\n',
    });
    chmodSync(join(root, 'usr/sbin/app'), 0o755);
    const r = await capture(() => runVerify(['--root', root, 'app.service']));
    expect(r.code).toBe(0);
    expect(r.out).toContain('warning: Command /usr/sbin/missing is not executable');
  });

  it('fails for a unit that cannot be used, and for missing required units', async () => {
    const root = unitTree({
      'u/bad.service': '[Service]\nType=simple\n',
      'u/needy.service': '[Unit]\nRequires=nowhere.service\n[Service]\nExecStart=/bin/sh\n',
    });
    const bad = await capture(() => runVerify(['--unit-path', `${root}/u`, 'bad.service']));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.');
    const needy = await capture(() => runVerify(['--unit-path', `${root}/u`, 'needy.service']));
    expect(needy.code).toBe(1);
    expect(needy.out).toContain('needy.service: Failed to create needy.service/start: Unit nowhere.service not found.');
    const missing = await capture(() => runVerify(['--unit-path', `${root}/u`, 'nothing.service']));
    expect(missing.code).toBe(1);
  });

  it('prints the problems of every unit it loads along, and fails only for required ones (systemd-analyze verify)', async () => {
    const root = unitTree({
      'u/a.service': '[Unit]\nRequires=b.service\nWants=d.service nowhere.service\nAfter=e.service\n[Service]\nExecStart=/bin/sh\n',
      'u/b.service': '[Unit]\nFoo=1\n[Service]\nExecStart=/bin/sh\n',
      'u/d.service': '[Service]\nExecStart=/bin/sh\nExecStart=/bin/sh\n',
      'u/e.service': '[Unit]\nAfter=f.service\n[Service]\nExecStart=/bin/sh\n',
      // tsd's own remarks (sandboxing, ignored settings) are for the named units only
      'u/f.service': '[Unit]\nBar=1\n[Service]\nExecStart=/bin/sh\nPrivateTmp=yes\nIOSchedulingClass=idle\n',
      'u/r.service': '[Unit]\nRequires=d.service\n[Service]\nExecStart=/bin/sh\n',
      'u/t1.timer': '[Timer]\n',
      'u/s1.socket': '[Socket]\nListenStream=/run/s1.sock\n',
    });
    const u = `${root}/u`;
    const a = await capture(() => runVerify(['--unit-path', u, 'a.service']));
    // d.service is only wanted: its refusal is printed, a.service still verifies.
    expect(a.out.split('\n').filter(Boolean)).toEqual([
      `${u}/b.service:2: warning: Unknown key 'Foo' in section [Unit], ignoring.`,
      `${u}/d.service: Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.`,
      `${u}/f.service:2: warning: Unknown key 'Bar' in section [Unit], ignoring.`,
      'd.service: warning: Cannot add dependency job, ignoring: Unit d.service has a bad unit file setting.',
    ]);
    expect(a.code).toBe(0);
    const r = await capture(() => runVerify(['--unit-path', u, 'r.service']));
    expect(r.out).toContain('r.service: Failed to create r.service/start: Unit d.service has a bad unit file setting.');
    expect(r.code).toBe(1);
    // Each refusal once, then systemd's "bad unit file setting" line.
    const t = await capture(() => runVerify(['--unit-path', u, 't1.timer']));
    expect(t.out.split('\n').filter(Boolean)).toEqual([`${u}/t1.timer: Timer unit lacks value setting. Refusing.`, 't1.timer: Unit t1.timer has a bad unit file setting.']);
    const s = await capture(() => runVerify(['--unit-path', u, 's1.socket']));
    expect(s.out).toBe('s1.socket: service s1.service not loaded, socket cannot be started.\n');
    expect(s.code).toBe(1);
  });

  it('usage errors exit 2', async () => {
    expect((await capture(() => runVerify([]))).code).toBe(2);
    expect((await capture(() => runVerify(['--bogus', 'x.service']))).code).toBe(2);
  });
});

describe('tsd cat', () => {
  it('prints the fragment then each drop-in with "# path" headers', async () => {
    const root = unitTree({
      'etc/a.service.d/50-z.conf': '[Service]\nRestart=always\n',
      'lib/a.service': '[Service]\nExecStart=/bin/true',
      'lib/a.service.d/10-x.conf': '[Unit]\nDescription=x\n',
    });
    const r = await capture(() => runCat(['--unit-path', `${root}/etc:${root}/lib`, 'a.service']));
    expect(r.code).toBe(0);
    expect(r.out).toBe(`# ${root}/lib/a.service\n[Service]\nExecStart=/bin/true\n\n# ${root}/lib/a.service.d/10-x.conf\n[Unit]\nDescription=x\n\n# ${root}/etc/a.service.d/50-z.conf\n[Service]\nRestart=always\n`);
  });

  it('shows paths inside --root, built-in targets, and fails for unknown units', async () => {
    const root = unitTree({ 'lib/systemd/system/b.service': '[Service]\nExecStart=/bin/true\n' });
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/hostname'), 'x\n');
    const r = await capture(() => runCat(['--root', root, 'b.service', 'multi-user.target']));
    expect(r.out.startsWith('# /lib/systemd/system/b.service\n')).toBe(true);
    expect(r.out).toContain('# multi-user.target (built into tsd, no unit file)\n[Unit]\nDescription=Multi-User System\nRequires=basic.target');
    const missing = await capture(() => runCat(['--root', root, 'nope.service']));
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('No files found for nope.service.\n');
  });
});
