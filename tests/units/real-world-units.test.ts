// The tricky cases of /work/shared/reference/unit-files-in-the-wild.md, loaded end to end.
import { describe, expect, it } from 'vitest';
import { UnitLoader } from '../../src/units/loader.js';
import { expandExecArgv } from '../../src/units/exec-line.js';
import { unitTree } from './unit-tree.js';

function load(files: Record<string, string>, name: string) {
  const root = unitTree(files);
  const l = new UnitLoader({ searchPath: [`${root}/etc`, `${root}/lib`], specifiers: { hostname: 'h' } });
  return { u: l.load(name), l };
}

describe('real-world unit files', () => {
  it('nginx: a ";" inside quotes is part of the argument', () => {
    const { u } = load({ 'lib/nginx.service': "[Service]\nType=forking\nExecStartPre=/usr/sbin/nginx -t -q -g 'daemon on; master_process on;'\nExecStart=/usr/sbin/nginx -g 'daemon on; master_process on;'\n" }, 'nginx.service');
    expect(u.service!.execStartPre[0]!.argv).toEqual(['/usr/sbin/nginx', '-t', '-q', '-g', 'daemon on; master_process on;']);
  });

  it('amavis: "\\;" is a literal argument, "-" ignores failure', () => {
    const { u } = load({ 'lib/amavis.service': "[Service]\nExecStart=/usr/sbin/amavisd foreground\nExecStartPre=-/usr/bin/find /var/lib/amavis -maxdepth 1 -name 'amavis-*' -type d -exec rm -rf \"{}\" \\;\n" }, 'amavis.service');
    const c = u.service!.execStartPre[0]!;
    expect(c.ignoreFailure).toBe(true);
    expect(c.argv).toEqual(['/usr/bin/find', '/var/lib/amavis', '-maxdepth', '1', '-name', 'amavis-*', '-type', 'd', '-exec', 'rm', '-rf', '{}', ';']);
  });

  it('mariadb: a continued sh -c keeps its literal $VARs for the shell', () => {
    const text = [
      '[Service]', 'Type=notify',
      'ExecStart=/bin/sh -c "set -f; [ ! -e /usr/bin/galera_recovery ] && VAR= || \\',
      '# a comment inside the continuation',
      ' VAR=`/usr/bin/galera_recovery`; [ $? -eq 0 ] || exit 1; \\',
      ' exec /usr/sbin/mariadbd $MYSQLD_OPTS $_WSREP_NEW_CLUSTER $VAR"', '',
    ].join('\n');
    const { u } = load({ 'lib/mariadb.service': text }, 'mariadb.service');
    const argv = u.service!.execStart[0]!.argv;
    expect(argv).toHaveLength(3);
    expect(argv[2]).toBe('set -f; [ ! -e /usr/bin/galera_recovery ] && VAR= ||   VAR=`/usr/bin/galera_recovery`; [ $? -eq 0 ] || exit 1;   exec /usr/sbin/mariadbd $MYSQLD_OPTS $_WSREP_NEW_CLUSTER $VAR');
    expect(expandExecArgv(argv, { MYSQLD_OPTS: 'x' })).toEqual(argv);
  });

  it('haproxy: multi-assignment Environment= and the split $EXTRAOPTS', () => {
    const { u } = load({ 'lib/haproxy.service': '[Service]\nEnvironment="CONFIG=/etc/haproxy/haproxy.cfg" "PIDFILE=/run/haproxy.pid" "EXTRAOPTS=-S /run/haproxy-master.sock"\nExecStart=/usr/sbin/haproxy -Ws -f $CONFIG -p $PIDFILE $EXTRAOPTS\n' }, 'haproxy.service');
    const env = Object.fromEntries(u.exec!.environment);
    expect(expandExecArgv(u.service!.execStart[0]!.argv, env)).toEqual(['/usr/sbin/haproxy', '-Ws', '-f', '/etc/haproxy/haproxy.cfg', '-p', '/run/haproxy.pid', '-S', '/run/haproxy-master.sock']);
  });

  it('cron: an unset $EXTRA_OPTS disappears; EnvironmentFile "-" is optional', () => {
    const { u } = load({ 'lib/cron.service': '[Service]\nEnvironmentFile=-/etc/default/cron\nExecStart=/usr/sbin/cron -f $EXTRA_OPTS\nKillMode=process\n' }, 'cron.service');
    expect(u.exec!.environmentFiles).toEqual([{ path: '/etc/default/cron', optional: true }]);
    expect(expandExecArgv(u.service!.execStart[0]!.argv, {})).toEqual(['/usr/sbin/cron', '-f']);
    expect(u.kill!.killMode).toBe('process');
  });

  it('postgresql@: %i and %I', () => {
    const { u } = load({ 'lib/postgresql@.service': '[Unit]\nAssertPathExists=/etc/postgresql/%I/postgresql.conf\n[Service]\nType=forking\nExecStart=-/usr/bin/pg_ctlcluster --skip-systemctl-redirect %i start\nPIDFile=/run/postgresql/%i.pid\nSyslogIdentifier=postgresql@%i\n' }, 'postgresql@15-main.service');
    expect(u.unit.conditions).toEqual([expect.objectContaining({ key: 'AssertPathExists', isAssert: true, value: '/etc/postgresql/15/main/postgresql.conf' })]);
    expect(u.service!.execStart[0]!.argv[2]).toBe('15-main');
    expect(u.exec!.syslogIdentifier).toBe('postgresql@15-main');
  });

  it('mariadb@bootstrap: the drop-in empties condition and command lists', () => {
    const { u } = load({
      'lib/mariadb@.service': '[Unit]\nConditionPathExists=!/etc/mysql/%I.cnf\n[Service]\nType=notify\nExecStartPre=/usr/bin/mariadb-install-db $MYSQLD_MULTI_INSTANCE --rpm\nExecStart=/usr/sbin/mariadbd $MYSQLD_MULTI_INSTANCE $MYSQLD_OPTS\nExecStartPost=!/etc/mysql/debian-start\nRestart=on-abort\nEnvironment=\'MYSQLD_MULTI_INSTANCE=--defaults-group-suffix=.%I\'\n',
      'lib/mariadb@bootstrap.service.d/use_galera_new_cluster.conf': '[Unit]\n\nConditionPathExists=\n\n[Service]\n\nType=oneshot\nRestart=no\n\n# Don\'t\nExecStartPre=\n\nExecStart=\nExecStart=/usr/bin/echo "Please use galera_new_cluster"\nExecStart=/usr/bin/false\n\nExecStartPost=\n',
    }, 'mariadb@bootstrap.service');
    expect(u.loadState).toBe('loaded');
    expect(u.unit.conditions).toEqual([]);
    expect(u.service).toMatchObject({ type: 'oneshot', restart: 'no', execStartPre: [], execStartPost: [] });
    expect(u.service!.execStart.map((c) => c.argv)).toEqual([['/usr/bin/echo', 'Please use galera_new_cluster'], ['/usr/bin/false']]);
    expect(u.exec!.environment).toEqual([['MYSQLD_MULTI_INSTANCE', '--defaults-group-suffix=.bootstrap']]);
  });

  it('redis: the sandboxing settings give exactly one warning', () => {
    const { u, l } = load({ 'lib/redis-server.service': '[Service]\nType=notify\nExecStart=/usr/bin/redis-server /etc/redis/redis.conf\nPrivateTmp=yes\nPrivateDevices=yes\nProtectHome=yes\nReadOnlyDirectories=/\nReadWritePaths=-/var/lib/redis\nNoNewPrivileges=true\nCapabilityBoundingSet=CAP_SYS_RESOURCE\nRestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX\nMemoryDenyWriteExecute=true\nProtectKernelModules=true\nSystemCallFilter=@system-service\nLimitNOFILE=65535\nRuntimeDirectory=redis\nRuntimeDirectoryMode=2755\nUMask=007\n' }, 'redis-server.service');
    expect(u.exec).toMatchObject({ limits: { nofile: { soft: 65535, hard: 65535 } }, runtimeDirectory: ['redis'], runtimeDirectoryMode: 0o2755, umask: 0o7 });
    const warnings = l.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'sandbox', line: 4 });
    expect(warnings[0]!.message).toContain('ReadOnlyDirectories=');
  });

  it('deprecated spellings are accepted: StartLimitInterval in [Service], PermissionsStartOnly', () => {
    const { u } = load({ 'lib/tor.service': '[Service]\nPermissionsStartOnly=yes\nStartLimitInterval=30\nStartLimitBurst=3\nUser=debian-tor\nExecStartPre=/usr/bin/install -d /run/tor\nExecStart=/usr/bin/tor\nExecReload=/bin/kill -HUP $MAINPID\n' }, 'tor.service');
    expect(u.unit).toMatchObject({ startLimitIntervalSec: 30_000, startLimitBurst: 3 });
    expect(u.service!.execStartPre[0]!.fullPrivileges).toBe(true);
    expect(u.service!.execReload[0]!.fullPrivileges).toBe(true);
    expect(u.service!.execStart[0]!.fullPrivileges).toBe(false);
  });

  it('other unit types load and keep their settings raw', () => {
    const { u } = load({ 'lib/logrotate.timer': '[Unit]\nDescription=Daily rotation\n[Timer]\nOnCalendar=daily\nAccuracySec=1h\nPersistent=true\n[Install]\nWantedBy=timers.target\n' }, 'logrotate.timer');
    expect(u.other.Timer!.OnCalendar![0]!.value).toBe('daily');
    expect(u.unit.before).toEqual(['logrotate.service', 'timers.target', 'shutdown.target']);
    expect(u.unit.after).toEqual(['sysinit.target', 'time-set.target', 'time-sync.target']);
    const s = load({ 'lib/ssh.socket': '[Socket]\nListenStream=22\nAccept=yes\nBacklog=nope\n' }, 'ssh.socket');
    expect(s.u.other.Socket!.ListenStream![0]!.value).toBe('22');
    expect(s.l.diagnostics.map((d) => d.message)).toEqual(["Failed to parse Backlog= value 'nope' (not a valid unsigned integer), ignoring."]);
  });

  it('a [Service] section in a .target is an unknown section', () => {
    const { l } = load({ 'lib/x.target': '[Unit]\nDescription=x\n[Service]\nType=simple\n[X-Custom]\nFoo=1\n' }, 'x.target');
    expect(l.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual(["3: Unknown section 'Service'. Ignoring."]);
  });
});
