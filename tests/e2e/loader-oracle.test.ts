// The loader's search rules against the real systemd 252 on the host: drop-in and .wants/
// directories (precedence across search paths, templates, dash prefixes, aliases, type dirs,
// masks), empty dependency values, Alias= of enabled templates, the checks of mount units, and
// what `tsd verify` says and exits with next to `systemd-analyze verify`.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnitLoader } from '../../src/units/loader.js';
import { runVerify } from '../../src/cli/verify.js';
import { canDump, dumpUnits, have252 } from './systemd-oracle.js';

/** files: path relative to `dir` -> contents, or { link } for a symlink. */
function tree(dir: string, files: Record<string, string | { link: string }>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    if (typeof content === 'string') writeFileSync(p, content);
    else symlinkSync(content.link, p);
  }
}

const SERVICE = '[Service]\nExecStart=/bin/true\n';
const SPEC = { hostname: 'h', machineId: '0'.repeat(32), bootId: '1'.repeat(32) };

describe.runIf(canDump)('the loader next to `systemd --test`', () => {
  it('drop-in directories: the same precedence and the same files applied', () => {
    const t = mkdtempSync(join(tmpdir(), 'tsd-dropin-oracle-'));
    const files: Record<string, string | { link: string }> = {};
    const units: string[] = [];
    // Unit pN-bar@a.service has same.conf in its candidate directories from the Nth on (in
    // systemd's order), so each unit shows which directory beats the next.
    const dirsOf = (p: string): string[] => ['etc', 'lib'].flatMap((root) =>
      [`${p}-bar@a.service.d`, `${p}-bar@.service.d`, `${p}-.service.d`, `${p}-@a.service.d`, `${p}-@.service.d`].map((d) => `${root}/${d}`));
    for (let n = 0; n <= 10; n++) {
      const p = `p${n}`;
      files[`lib/${p}-bar@.service`] = SERVICE;
      dirsOf(p).slice(n).forEach((d) => { files[`${d}/same.conf`] = `[Unit]\nDescription=${d}\n`; });
      // and one file of its own in every directory, to compare the whole list applied
      dirsOf(p).forEach((d) => { files[`${d}/${d.replace('/', '-')}.conf`] = '[Unit]\nDocumentation=man:x(1)\n'; });
      units.push(`${p}-bar@a.service`);
    }
    files['etc/service.d/same.conf'] = '[Unit]\nDescription=etc/service.d\n';
    files['lib/service.d/same.conf'] = '[Unit]\nDescription=lib/service.d\n';
    // An alias's directories come after the unit's own, a /dev/null drop-in masks its name.
    files['lib/q-real.service'] = SERVICE;
    files['etc/z-alias.service'] = { link: '../lib/q-real.service' };
    for (const d of ['etc/z-alias.service.d', 'etc/z-.service.d', 'lib/q-.service.d', 'lib/z-alias.service.d']) files[`${d}/alias.conf`] = `[Unit]\nDescription=${d}\n`;
    files['etc/q-real.service.d/masked.conf'] = { link: '/dev/null' };
    files['lib/q-real.service.d/masked.conf'] = '[Unit]\nDescription=not applied\n';
    units.push('q-real.service');
    tree(t, files);
    const search = [join(t, 'etc'), join(t, 'lib')];
    const theirs = dumpUnits(t, search.join(':'), units);
    const loader = new UnitLoader({ searchPath: search, specifiers: SPEC });
    for (const name of units) {
      const u = loader.load(name);
      const sys = theirs.get(name)!;
      expect({ name, description: u.unit.description, dropIns: u.dropInPaths })
        .toEqual({ name, description: sys.get('Description')![0], dropIns: sys.get('DropInPath') });
    }
  }, 60_000);

  it('.wants/ and .requires/ directories, empty dependency values: the same dependencies', () => {
    const t = mkdtempSync(join(tmpdir(), 'tsd-wants-oracle-'));
    tree(t, {
      'lib/foo-bar.service': SERVICE,
      'lib/w1.service': SERVICE, 'lib/w2.service': SERVICE, 'lib/w3.service': SERVICE, 'lib/h@.service': SERVICE,
      'lib/foo-bar.service.wants/w1.service': { link: '../w1.service' },
      'etc/foo-bar.service.wants/w1.service': { link: '/dev/null' },
      'lib/service.wants/w2.service': { link: '../w2.service' },
      'lib/foo-.service.requires/w3.service': { link: '../w3.service' },
      'lib/foo-bar.service.wants/h@.service': { link: '../h@.service' },
      'lib/foo-bar.service.requires/w2.service': SERVICE,
      'lib/foo-bar.service.upholds/w1.service': { link: '../w1.service' },
      'lib/e.service': `[Unit]\nAfter=w1.service\nWants=w3.service\nRequires=w1.service\n${SERVICE}`,
      'lib/e.service.d/empty.conf': '[Unit]\nAfter=\nWants=\nRequires=\n',
    });
    const search = [join(t, 'etc'), join(t, 'lib')];
    const names = ['foo-bar.service', 'e.service', 'w2.service'];
    const theirs = dumpUnits(t, search.join(':'), names);
    const loader = new UnitLoader({ searchPath: search, specifiers: SPEC });
    for (const name of names) {
      const u = loader.load(name);
      const sys = theirs.get(name)!;
      const deps = (l: readonly string[] | undefined): string[] => [...(l ?? [])].filter((n) => !/\.(slice|socket)$/.test(n)).sort();
      expect({ name, wants: deps(u.unit.wants), requires: deps(u.unit.requires), after: deps(u.unit.after), upholds: deps(u.unit.upholds) })
        .toEqual({ name, wants: deps(sys.get('Wants')), requires: deps(sys.get('Requires')), after: deps(sys.get('After')), upholds: deps(sys.get('Upholds')) });
    }
  }, 60_000);

  it('Alias= of a template, enabled by its [Install] section: the same names as after `systemctl enable`', () => {
    const t = mkdtempSync(join(tmpdir(), 'tsd-alias-oracle-'));
    const units = {
      'foo@.service': `${SERVICE}[Install]\nWantedBy=multi-user.target\nDefaultInstance=x\nAlias=bar@.service\n`,
      'plain.service': `${SERVICE}[Install]\nWantedBy=multi-user.target\nAlias=other.service\n`,
    };
    tree(t, Object.fromEntries(Object.entries(units).map(([n, text]) => [`r/lib/systemd/system/${n}`, text])));
    tree(t, Object.fromEntries(Object.entries(units).map(([n, text]) => [`own/${n}`, text])));
    mkdirSync(join(t, 'r/etc/systemd/system'), { recursive: true });
    execFileSync('systemctl', ['--root', join(t, 'r'), 'enable', ...Object.keys(units)], { stdio: 'ignore' });
    const names = ['foo@x.service', 'bar@x.service', 'bar@z.service', 'other.service'];
    const theirs = dumpUnits(t, `${join(t, 'r/etc/systemd/system')}:${join(t, 'r/lib/systemd/system')}`, names);
    // systemd names each unit by its file; tsd reads the [Install] sections of a --unit-path directory.
    const loader = new UnitLoader({ searchPath: [join(t, 'own')], installEnabledDirs: [join(t, 'own')], specifiers: SPEC });
    const dumped = (name: string): string[] => {
      const entry = [...theirs].find(([unit, facts]) => unit === name || (facts.get('Alias') ?? []).includes(name))!;
      return [entry[0], ...(entry[1].get('Alias') ?? []).sort()];
    };
    for (const name of names) expect(loader.load(name).names).toEqual(dumped(name));
  }, 60_000);
});

