import { describe, expect, it } from 'vitest';
import { parseUnitFileText } from '../../src/units/unit-file-syntax.js';

const entries = (text: string): Array<[string, string, string, number]> =>
  parseUnitFileText(text, 'f.service').entries.map((e) => [e.section, e.key, e.value, e.line]);

describe('unit file syntax (systemd.syntax(7))', () => {
  it('sections, free whitespace around "=", comments', () => {
    expect(entries('# c\n; c\n[Unit]\n  Description = hello world  \n\n[Service]\nType=simple\n')).toEqual([
      ['Unit', 'Description', 'hello world', 4], ['Service', 'Type', 'simple', 7],
    ]);
  });

  it('backslash continuation replaces the backslash by a space, reported at the last line like systemd', () => {
    expect(entries('[Service]\nExecStart=/bin/sh -c "a \\\n  b"\n')).toEqual([['Service', 'ExecStart', '/bin/sh -c "a    b"', 3]]);
  });

  it('skips comment lines inside a continuation (mariadb)', () => {
    const text = '[Service]\nExecStart=/bin/sh -c "x; \\\n# a comment\n; another\n  y"\nType=simple\n';
    expect(entries(text)).toEqual([['Service', 'ExecStart', '/bin/sh -c "x;    y"', 5], ['Service', 'Type', 'simple', 6]]);
  });

  it('an escaped backslash at the end is not a continuation', () => {
    expect(entries('[S]\nA=x\\\\\nB=y\n')).toEqual([['S', 'A', 'x\\\\', 2], ['S', 'B', 'y', 3]]);
  });

  it('repeated keys are kept in order, empty values kept (they reset lists)', () => {
    expect(entries('[Service]\nExecStart=\nExecStart=/bin/a\n')).toEqual([['Service', 'ExecStart', '', 2], ['Service', 'ExecStart', '/bin/a', 3]]);
  });

  it('reports lines it cannot use, with their line numbers', () => {
    const r = parseUnitFileText('Key=outside\n[Unit]\nno equals sign\n=novalue\n[Broken\nA=1\n', 'f.service');
    expect(r.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '1: Assignment outside of section. Ignoring.',
      "3: Missing '=', ignoring line.",
      "4: Missing key name before '=', ignoring line.",
      "5: Invalid section header '[Broken'",
    ]);
    expect(r.invalid).toBe(true);
    expect(r.entries).toEqual([]);
  });

  it('handles CRLF, a BOM and a continuation at end of file', () => {
    expect(entries('\uFEFF[Unit]\r\nDescription=x\r\nAfter=a \\')).toEqual([['Unit', 'Description', 'x', 2], ['Unit', 'After', 'a', 3]]);
  });

  it('skips one byte-order mark, at the start of the first line that has one (systemd 252)', () => {
    // the first BOM is skipped even on line 3; a second one stays in the key, one inside a value stays there
    expect(entries('[Unit]\n\uFEFFAfter=a.service\n\uFEFFBefore=b.service\nDescription=\uFEFFy\n')).toEqual([
      ['Unit', 'After', 'a.service', 2], ['Unit', '\uFEFFBefore', 'b.service', 3], ['Unit', 'Description', '\uFEFFy', 4],
    ]);
    // whitespace before the BOM: not skipped
    expect(entries('[Unit]\n  \uFEFFDescription=x\n')).toEqual([['Unit', '\uFEFFDescription', 'x', 2]]);
    // comments are recognised before the BOM is skipped: "<BOM># c" is a line outside any section
    const r = parseUnitFileText('\uFEFF# c\n[Unit]\nDescription=x\n', 'f.service');
    expect(r.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual(['1: Assignment outside of section. Ignoring.']);
  });

  it('strips only systemd\'s whitespace (space, tab, CR, LF), not other Unicode spaces', () => {
    expect(entries('[Unit]\n\tDescription \t=\u00A0x\u00A0 \n')).toEqual([['Unit', 'Description', '\u00A0x\u00A0', 2]]);
  });

  it('lines of sections the unit type does not have are skipped without a word', () => {
    const text = '[Unit]\nDescription=x\n[X-Foo]\nno equals\n=novalue\n[Weird]\nalso none\nA=1\n[Service]\nno equals\n';
    const r = parseUnitFileText(text, 'f.service', 'f.service', { sectionKnown: (s) => s === 'Unit' || s === 'Service' });
    expect(r.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual(["10: Missing '=', ignoring line."]);
    expect(r.entries.map((e) => e.key)).toEqual(['Description']);
    expect(r.sections.map((x) => x.name)).toEqual(['Unit', 'X-Foo', 'Weird', 'Service']);
  });
});
