import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvironmentFile, parseEnvironmentFileBytes, readEnvironmentFile } from '../../src/units/environment-file.js';
import { parseEnvironmentAssignments } from '../../src/units/environment-assignments.js';

describe('EnvironmentFile= contents (Debian /etc/default style)', () => {
  it.each([
    ['A=1', [['A', '1']]],
    ['A = 1  ', [['A', '1']]],
    ['# comment\n; other\nA=1\n', [['A', '1']]],
    ['A="quoted value"', [['A', 'quoted value']]],
    ["A='single $X \\n'", [['A', 'single $X \\n']]],
    ['A="esc \\" \\$ \\\\ \\n"', [['A', 'esc " $ \\ \\n']]],
    ['A=unquoted\\ space', [['A', 'unquoted space']]],
    ['A=one\\\ntwo', [['A', 'onetwo']]],
    ['A="multi\nline"', [['A', 'multi\nline']]],
    ['A=x # not a comment', [['A', 'x # not a comment']]],
    ['export A=1', [['A', '1']]],
    ['A=', [['A', '']]],
    ['A=1\nA=2', [['A', '1'], ['A', '2']]],
    ['NOEQUALS\nB=2', [['B', '2']]],
    ['EXTRA_OPTS="-L 15"', [['EXTRA_OPTS', '-L 15']]],
    ['DAEMON_OPTS=""', [['DAEMON_OPTS', '']]],
    ['A="a" "b"', [['A', 'ab']]],
    ['A=1\r\nB=2\r\n', [['A', '1'], ['B', '2']]],
  ])('%j', (text, expected) => {
    expect(parseEnvironmentFile(text)).toEqual(expected);
  });

  it('warns about invalid names and skips them', () => {
    const warnings: string[] = [];
    expect(parseEnvironmentFile('1BAD=x\nGOOD=y', (l, m) => warnings.push(`${l}:${m}`))).toEqual([['GOOD', 'y']]);
    expect(warnings).toHaveLength(1);
  });

  // Confirmed with load_env_file() of libsystemd-shared-252: one key or value that is not valid
  // UTF-8 and the whole file is refused (EINVAL); a comment that is not UTF-8 does not matter.
  it.each([
    ['A=1\nB=\xff\xfe\nC=ok\n', 2, "invalid UTF-8 value for key B: '\ufffd\ufffd', ignoring."],
    ['A=1\nD\xff=x\n', 2, "invalid UTF-8 in key 'D\ufffd', ignoring."],
    ['A=1\nE="q\xc3"\n', 2, "invalid UTF-8 value for key E: 'q\ufffd', ignoring."],
    ["A=1\nE='q\xc3'\n", 2, "invalid UTF-8 value for key E: 'q\ufffd', ignoring."],
    ['A=\xef\xbf\xbe\n', 1, "invalid UTF-8 value for key A: '\ufffe', ignoring."],
    ['A=1\n#\xff\xfe comment\nC=\xc3\xa9\n', undefined, undefined],
  ])('UTF-8: %j', (latin1, line, message) => {
    const r = parseEnvironmentFileBytes(Buffer.from(latin1, 'latin1'));
    expect(r.invalidUtf8).toEqual(line === undefined ? undefined : { line, message });
    if (!line) expect(r.assignments).toEqual([['A', '1'], ['C', 'é']]);
  });

  it('reads a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsd-env-'));
    writeFileSync(join(dir, 'cron'), '# Cron configuration\nEXTRA_OPTS=""\n');
    expect(readEnvironmentFile(join(dir, 'cron'))).toEqual([['EXTRA_OPTS', '']]);
  });
});

describe('Environment= assignments', () => {
  it('haproxy: several quoted assignments on one line', () => {
    const r = parseEnvironmentAssignments('"CONFIG=/etc/haproxy/haproxy.cfg" "PIDFILE=/run/haproxy.pid" "EXTRAOPTS=-S /run/haproxy-master.sock"');
    expect(r.assignments).toEqual([['CONFIG', '/etc/haproxy/haproxy.cfg'], ['PIDFILE', '/run/haproxy.pid'], ['EXTRAOPTS', '-S /run/haproxy-master.sock']]);
    expect(r.errors).toEqual([]);
  });
  it.each([
    ['A=1 B=2', [['A', '1'], ['B', '2']]],
    ['A="x y" B=\'z\'', [['A', 'x y'], ['B', 'z']]],
    ['LANG=C.UTF-8', [['LANG', 'C.UTF-8']]],
    ['A=\\x41', [['A', 'A']]],
  ])('%s', (v, expected) => {
    expect(parseEnvironmentAssignments(v).assignments).toEqual(expected);
  });
  it('refuses assignments that are not valid UTF-8 once unescaped, as env_assignment_is_valid() does', () => {
    // systemd 252: "Invalid environment assignment, ignoring" for all but E (confirmed with systemd --test).
    const r = parseEnvironmentAssignments('A=\\ud800 B=\\uFFFE "C=\\xef\\xbf\\xbe" D=\\uFDD0 E=\\xc3\\xa9 F=\\xff');
    expect(r.assignments).toEqual([['E', 'é']]);
    expect(r.errors).toHaveLength(5);
    expect(r.errors[4]).toBe('Invalid environment assignment, ignoring: F=\ufffd');
  });
  it('rejects invalid assignments one by one', () => {
    const r = parseEnvironmentAssignments('GOOD=1 bad-name=2 NOEQ');
    expect(r.assignments).toEqual([['GOOD', '1']]);
    expect(r.errors).toEqual(['Invalid environment assignment, ignoring: bad-name=2', 'Invalid environment assignment, ignoring: NOEQ']);
  });
});