describe.runIf(have252)('mount, automount and swap units next to `systemd-analyze verify`', () => {
  it('refuses the ones systemd refuses, warns where it warns', () => {
    const t = mkdtempSync(join(tmpdir(), 'tsd-mount-oracle-'));
    const files: Record<string, string> = {
      'mnt-x.mount': '[Mount]\nWhere=/mnt/x\n',
      'mnt-data.mount': '[Mount]\nWhat=/dev/sda1\nWhere=/mnt/other\n',
      'mnt-y.mount': '[Mount]\nWhat=/dev/sdb\n',
      'mnt-v.mount': '[Mount]\nWhat=/x\nWhere=/mnt//v/\n',
      'mnt-rel.mount': '[Mount]\nWhat=/x\nWhere=mnt/rel\n',
      'u.mount': '[Mount]\nWhat=/x\nWhere=/mnt/../u\n',
      'run.mount': '[Mount]\nWhat=/dev/a\nWhere=/run\n',
      'dev-console.mount': '[Mount]\nWhat=/dev/a\n',
      'sys-fs-cgroup-x.mount': '[Mount]\nWhat=/dev/a\n',
      'run-host-x.mount': '[Mount]\nWhat=/dev/a\n',
      'mnt-a.automount': '[Automount]\nWhere=/\n',
      'mnt-b.automount': '[Automount]\nWhere=/mnt/other\n',
      'mnt-c.automount': '[Automount]\n',
      'dev-sdy.swap': '[Swap]\nWhat=/dev/sdz\n',
      'dev-sdq.swap': '[Swap]\n',
      'swapfile.swap': '[Swap]\nWhat=/swapfile\n',
    };
    tree(t, files);
    const loader = new UnitLoader({ searchPath: [t], specifiers: SPEC });
    for (const name of Object.keys(files)) {
      const r = spawnSync('systemd-analyze', ['verify', '--man=no', join(t, name)], { encoding: 'utf8', env: { ...process.env, SYSTEMD_UNIT_PATH: `${t}:` } });
      const out = `${r.stdout}${r.stderr}`;
      const systemdFatal = new RegExp(`^Unit ${name.replace(/[.\\]/g, '\\$&')} (has a bad unit file setting|failed to load properly)`, 'm').test(out);
      const systemdLines = [...out.matchAll(new RegExp(`^${join(t, name)}:(\\d+):`, 'gm'))].map((m) => Number(m[1]));
      const u = loader.load(name);
      const tsdLines = loader.diagnostics.filter((d) => d.unit === name && d.line !== undefined).map((d) => d.line!);
      expect({ name, fatal: u.loadState !== 'loaded', lines: tsdLines }).toEqual({ name, fatal: systemdFatal, lines: systemdLines });
    }
  }, 60_000);
});

