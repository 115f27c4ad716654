import { describe, expect, it } from 'vitest';
import { expandExecArgv, parseExecLine, resolveExecPath, substituteVariables } from '../../src/units/exec-line.js';
import { encodeText } from '../../src/units/utf8.js';

const argvOf = (line: string): string[][] => parseExecLine(line).commands.map((c) => c.argv);

describe('parseExecLine: quoting, escapes and separators', () => {
  it.each([
    // nginx: the ";" inside quotes belongs to the argument
    ["/usr/sbin/nginx -t -q -g 'daemon on; master_process on;'", [['/usr/sbin/nginx', '-t', '-q', '-g', 'daemon on; master_process on;']]],
    // amavis: "\;" is a literal ";" argument
    ['/usr/bin/find /var/lib/amavis/tmp -mindepth 1 -maxdepth 1 -exec rm -rf "{}" \\;', [['/usr/bin/find', '/var/lib/amavis/tmp', '-mindepth', '1', '-maxdepth', '1', '-exec', 'rm', '-rf', '{}', ';']]],
    // a lone ";" separates commands
    ['/bin/echo a ; /bin/echo b', [['/bin/echo', 'a'], ['/bin/echo', 'b']]],
    ['/bin/echo a; /bin/echo b', [['/bin/echo', 'a;', '/bin/echo', 'b']]],
    ['/bin/echo "a b"c d', [['/bin/echo', 'a bc', 'd']]],
    ['/bin/echo \\x41\\t\\101 "\\n"', [['/bin/echo', 'A\tA', '\n']]],
    ["/bin/echo 'single \"double\" inside'", [['/bin/echo', 'single "double" inside']]],
    ['/bin/sh -c "exec $MYSQLD_OPTS"', [['/bin/sh', '-c', 'exec $MYSQLD_OPTS']]],
    ['sh -c true', [['sh', '-c', 'true']]],
  ])('%s', (line, expected) => {
    expect(argvOf(line)).toEqual(expected);
  });

  it('reads prefixes in any order', () => {
    const [c] = parseExecLine('-+/bin/true').commands;
    expect(c).toMatchObject({ path: '/bin/true', ignoreFailure: true, fullPrivileges: true });
    const [d] = parseExecLine(':-!!/bin/true').commands;
    expect(d).toMatchObject({ ignoreFailure: true, ambientFallback: true, noEnvironmentExpansion: true, noSetuid: false });
    const [e] = parseExecLine('!/bin/true').commands;
    expect(e).toMatchObject({ noSetuid: true });
  });

  it('"@" makes the second word argv[0]', () => {
    const [c] = parseExecLine('@/usr/sbin/daemon my-daemon --flag').commands;
    expect(c).toMatchObject({ path: '/usr/sbin/daemon', argv: ['my-daemon', '--flag'] });
  });

  it.each([
    ['bin/foo', 'Neither a valid executable name nor an absolute path: bin/foo', false],
    ['-bin/foo', 'Neither a valid executable name nor an absolute path, ignoring: bin/foo', true],
    ['/usr/bin/', 'Executable path specifies a directory: /usr/bin/', false],
    ['-', "Empty path in command line, ignoring: '-'", true],
    ['@/bin/true', 'Empty executable name or zeroeth argument: @/bin/true', false],
    ['/bin/echo "unterminated', 'Unbalanced quoting, ignoring: "/bin/echo "unterminated"', false],
    ['-/bin/echo "unterminated', 'Unbalanced quoting, ignoring: "-/bin/echo "unterminated"', true],
    ['"/bin/echo', 'Unbalanced quoting, ignoring: ""/bin/echo"', true],
  ])('refuses %j', (line, message, ignorable) => {
    const r = parseExecLine(line);
    expect(r.error).toBe(message);
    expect(r.ignorable ?? false).toBe(ignorable);
  });

  it('keeps unknown escapes as written, with a warning', () => {
    const r = parseExecLine('/bin/echo \\q \\x00');
    expect(r.commands[0]!.argv).toEqual(['/bin/echo', '\\q', '\\x00']);
    expect(r.warnings).toEqual(['Ignoring unknown escape sequences: "\\q"', 'Ignoring unknown escape sequences: "\\x00"']);
  });

  // Confirmed with `systemd --test` (252): \xHH and \NNN are bytes, joined into UTF-8 characters;
  // \u takes any 16-bit value, \U only valid code points.
  it.each([
    ['/bin/printf "\\xe2\\x82\\xac"', 'e282ac', false],
    ['/bin/printf \\303\\251', 'c3a9', false],
    ['/bin/printf "\\u00e9"', 'c3a9', false],
    ['/bin/printf \\xc3\\xa9x', 'c3a978', false],
    ['/bin/printf "\\xff"', 'ff', true],
    ['/bin/printf "\\xe2\\x82"', 'e282', true],
    ['/bin/printf \\ud800', 'eda080', true],
    ['/bin/printf \\uFFFE', 'efbfbe', false],
  ])('C escapes are bytes: %s', (line, hex, warns) => {
    const r = parseExecLine(line);
    expect(encodeText(r.commands[0]!.argv[1]!).toString('hex')).toBe(hex);
    expect((r.warnings ?? []).some((w) => w.startsWith('Command line word is not valid UTF-8')), String(r.warnings)).toBe(warns);
  });

  it('refuses \\U escapes of invalid code points, as an unknown escape', () => {
    const r = parseExecLine('/bin/echo \\U0000FFFE \\U00110000 \\U0010FFFD');
    expect(r.commands[0]!.argv).toEqual(['/bin/echo', '\\U0000FFFE', '\\U00110000', '\u{10FFFD}']);
  });

  it('keeps the commands before a broken one', () => {
    expect(parseExecLine('/bin/a ; bin/b').commands.map((c) => c.path)).toEqual(['/bin/a']);
  });

  it('simplifies the path like path_simplify()', () => {
    expect(parseExecLine('/usr//bin/./true').commands[0]!.path).toBe('/usr/bin/true');
  });

  it.each([
    ['!-!/bin/true', { ignoreFailure: true, ambientFallback: true, noSetuid: false }],
    ['+!/bin/true', undefined],
    ['--/bin/true', undefined],
  ])('prefix combination %j', (line, flags) => {
    const r = parseExecLine(line);
    if (flags) expect(r.commands[0]).toMatchObject(flags);
    else expect(r.error).toMatch(/Neither a valid executable name|special characters/);
  });

  it('expands specifiers per word, inside quotes too', () => {
    const r = parseExecLine('/usr/bin/pg_ctlcluster --skip-systemctl-redirect "%i" start', (w) => w.replace('%i', '15-main'));
    expect(r.commands[0]!.argv).toEqual(['/usr/bin/pg_ctlcluster', '--skip-systemctl-redirect', '15-main', 'start']);
  });
});

