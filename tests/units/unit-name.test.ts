import { describe, expect, it } from 'vitest';
import {
  escapeUnitNamePart, escapeUnitNamePath, instantiate, isValidUnitName, parseUnitName, templateOf,
  unescapeUnitNamePart, unescapeUnitNamePath,
} from '../../src/units/unit-name.js';

describe('unit names', () => {
  it.each([
    ['nginx.service', true], ['postgresql@15-main.service', true], ['postgresql@.service', true],
    ['sys-kernel-debug.mount', true], ['a\\x2db.service', true], ['foo@bar@baz.service', true],
    ['foo.txt', false], ['.service', false], ['@x.service', false], ['foo bar.service', false],
    ['foo', false], [`${'a'.repeat(250)}.service`, false], ['foo/bar.service', false],
  ])('%j valid=%j', (n, ok) => expect(isValidUnitName(n)).toBe(ok));

  it('splits templates and instances', () => {
    expect(parseUnitName('postgresql@15-main.service')).toEqual({ prefix: 'postgresql', instance: '15-main', type: 'service' });
    expect(parseUnitName('postgresql@.service')).toEqual({ prefix: 'postgresql', instance: '', type: 'service' });
    expect(templateOf('getty@tty1.service')).toBe('getty@.service');
    expect(templateOf('getty@.service')).toBeUndefined();
    expect(instantiate('getty@.service', 'tty1')).toBe('getty@tty1.service');
  });
});

describe('systemd-escape', () => {
  it.each([
    ['15/main', '15-main'],
    ['foo-bar', 'foo\\x2dbar'],
    ['hello world', 'hello\\x20world'],
    ['.hidden', '\\x2ehidden'],
    ['a.b:c_d', 'a.b:c_d'],
    ['ü', '\\xc3\\xbc'],
  ])('%j <-> %j', (plain, escaped) => {
    expect(escapeUnitNamePart(plain)).toBe(escaped);
    expect(unescapeUnitNamePart(escaped)).toBe(plain);
  });
  it('--path', () => {
    expect(escapeUnitNamePath('/var/lib/postgresql/')).toBe('var-lib-postgresql');
    expect(escapeUnitNamePath('/')).toBe('-');
    expect(escapeUnitNamePath('//a/./b/')).toBe('a-b');
  });
  it('--path refuses what systemd-escape calls "not a normalized file system path"', () => {
    expect(escapeUnitNamePath('/a/../b')).toBeUndefined();
    expect(escapeUnitNamePath('/..')).toBeUndefined();
    expect(escapeUnitNamePath('../a')).toBeUndefined();
    expect(escapeUnitNamePath('.')).toBeUndefined();
    expect(unescapeUnitNamePath('var-lib-x')).toBe('/var/lib/x');
    expect(unescapeUnitNamePath('-')).toBe('/');
  });
  it('refuses malformed escapes', () => {
    expect(unescapeUnitNamePart('a\\x4')).toBeUndefined();
    expect(unescapeUnitNamePart('a\\q')).toBeUndefined();
  });
});
