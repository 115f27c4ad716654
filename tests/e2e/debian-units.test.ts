// Loads every unit file of 60+ real Debian 12 server packages (fetched with apt-get download at
// test time, unpacked with dpkg -x, never installed) and requires zero errors: the only warnings
// allowed are the one "sandboxing left to the container" warning per unit.

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UnitLoader } from '../../src/units/loader.js';
import { parseUnitName } from '../../src/units/unit-name.js';
import type { Diagnostic } from '../../src/units/model.js';
import { ORACLE_CASES, ORACLE_DEVIATIONS, ORACLE_FILES } from '../units/fixtures/systemd-oracle-cases.js';

const PACKAGES = [
  'nginx-common', 'apache2', 'openssh-server', 'redis-server', 'postgresql-common', 'mariadb-server', 'haproxy',
  'cron', 'rsyslog', 'memcached', 'php8.2-fpm', 'bind9', 'squid', 'mosquitto', 'dbus-daemon', 'avahi-daemon',
  'docker.io', 'supervisor', 'amavisd-new', 'postfix', 'dovecot-core', 'chrony', 'knot', 'tor', 'logrotate',
  'man-db', 'apt', 'certbot', 'fail2ban', 'rabbitmq-server', 'prometheus', 'prometheus-node-exporter',
  'unattended-upgrades', 'smartmontools', 'nfs-kernel-server', 'samba', 'cups-daemon', 'openvpn', 'lighttpd',
  'varnish', 'keepalived', 'snmpd', 'vsftpd', 'unbound', 'dnsmasq', 'collectd-core', 'uwsgi-core',
  'clamav-daemon', 'clamav-freshclam', 'opendkim', 'sssd-common', 'containerd', 'e2fsprogs', 'util-linux',
  'sysstat', 'nftables', 'pdns-server', 'icinga2-bin', 'zabbix-agent', 'lxc', 'ntpsec', 'strongswan-starter',
];

const UNIT_DIRS = ['lib/systemd/system', 'usr/lib/systemd/system', 'etc/systemd/system'];
const key = createHash('sha1').update(PACKAGES.join(' ')).digest('hex').slice(0, 12);
const cache = join(tmpdir(), `tsd-debian-units-${key}`);
const debs = join(cache, 'debs');
const root = join(cache, 'root');

function run(cmd: string, args: string[], cwd?: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

/** Downloads and unpacks the packages once per package list; a failing mirror fails the test. */
function fetchPackages(): void {
  if (existsSync(join(cache, 'complete'))) return;
  mkdirSync(debs, { recursive: true });
  mkdirSync(root, { recursive: true });
  if (/Candidate: \(none\)/.test(run('apt-cache', ['policy', 'nginx'])) || !/Candidate:/.test(run('apt-cache', ['policy', 'nginx']))) {
    run('apt-get', ['update']);
  }
  run('apt-get', ['download', ...PACKAGES], debs);
  for (const f of readdirSync(debs)) if (f.endsWith('.deb')) run('dpkg', ['-x', join(debs, f), root]);
  writeFileSync(join(cache, 'complete'), new Date().toISOString());
}

function unitFiles(): string[] {
  const names = new Set<string>();
  for (const d of UNIT_DIRS) {
    const dir = join(root, d);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      const st = lstatSync(join(dir, f));
      if ((st.isFile() || st.isSymbolicLink()) && parseUnitName(f)) names.add(f);
    }
  }
  return [...names].sort();
}

const show = (d: Diagnostic): string => `${d.file ?? d.unit}:${d.line ?? ''}: [${d.code ?? d.severity}] ${d.message}`;