describe('expandExecArgv: systemd variable rules', () => {
  const env = { EXTRAOPTS: '-S /run/haproxy-master.sock', EMPTY: '', ONE: 'x', QUOTED: 'a "b c" d', CONFIG: '/etc/haproxy/haproxy.cfg' };
  it.each([
    // haproxy: whole-word $EXTRAOPTS is split
    [['/usr/sbin/haproxy', '-Ws', '-f', '$CONFIG', '$EXTRAOPTS'], ['/usr/sbin/haproxy', '-Ws', '-f', '/etc/haproxy/haproxy.cfg', '-S', '/run/haproxy-master.sock']],
    // cron: unset whole-word variable yields zero arguments
    [['/usr/sbin/cron', '-f', '$EXTRA_OPTS'], ['/usr/sbin/cron', '-f']],
    [['/bin/x', '$EMPTY'], ['/bin/x']],
    // ${VAR} inside a word, unset -> empty
    [['/bin/x', '--opt=${ONE}', '--u=${UNSET}'], ['/bin/x', '--opt=x', '--u=']],
    // embedded $VAR stays literal (mariadb's sh -c relies on it)
    [['/bin/sh', '-c', 'exec mysqld $MYSQLD_OPTS'], ['/bin/sh', '-c', 'exec mysqld $MYSQLD_OPTS']],
    [['/bin/x', 'pre$ONE'], ['/bin/x', 'pre$ONE']],
    // $$ -> $
    [['/bin/x', 'a$$b', '$$ONE'], ['/bin/x', 'a$b', '$ONE']],
    // quotes inside the value are honoured when splitting
    [['/bin/x', '$QUOTED'], ['/bin/x', 'a', 'b c', 'd']],
    [['/bin/x', '${EXTRAOPTS}'], ['/bin/x', '-S /run/haproxy-master.sock']],
  ])('%j', (argv, expected) => {
    expect(expandExecArgv(argv, env)).toEqual(expected);
  });

  it('"$VAR" after unquoting is still a whole word (knot)', () => {
    const argv = parseExecLine('/usr/sbin/knotd "$KNOTD_ARGS"').commands[0]!.argv;
    expect(expandExecArgv(argv, { KNOTD_ARGS: '-c /etc/knot.conf' })).toEqual(['/usr/sbin/knotd', '-c', '/etc/knot.conf']);
    expect(expandExecArgv(argv, {})).toEqual(['/usr/sbin/knotd']);
  });

  it('substituteVariables leaves an unterminated ${ alone', () => {
    expect(substituteVariables('a${B', { B: 'x' })).toBe('a${B');
  });
});

describe('resolveExecPath', () => {
  it('keeps absolute paths and searches the fixed PATH', () => {
    expect(resolveExecPath('/nonexistent/bin')).toBe('/nonexistent/bin');
    expect(resolveExecPath('sh')).toMatch(/^\/(usr\/)?bin\/sh$/);
    expect(resolveExecPath('no-such-binary-tsd')).toBeNull();
  });
});
