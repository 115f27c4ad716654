import { describe, expect, it } from 'vitest';
import { UnitLoader, resolveSearchPath } from '../../src/units/loader.js';
import { unitTree } from './unit-tree.js';

const SPEC = { hostname: 'box', machineId: 'm1', bootId: 'b1' };
const svc = (body: string): string => `[Unit]\nDescription=test\n[Service]\n${body}\n`;

function loader(files: Record<string, string | { link: string }>, dirs = ['etc', 'lib'], enabled: string[] = []): { l: UnitLoader; root: string } {
  const root = unitTree(files);
  return { l: new UnitLoader({ searchPath: dirs.map((d) => `${root}/${d}`), installEnabledDirs: enabled.map((d) => `${root}/${d}`), specifiers: SPEC }), root };
}

describe('resolveSearchPath', () => {
  it('defaults to systemd\'s system path', () => {
    expect(resolveSearchPath({})).toEqual(['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system']);
  });
  it('--unit-path wins and may be colon-separated and repeated', () => {
    expect(resolveSearchPath({ SYSTEMD_UNIT_PATH: '/x' }, ['/a:/b', '/c'])).toEqual(['/a', '/b', '/c']);
  });
  it('SYSTEMD_UNIT_PATH with a trailing ":" appends the defaults', () => {
    expect(resolveSearchPath({ SYSTEMD_UNIT_PATH: '/x:/y' })).toEqual(['/x', '/y']);
    expect(resolveSearchPath({ SYSTEMD_UNIT_PATH: '/x:' })[0]).toBe('/x');
    expect(resolveSearchPath({ SYSTEMD_UNIT_PATH: '/x:' })).toHaveLength(6);
  });
});