describe.runIf(have252)('`tsd verify` next to `systemd-analyze verify`', () => {
  afterEach(() => vi.restoreAllMocks());

  async function tsdVerify(args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
    try {
      return { code: await runVerify(args), out };
    } finally {
      vi.restoreAllMocks();
    }
  }

  it('the same exit status and the same start-job and socket messages for broken dependencies', async () => {
    const t = mkdtempSync(join(tmpdir(), 'tsd-verify-oracle-'));
    const files: Record<string, string | { link: string }> = {
      'bad.service': '[Service]\nExecStart=/bin/true\nExecStart=/bin/true\n',
      'requires-bad.service': `[Unit]\nRequires=bad.service\n${SERVICE}`,
      'wants-bad.service': `[Unit]\nWants=bad.service nowhere.service\n${SERVICE}`,
      'upholds-bad.service': `[Unit]\nUpholds=bad.service\n${SERVICE}`,
      'requisite-bad.service': `[Unit]\nRequisite=bad.service\n${SERVICE}`,
      'bindsto-missing.service': `[Unit]\nBindsTo=nowhere.service\n${SERVICE}`,
      'chain.service': `[Unit]\nRequires=middle.service\n${SERVICE}`,
      'middle.service': `[Unit]\nRequires=nowhere.service\n${SERVICE}`,
      'wants-chain.service': `[Unit]\nWants=middle.service\n${SERVICE}`,
      'conflicts-bad.service': `[Unit]\nConflicts=bad.service\nAfter=bad.service\n${SERVICE}`,
      'requires-masked.service': `[Unit]\nRequires=masked.service\n${SERVICE}`,
      'masked.service': { link: '/dev/null' },
      'lonely.socket': '[Socket]\nListenStream=/run/lonely.sock\n',
      'empty.timer': '[Timer]\n',
      'bad-target.timer': '[Timer]\nOnBootSec=5\nUnit=bad.service\n',
    };
    tree(t, files);
    const named = Object.keys(files).filter((n) => n !== 'masked.service');
    for (const name of named) {
      const r = spawnSync('systemd-analyze', ['verify', '--man=no', name], { cwd: t, encoding: 'utf8', env: { ...process.env, SYSTEMD_UNIT_PATH: `${t}:` } });
      const jobLines = (text: string): string[] => text.split('\n')
        .filter((l) => /: (Failed to create |Cannot add dependency job|service .* not loaded)|^(\S+: )?Unit \S+ has a bad unit file setting/.test(l))
        .map((l) => l.replace('warning: ', '').replace(/^\S+: (Unit \S+ has a bad)/, '$1'))
        .sort();
      const mine = await tsdVerify(['--unit-path', t, name]);
      expect({ name, code: mine.code, lines: jobLines(mine.out) }).toEqual({ name, code: r.status, lines: jobLines(`${r.stdout}${r.stderr}`) });
    }
  }, 60_000);
});