describe('Debian 12 unit files', () => {
  beforeAll(() => {
    fetchPackages();
  }, 600_000);

  it('downloaded at least 40 packages', () => {
    expect(readdirSync(debs).filter((f) => f.endsWith('.deb')).length).toBeGreaterThanOrEqual(40);
  });

  it('loads every unit file with zero errors; only sandbox directives warn', () => {
    const names = unitFiles();
    expect(names.length).toBeGreaterThan(150);
    const loader = new UnitLoader({ root, notes: true, specifiers: { hostname: 'test', machineId: '0'.repeat(32), bootId: '1'.repeat(32) } });
    const states = new Map<string, string>();
    for (const name of names) {
      // A template is loaded as an instance, the way it is used.
      const p = parseUnitName(name)!;
      const loadName = p.instance === '' ? name.replace('@.', '@test.') : name;
      const u = loader.load(loadName);
      states.set(loadName, u.loadState + (u.loadError ? ` (${u.loadError})` : ''));
    }
    const bad = [...states].filter(([, s]) => !s.startsWith('loaded') && !s.startsWith('masked'));
    expect(bad).toEqual([]);
    const problems = loader.diagnostics.filter((d) => d.severity === 'error' || (d.severity === 'warning' && d.code !== 'sandbox'));
    expect(problems.map(show)).toEqual([]);
    process.stdout.write(`debian-units: ${readdirSync(debs).length} packages, ${names.length} unit files, ${loader.loadedUnits().length} units loaded, `
      + `${loader.diagnostics.filter((d) => d.code === 'sandbox').length} sandbox warnings\n`);
  }, 120_000);
});