describe('UnitLoader', () => {
  it('loads a service with defaults and default dependencies', () => {
    const { l } = loader({ 'lib/a.service': svc('ExecStart=/bin/true') });
    const u = l.load('a.service');
    expect(u.loadState).toBe('loaded');
    expect(u.service).toMatchObject({ type: 'simple', restart: 'no', guessMainPID: true });
    expect(u.kill).toMatchObject({ killMode: 'control-group', killSignal: 15, finalKillSignal: 9, watchdogSignal: 6, sendSIGKILL: true, sendSIGHUP: false });
    expect(u.exec).toMatchObject({ standardInput: 'null', standardOutput: 'journal', standardError: 'inherit', syslogLevel: 6 });
    expect(u.unit.requires).toEqual(['sysinit.target']);
    expect(u.unit.after).toEqual(['sysinit.target', 'basic.target']);
    expect(u.unit.conflicts).toEqual(['shutdown.target']);
    expect(u.unit.before).toEqual(['shutdown.target']);
  });

  it('DefaultDependencies=no adds nothing', () => {
    const { l } = loader({ 'lib/a.service': '[Unit]\nDefaultDependencies=no\n[Service]\nExecStart=/bin/true\n' });
    expect(l.load('a.service').unit).toMatchObject({ requires: [], after: [], before: [], conflicts: [] });
  });

  it('never throws for unknown names and reports not-found', () => {
    const { l } = loader({});
    expect(l.load('nope.service')).toMatchObject({ loadState: 'not-found', loadError: 'Unit nope.service not found.' });
    expect(l.load('bad name')).toMatchObject({ loadState: 'not-found' });
  });

  it('higher-precedence directories win', () => {
    const { l } = loader({ 'etc/a.service': svc('ExecStart=/bin/etc'), 'lib/a.service': svc('ExecStart=/bin/lib') });
    expect(l.load('a.service').service!.execStart[0]!.path).toBe('/bin/etc');
  });

  it('masks: symlink to /dev/null and empty files', () => {
    const { l } = loader({ 'etc/a.service': { link: '/dev/null' }, 'lib/a.service': svc('ExecStart=/bin/true'), 'lib/b.service': '' });
    expect(l.load('a.service').loadState).toBe('masked');
    expect(l.load('b.service').loadState).toBe('masked');
  });

  it('symlink aliases load the target under its own name with all names', () => {
    const { l } = loader({ 'lib/ssh.service': svc('ExecStart=/usr/sbin/sshd -D'), 'etc/sshd.service': { link: '../lib/ssh.service' } });
    const u = l.load('sshd.service');
    expect(u.name).toBe('ssh.service');
    expect(u.names).toEqual(['ssh.service', 'sshd.service']);
    expect(l.load('ssh.service')).toBe(u);
  });

  it('instantiates templates with %i and %I', () => {
    const { l } = loader({ 'lib/postgresql@.service': svc('Type=forking\nExecStart=/usr/bin/pg_ctlcluster --skip-systemctl-redirect %i start\nPIDFile=/run/postgresql/%i.pid\nEnvironment=CLUSTER=%I') });
    const u = l.load('postgresql@15-main.service');
    expect(u).toMatchObject({ name: 'postgresql@15-main.service', template: 'postgresql@.service', instance: '15-main' });
    expect(u.service!.execStart[0]!.argv).toEqual(['/usr/bin/pg_ctlcluster', '--skip-systemctl-redirect', '15-main', 'start']);
    expect(u.service!.pidFile).toBe('/run/postgresql/15-main.pid');
    expect(u.exec!.environment).toEqual([['CLUSTER', '15/main']]);
  });

  it('applies drop-ins sorted by name; same name in a higher directory overrides', () => {
    const { l } = loader({
      'lib/a.service': svc('ExecStart=/bin/a\nRestart=no'),
      'lib/a.service.d/10-x.conf': '[Service]\nRestart=always\n',
      'etc/a.service.d/10-x.conf': '[Service]\nRestart=on-failure\n',
      'lib/a.service.d/20-y.conf': '[Service]\nExecStart=\nExecStart=/bin/b\n',
      'lib/service.d/05-type.conf': '[Service]\nRestartSec=7\n',
    });
    const u = l.load('a.service');
    expect(u.service!.restart).toBe('on-failure');
    expect(u.service!.restartSec).toBe(7000);
    expect(u.service!.execStart.map((c) => c.path)).toEqual(['/bin/b']);
    expect(u.dropInPaths.map((p) => p.replace(/.*\/(etc|lib)\//, '$1/'))).toEqual(['lib/service.d/05-type.conf', 'etc/a.service.d/10-x.conf', 'lib/a.service.d/20-y.conf']);
  });

  it('an empty dependency value in a drop-in keeps the list; Environment=/Condition*=/Documentation= reset', () => {
    // systemd 252 (`systemd --test`): "After=" and "Wants=" add nothing, the other lists empty.
    const { l } = loader({
      'lib/a.service': '[Unit]\nAfter=x.service\nWants=y.service\nRequires=z.service\nDocumentation=man:a(1)\nConditionPathExists=/etc\n[Service]\nExecStart=/bin/true\nEnvironment=A=1\n',
      'lib/a.service.d/r.conf': '[Unit]\nAfter=\nWants=\nRequires=\nDocumentation=\nConditionPathExists=\n[Service]\nEnvironment=\n',
    });
    const u = l.load('a.service');
    expect(u.unit.after).toContain('x.service');
    expect(u.unit.wants).toEqual(['y.service']);
    expect(u.unit.requires).toContain('z.service');
    expect(u.unit.documentation).toEqual([]);
    expect(u.unit.conditions).toEqual([]);
    expect(u.exec!.environment).toEqual([]);
    expect(l.diagnostics).toEqual([]);
  });

  it('reads template and prefix drop-ins', () => {
    const { l } = loader({
      'lib/foo-bar@.service': svc('ExecStart=/bin/x'),
      'lib/foo-bar@.service.d/a.conf': '[Service]\nRestart=always\n',
      'lib/foo-.service.d/b.conf': '[Unit]\nDescription=prefixed\n',
    });
    const u = l.load('foo-bar@one.service');
    expect(u.service!.restart).toBe('always');
    expect(u.unit.description).toBe('prefixed');
  });

  it('merges .wants/ and .requires/ directories', () => {
    const { l } = loader({
      'lib/a.service': svc('ExecStart=/bin/a'),
      'lib/b.service': svc('ExecStart=/bin/b'),
      'etc/multi-user.target.wants/a.service': { link: '../../lib/a.service' },
      'etc/multi-user.target.requires/b.service': { link: '../../lib/b.service' },
    });
    const t = l.load('multi-user.target');
    expect(t.builtin).toBe(true);
    expect(t.unit.wants).toContain('a.service');
    expect(t.unit.requires).toEqual(['basic.target', 'b.service']);
    // targets are ordered after what they pull in
    expect(t.unit.after).toEqual(expect.arrayContaining(['basic.target', 'a.service', 'b.service']));
  });

  it('enables units of installEnabledDirs by [Install]', () => {
    const { l } = loader({
      'units/web.service': svc('ExecStart=/bin/web') + '[Install]\nWantedBy=multi-user.target\nAlias=www.service\n',
      'units/db.service': svc('ExecStart=/bin/db') + '[Install]\nRequiredBy=web.service\n',
      'units/getty@.service': svc('ExecStart=/sbin/agetty %I') + '[Install]\nWantedBy=getty.target\nDefaultInstance=tty1\n',
      'units/static.service': svc('ExecStart=/bin/s'),
    }, ['units'], ['units']);
    expect(l.load('default.target').unit.wants).toEqual(['web.service']);
    expect(l.load('web.service').unit.requires).toContain('db.service');
    expect(l.load('www.service').name).toBe('web.service');
    expect(l.load('getty.target').unit.wants).toEqual(['getty@tty1.service']);
    expect(l.listUnitFiles().map((f) => `${f.name}:${f.state}`)).toEqual(['db.service:enabled', 'getty@.service:enabled', 'static.service:static', 'web.service:enabled']);
  });

  it('Alias= of an enabled template aliases the template: foo@x keeps its name, bar@x is foo@x', () => {
    const { l } = loader({
      'units/foo@.service': svc('ExecStart=/bin/foo %i') + '[Install]\nWantedBy=multi-user.target\nDefaultInstance=x\nAlias=bar@.service\n',
    }, ['units'], ['units']);
    const u = l.load('foo@x.service');
    expect(u.names).toEqual(['foo@x.service', 'bar@x.service']);
    expect(l.load('bar@x.service')).toBe(u);
    expect(l.load('bar@z.service').name).toBe('foo@z.service');
    expect(l.load('multi-user.target').unit.wants).toEqual(['foo@x.service']);
  });

  it('an instance linked to a template (systemctl enable foo@y.service) is that instance', () => {
    const { l } = loader({
      'lib/foo@.service': svc('ExecStart=/bin/foo %i'),
      'etc/bar@y.service': { link: '../lib/foo@.service' },
      'etc/multi-user.target.wants/foo@y.service': { link: '../../lib/foo@.service' },
    });
    const u = l.load('bar@y.service');
    expect(u.name).toBe('foo@y.service');
    expect(u.names).toEqual(['foo@y.service', 'bar@y.service']);
    expect(u.service!.execStart[0]!.argv).toEqual(['/bin/foo', 'y']);
    expect(l.load('foo@y.service')).toBe(u);
  });

  it('synthesises the special targets with their dependencies', () => {
    const { l } = loader({});
    expect(l.load('default.target').name).toBe('multi-user.target');
    expect(l.load('multi-user.target').unit).toMatchObject({ requires: ['basic.target'], conflicts: ['rescue.target', 'shutdown.target'] });
    expect(l.load('basic.target').unit.requires).toEqual(['sysinit.target']);
    expect(l.load('poweroff.target').unit.requires).toEqual(['shutdown.target', 'umount.target', 'final.target']);
    expect(l.load('network-online.target').unit).toMatchObject({ requires: [], after: ['network.target'] });
    expect(l.load('sysinit.target').unit).toMatchObject({ wants: ['local-fs.target', 'swap.target'], conflicts: ['emergency.target', 'shutdown.target'], before: ['emergency.target', 'shutdown.target'] });
    expect(l.load('timers.target').unit).toMatchObject({ defaultDependencies: false, conflicts: ['shutdown.target'], before: [] });
    expect(l.load('syslog.socket').loadState).toBe('not-found');
  });

  it('reports unknown keys and bad values with file:line, and loads the rest', () => {
    const { l, root } = loader({ 'lib/a.service': svc('ExecStart=/bin/a\nFoo=1\nRestart=sometimes\nTimeoutStopSec=5x\nKillSignal=SIGFOO\nUser=www-data') });
    const u = l.load('a.service');
    expect(u.loadState).toBe('loaded');
    expect(u.exec!.user).toBe('www-data');
    const msgs = l.diagnostics.map((d) => `${d.file!.slice(root.length)}:${d.line}: ${d.message}`);
    expect(msgs).toEqual([
      "/lib/a.service:5: Unknown key 'Foo' in section [Service], ignoring.",
      "/lib/a.service:6: Failed to parse Restart= value 'sometimes' (not a valid restart setting), ignoring.",
      "/lib/a.service:7: Failed to parse TimeoutStopSec= value '5x' (not a valid time span), ignoring.",
      "/lib/a.service:8: Failed to parse KillSignal= value 'SIGFOO' (not a valid signal), ignoring.",
    ]);
  });

  it('refuses services systemd refuses', () => {
    const { l } = loader({ 'lib/a.service': svc('Type=simple'), 'lib/b.service': svc('ExecStart=/bin/a\nExecStart=/bin/b'), 'lib/c.service': svc('Type=oneshot\nExecStart=/bin/a\nExecStart=/bin/b') });
    expect(l.load('a.service')).toMatchObject({ loadState: 'bad-setting' });
    expect(l.load('b.service').loadError).toMatch(/more than one ExecStart=/);
    expect(l.load('c.service').loadState).toBe('loaded');
  });

  it('is a pure function of the files', () => {
    const files = { 'lib/ssh.service': svc('ExecStart=/bin/sshd'), 'etc/sshd.service': { link: '../lib/ssh.service' }, 'etc/multi-user.target.wants/ssh.service': { link: '../../lib/ssh.service' } };
    const { l, root } = loader(files);
    const a = l.load('sshd.service');
    const b = new UnitLoader({ searchPath: [`${root}/etc`, `${root}/lib`], specifiers: SPEC });
    b.load('multi-user.target');
    expect(b.load('ssh.service')).toEqual(a);
  });
});

describe('UnitLoader: aliases to built-in units and user names', () => {
  it('a default.target symlink to a target without a file reaches the built-in one', () => {
    const { l } = loader({ 'etc/default.target': { link: '/lib/systemd/system/graphical.target' } });
    const u = l.load('default.target');
    expect(u).toMatchObject({ name: 'graphical.target', builtin: true });
    expect(u.names).toEqual(['graphical.target', 'default.target']);
    expect(l.load('multi-user.target').names).toEqual(['multi-user.target']);
  });

  it('a dangling symlink to a missing unit is not-found', () => {
    const { l } = loader({ 'etc/x.service': { link: '/nowhere/y.service' } });
    expect(l.load('x.service')).toMatchObject({ name: 'y.service', loadState: 'not-found' });
  });

  it('drop-ins of an alias name apply to the unit; a masked drop-in hides same-named ones', () => {
    const { l } = loader({
      'lib/ssh.service': svc('ExecStart=/usr/sbin/sshd -D'),
      'etc/sshd.service': { link: '../lib/ssh.service' },
      'lib/sshd.service.d/a.conf': '[Service]\nRestart=always\n',
      'lib/ssh.service.d/b.conf': '[Service]\nRestartSec=9\n',
      'etc/ssh.service.d/b.conf': { link: '/dev/null' },
    });
    const u = l.load('ssh.service');
    expect(u.service!.restart).toBe('always');
    expect(u.service!.restartSec).toBeUndefined();
  });

  it('the most specific drop-in directory wins for the same file name', () => {
    const files: Record<string, string> = { 'lib/a-b-c.service': svc('ExecStart=/bin/x') };
    for (const d of ['service.d', 'a-.service.d', 'a-b-.service.d', 'a-b-c.service.d']) files[`lib/${d}/override.conf`] = `[Unit]\nDescription=${d}\n`;
    const { l } = loader(files);
    const u = l.load('a-b-c.service');
    expect(u.unit.description).toBe('a-b-c.service.d');
    expect(u.dropInPaths).toHaveLength(1);
  });

  it('drop-in directories are searched as systemd 252 does: name dirs in every directory, then aliases, then the type', () => {
    // The order `systemd --test` applies for one file name found in every candidate directory.
    const order = [
      'etc/foo-bar@a.service.d', 'etc/foo-bar@.service.d', 'etc/foo-.service.d', 'etc/foo-@a.service.d', 'etc/foo-@.service.d',
      'lib/foo-bar@a.service.d', 'lib/foo-bar@.service.d', 'lib/foo-.service.d', 'lib/foo-@a.service.d', 'lib/foo-@.service.d',
      'etc/service.d', 'lib/service.d',
    ];
    for (let i = 0; i < order.length; i++) {
      const files: Record<string, string> = { 'lib/foo-bar@.service': svc('ExecStart=/bin/x') };
      for (const d of order.slice(i)) files[`${d}/same.conf`] = `[Unit]\nDescription=${d}\n`;
      const { l } = loader(files);
      const u = l.load('foo-bar@a.service');
      expect(u.unit.description).toBe(order[i]);
      expect(u.dropInPaths).toHaveLength(1);
    }
  });

  it('an alias\'s drop-in directories come after every directory of the unit\'s own name', () => {
    const order = ['etc/foo-bar.service.d', 'etc/foo-.service.d', 'lib/foo-bar.service.d', 'lib/foo-.service.d',
      'etc/baz-q.service.d', 'etc/baz-.service.d', 'lib/baz-q.service.d', 'lib/baz-.service.d', 'etc/service.d', 'lib/service.d'];
    for (let i = 0; i < order.length; i++) {
      const files: Record<string, string | { link: string }> = { 'lib/foo-bar.service': svc('ExecStart=/bin/x'), 'etc/baz-q.service': { link: '../lib/foo-bar.service' } };
      for (const d of order.slice(i)) files[`${d}/same.conf`] = `[Unit]\nDescription=${d}\n`;
      const { l } = loader(files);
      expect(l.load('baz-q.service').unit.description).toBe(order[i]);
    }
  });

  it('a masked template masks its instances; an instance file beats the template', () => {
    const { l } = loader({
      'lib/t@.service': svc('ExecStart=/bin/t %i'),
      'lib/t@special.service': svc('ExecStart=/bin/special'),
      'lib/m@.service': svc('ExecStart=/bin/m'),
      'etc/m@.service': { link: '/dev/null' },
    });
    expect(l.load('t@special.service').service!.execStart[0]!.path).toBe('/bin/special');
    expect(l.load('t@x.service').service!.execStart[0]!.argv).toEqual(['/bin/t', 'x']);
    expect(l.load('m@x.service').loadState).toBe('masked');
  });

  it('template .wants directories are instantiated', () => {
    const { l } = loader({
      'lib/a@.service': svc('ExecStart=/bin/a'),
      'lib/a@.service.wants/helper@.service': { link: '../helper@.service' },
      'lib/helper@.service': svc('ExecStart=/bin/h'),
    });
    expect(l.load('a@one.service').unit.wants).toEqual(['helper@one.service']);
  });

  it('.wants/ and .requires/ entries: masks, type and prefix directories, templates, non-links (systemd 252)', () => {
    const { l } = loader({
      'lib/foo-bar.service': svc('ExecStart=/bin/x'),
      'lib/w1.service': svc('ExecStart=/bin/w1'),
      'lib/w2.service': svc('ExecStart=/bin/w2'),
      'lib/h@.service': svc('ExecStart=/bin/h'),
      // a /dev/null link in a higher directory masks the same name in a lower one
      'lib/foo-bar.service.wants/w1.service': { link: '../w1.service' },
      'etc/foo-bar.service.wants/w1.service': { link: '/dev/null' },
      // "service.wants/" applies to every service, "foo-.service.wants/" to foo-*.service
      'lib/service.wants/w2.service': { link: '../w2.service' },
      'lib/foo-.service.requires/w1.service': { link: '../w1.service' },
      // a template entry takes the unit's prefix when the unit has no instance
      'lib/foo-bar.service.wants/h@.service': { link: '../h@.service' },
      // a plain file is not a dependency link
      'lib/foo-bar.service.requires/w2.service': svc('ExecStart=/bin/w2'),
    });
    const u = l.load('foo-bar.service');
    expect(u.unit.wants.sort()).toEqual(['h@foo-bar.service', 'w2.service']);
    expect(u.unit.requires.sort()).toEqual(['sysinit.target', 'w1.service']);
    // w2.service does not want itself
    expect(l.load('w2.service').unit.wants).toEqual([]);
    expect(l.diagnostics.map((d) => d.message.replace(/\/tmp\/[^ ]*\/(etc|lib)\//, '$1/'))).toEqual([
      'Wants dependency dropin lib/foo-bar.service.wants/h@.service target ../h@.service has different name',
      'Requires dependency dropin lib/foo-bar.service.requires/w2.service is not a symlink, ignoring.',
    ]);
  });

  it('keeps informational notes out of the boot log unless asked', () => {
    const files = { 'lib/a.service': '[Unit]\nRequiresMountsFor=/var\n[Service]\nExecStart=/bin/a\nPermissionsStartOnly=yes\n' };
    const quiet = loader(files).l;
    quiet.load('a.service');
    expect(quiet.diagnostics).toEqual([]);
    const root = unitTree(files);
    const verbose = new UnitLoader({ searchPath: [`${root}/lib`], notes: true, specifiers: SPEC });
    verbose.load('a.service');
    expect(verbose.diagnostics.map((d) => d.code)).toEqual(['ignored', 'deprecated']);
  });
});

describe('UnitLoader: implied Type=', () => {
  it('is dbus with BusName=, oneshot without ExecStart=, else simple', () => {
    const { l } = loader({
      'lib/bus.service': '[Service]\nBusName=org.example.Foo\nExecStart=/bin/foo\n',
      'lib/once.service': '[Service]\nExecStop=/bin/foo\nRemainAfterExit=yes\n',
      'lib/plain.service': '[Service]\nExecStart=/bin/foo\n',
      'lib/explicit.service': '[Service]\nType=notify\nBusName=org.example.Foo\nExecStart=/bin/foo\n',
    });
    expect(l.load('bus.service').service!.type).toBe('dbus');
    expect(l.load('bus.service').unit.requires).toContain('dbus.socket');
    expect(l.load('once.service')).toMatchObject({ loadState: 'loaded', service: { type: 'oneshot' } });
    expect(l.load('plain.service').service!.type).toBe('simple');
    expect(l.load('explicit.service').service!.type).toBe('notify');
  });
});

describe('UnitLoader: mount, automount and swap checks (systemd 252)', () => {
  const load = (files: Record<string, string>, name: string) => loader(Object.fromEntries(Object.entries(files).map(([k, v]) => [`lib/${k}`, v]))).l.load(name);
  it.each([
    ['mnt-x.mount', '[Mount]\nWhere=/mnt/x\n', 'What= setting is missing. Refusing.'],
    ['mnt-data.mount', '[Mount]\nWhat=/dev/sda1\nWhere=/mnt/other\n', 'Where= setting doesn\'t match unit name. Refusing.'],
    ['run.mount', '[Mount]\nWhat=/dev/a\nWhere=/run\n', 'Cannot create mount unit for API file system /run. Refusing.'],
    ['sys-fs-cgroup-x.mount', '[Mount]\nWhat=/dev/a\n', 'Cannot create mount unit for API file system /sys/fs/cgroup/x. Refusing.'],
    ['mnt-b.automount', '[Automount]\nWhere=/mnt/other\n', 'Where= setting doesn\'t match unit name. Refusing.'],
    ['dev-sdy.swap', '[Swap]\nWhat=/dev/sdz\n', 'Value of What= and unit name do not match, not loading.'],
  ])('%s is refused', (name, text, message) => {
    const u = load({ [name]: text }, name);
    expect(u).toMatchObject({ loadState: 'bad-setting', loadError: message });
  });

  it.each([
    // no Where=: the unit name's path; "//" and trailing slashes simplified
    ['mnt-y.mount', '[Mount]\nWhat=/dev/sdb\n'],
    ['mnt-v.mount', '[Mount]\nWhat=/x\nWhere=/mnt//v/\n'],
    // an unusable Where= is ignored with a warning, and the name's path used
    ['u.mount', '[Mount]\nWhat=/x\nWhere=/mnt/../u\n'],
    ['mnt-c.automount', '[Automount]\n'],
    ['dev-sdq.swap', '[Swap]\n'],
    ['swapfile.swap', '[Swap]\nWhat=/swapfile\n'],
  ])('%s loads', (name, text) => {
    expect(load({ [name]: text }, name).loadState).toBe('loaded');
  });

  it('an automount of / fails to load as in systemd (no parent directory)', () => {
    expect(load({ 'mnt-a.automount': '[Automount]\nWhere=/\n' }, 'mnt-a.automount')).toMatchObject({
      loadState: 'error',
      loadError: 'Unit mnt-a.automount failed to load properly, please adjust/correct and reload service manager: Cannot assign requested address',
    });
  });
});

describe('UnitLoader: sections of each type', () => {
  it('[Target] belongs to targets (systemd 252): its keys are unknown keys, not an unknown section', () => {
    const { l } = loader({ 'lib/x.target': '[Unit]\nDescription=x\n[Target]\nFoo=1\nno equals\n[Weird]\nnot read\n' });
    expect(l.load('x.target').loadState).toBe('loaded');
    expect(l.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      "5: Missing '=', ignoring line.",
      "6: Unknown section 'Weird'. Ignoring.",
      "4: Unknown key 'Foo' in section [Target], ignoring.",
    ]);
  });
});

describe('UnitLoader: socket addresses', () => {
  it('ListenStream= takes what socket_address_parse() takes', () => {
    const { l } = loader({ 'lib/s.socket': '[Socket]\nListenStream=80\nListenStream=[::]:443\nListenStream=0.0.0.0:99999\nListenStream=/\nListenDatagram=010\n' });
    expect(l.load('s.socket').loadState).toBe('loaded');
    // as systemd-analyze verify: lines 4 (port out of range) and 5 ("/"); "010" is port 8
    expect(l.diagnostics.map((d) => d.line)).toEqual([4, 5]);
  });
});

describe('UnitLoader: broken links', () => {
  it('a symlink loop gives not-found units, not a crash', () => {
    const { l } = loader({ 'etc/a.service': { link: 'b.service' }, 'etc/b.service': { link: 'a.service' } });
    const a = l.load('a.service');
    expect(['not-found']).toContain(a.loadState);
    expect(l.diagnostics.filter((d) => /Internal error/.test(d.message))).toEqual([]);
  });
});

describe('directives tsd accepts but does not act on yet', () => {
  it('warns once per unit and directive, with file:line, and about standard streams it cannot connect', () => {
    const { l, root } = loader({ 'lib/a.service': svc('ExecStart=/bin/true\nWatchdogSec=5\nWatchdogSec=6\nStandardInput=data\nStandardOutput=socket\nStandardError=journal') });
    l.load('a.service');
    const mine = l.diagnostics.filter((d) => d.code === 'unsupported').map((d) => `${d.file?.slice(root.length)}:${d.line}: ${d.message}`);
    expect(mine).toEqual([
      '/lib/a.service:5: Support for option WatchdogSec= is not implemented in tsd yet and it is ignored (WATCHDOG_USEC is not set, and a service that stops sending WATCHDOG=1 is not stopped).',
      '/lib/a.service:7: StandardInput=data is not supported by tsd yet; the service reads /dev/null.',
      '/lib/a.service:8: StandardOutput=socket is not supported by tsd yet; the output goes to the journal.',
    ]);
  });
});

describe('unknown sections', () => {
  it('are reported at every header that opens one, as systemd does', () => {
    const { l, root } = loader({ 'lib/r.service': '[Unit]\n[Foo]\na=1\n[Foo]\nb=2\n[Service]\nExecStart=/bin/true\n' });
    l.load('r.service');
    expect(l.diagnostics.filter((d) => d.code === 'unknown-section').map((d) => `${d.file?.slice(root.length)}:${d.line}: ${d.message}`))
      .toEqual(["/lib/r.service:2: Unknown section 'Foo'. Ignoring.", "/lib/r.service:4: Unknown section 'Foo'. Ignoring."]);
  });
});