// The real systemd 252 as the oracle: `systemd-analyze verify` (present on Debian 12 hosts) and
// tsd must flag the same lines and refuse the same units.
describe('agreement with systemd-analyze verify', () => {
  const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  const have252 = analyze.status === 0 && /^systemd 252\b/.test(analyze.stdout);

  function runBoth(files: Array<{ name: string; text: string; line?: number }>): Array<{ name: string; systemd: string[]; tsd: string[]; systemdFatal: boolean; tsdFatal: boolean }> {
    const dir = mkdtempSync(join(tmpdir(), 'tsd-oracle-'));
    for (const f of files) writeFileSync(join(dir, f.name), f.text);
    // One systemd-analyze run for every file keeps this fast.
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', ...files.map((f) => join(dir, f.name))], { encoding: 'utf8', maxBuffer: 16 << 20 });
    const out = `${r.stdout}${r.stderr}`.split('\n');
    const loader = new UnitLoader({ searchPath: [dir], specifiers: { hostname: 'h', machineId: '0'.repeat(32), bootId: '1'.repeat(32) } });
    return files.map((f) => {
      const u = loader.load(f.name);
      const at = (l: number | undefined): boolean => f.line === undefined || l === f.line;
      const mine = loader.diagnostics.filter((d) => d.unit === f.name && d.code !== 'sandbox' && d.file && at(d.line));
      const theirs = out.filter((l) => l.startsWith(`${join(dir, f.name)}:`) && !/is not executable/.test(l))
        .filter((l) => f.line === undefined || l.startsWith(`${join(dir, f.name)}:${f.line}:`));
      const fatal = out.some((l) => l.startsWith(`Unit ${f.name} has a bad unit file setting`) || l.startsWith(`Unit ${f.name} failed to load properly`));
      return { name: f.name, systemd: theirs.map((l) => l.slice(join(dir, f.name).length)), tsd: mine.map((d) => `:${d.line ?? ''}: ${d.message}`), systemdFatal: fatal, tsdFatal: u.loadState !== 'loaded' };
    });
  }

  it.runIf(have252)('flags the same directive values as systemd', () => {
    const files = ORACLE_CASES.map(([section, key, value], i) => {
      const text = section === 'Unit' ? `[Unit]\nDescription=t\n${key}=${value}\n[Service]\nExecStart=/bin/true\n`
        : section === 'Install' ? `[Service]\nExecStart=/bin/true\n[Install]\n${key}=${value}\n`
        : `[Unit]\nDescription=t\n[Service]\nExecStart=/bin/true\n${key}=${value}\n`;
      return { name: `oracle${i}.service`, text, line: section === 'Unit' ? 3 : section === 'Install' ? 4 : 5, label: `${section}.${key}=${value}` };
    });
    const results = runBoth(files);
    const disagreements = results
      .map((r, i) => ({ ...r, label: files[i]!.label }))
      .filter((r) => !ORACLE_DEVIATIONS[r.label])
      .filter((r) => (r.systemd.length > 0) !== (r.tsd.length > 0) || r.systemdFatal !== r.tsdFatal)
      .map((r) => `${r.label}\n  systemd${r.systemdFatal ? ' [fatal]' : ''}: ${r.systemd.join(' | ')}\n  tsd${r.tsdFatal ? ' [fatal]' : ''}: ${r.tsd.join(' | ')}`);
    expect(disagreements).toEqual([]);
  }, 120_000);

  it.runIf(have252)('lists unit files with the states `systemctl --root list-unit-files` shows', () => {
    fetchPackages();
    // The Debian units as installed, then what deb-systemd-helper and an admin would add.
    const t = mkdtempSync(join(tmpdir(), 'tsd-enabled-'));
    mkdirSync(join(t, 'lib/systemd'), { recursive: true });
    execFileSync('cp', ['-a', join(root, 'lib/systemd/system'), join(t, 'lib/systemd/')]);
    const etc = join(t, 'etc/systemd/system');
    const links: Array<[string, string]> = [
      ['multi-user.target.wants/nginx.service', '/lib/systemd/system/nginx.service'],
      ['multi-user.target.wants/ssh.service', '/lib/systemd/system/ssh.service'],
      ['sshd.service', '/lib/systemd/system/ssh.service'],
      ['cron.service', '/dev/null'],
      ['timers.target.wants/logrotate.timer', '/lib/systemd/system/logrotate.timer'],
      ['multi-user.target.wants/postgresql@15-main.service', '/lib/systemd/system/postgresql@.service'],
      ['redis.service', '/lib/systemd/system/redis-server.service'],
      ['sockets.target.wants/ssh.socket', '/lib/systemd/system/ssh.socket'],
    ];
    for (const [link, target] of links) {
      mkdirSync(join(etc, link, '..'), { recursive: true });
      execFileSync('ln', ['-s', target, join(etc, link)]);
    }
    writeFileSync(join(etc, 'local.service'), '[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n');
    writeFileSync(join(etc, 'indirect.service'), '[Service]\nExecStart=/bin/true\n[Install]\nAlso=local.service\n');
    const theirs = execFileSync('systemctl', ['--root', t, 'list-unit-files', '--no-pager', '--no-legend'], { encoding: 'utf8', env: { ...process.env, SYSTEMD_OFFLINE: '1' } })
      .split('\n').filter(Boolean).map((l) => l.split(/\s+/).slice(0, 2).join(' ')).sort();
    const ours = new UnitLoader({ root: t }).listUnitFiles().map((f) => `${f.name} ${f.state}`).sort();
    expect(theirs.length).toBeGreaterThan(150);
    expect(ours).toEqual(theirs);
  }, 120_000);

  it.runIf(have252)('parses whole files like systemd (syntax, headers, service checks)', () => {
    const results = runBoth(ORACLE_FILES.map((text, i) => ({ name: `syntax${i}.service`, text })));
    const disagreements = results
      .filter((r) => r.systemd.map((l) => l.split(':')[1]).join(',') !== r.tsd.map((l) => l.split(':')[1]).join(',') || r.systemdFatal !== r.tsdFatal)
      .map((r) => `${r.name}: ${JSON.stringify(ORACLE_FILES[Number(r.name.slice(6, -8))])}\n  systemd: ${r.systemd.join(' | ')}\n  tsd: ${r.tsd.join(' | ')}`);
    expect(disagreements).toEqual([]);
  }, 120_000);
});
