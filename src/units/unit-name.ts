// Unit names (systemd.unit(5)): "prefix[@instance].type", at most 255 characters, made of
// ASCII letters, digits, ":", "-", "_", ".", "\"; the instance may also contain "@".
// Escaping follows systemd-escape(1): "/" becomes "-", other unsafe bytes "\xNN".

import type { UnitType } from './model.js';

export const UNIT_TYPES: readonly UnitType[] = [
  'service', 'socket', 'target', 'timer', 'path', 'mount', 'automount', 'swap', 'slice', 'scope', 'device',
];
const TYPE_SET = new Set<string>(UNIT_TYPES);
/** systemd's UNIT_NAME_MAX, its NUL included: a unit name has at most 255 characters. */
export const UNIT_NAME_MAX = 256;
const PREFIX_CHARS = /^[A-Za-z0-9:\-_.\\]+$/;
const INSTANCE_CHARS = /^[A-Za-z0-9:\-_.\\@]+$/;

export interface ParsedUnitName {
  /** "postgresql" for postgresql@15-main.service */
  prefix: string;
  /** "15-main"; '' for a template ("foo@.service"); undefined when there is no "@". */
  instance?: string;
  type: UnitType;
}

/** Splits a unit name; undefined when the name is not valid. */
export function parseUnitName(name: string): ParsedUnitName | undefined {
  if (name.length === 0 || name.length >= UNIT_NAME_MAX) return undefined;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const type = name.slice(dot + 1);
  if (!TYPE_SET.has(type)) return undefined;
  const stem = name.slice(0, dot);
  const at = stem.indexOf('@');
  if (at < 0) {
    return PREFIX_CHARS.test(stem) ? { prefix: stem, type: type as UnitType } : undefined;
  }
  const prefix = stem.slice(0, at);
  const instance = stem.slice(at + 1);
  if (prefix === '' || !PREFIX_CHARS.test(prefix)) return undefined;
  if (instance !== '' && !INSTANCE_CHARS.test(instance)) return undefined;
  return { prefix, instance, type: type as UnitType };
}

export function isValidUnitName(name: string): boolean {
  return parseUnitName(name) !== undefined;
}

export function unitTypeOf(name: string): UnitType | undefined {
  return parseUnitName(name)?.type;
}

export function isTemplateName(name: string): boolean {
  return parseUnitName(name)?.instance === '';
}

export function isInstanceName(name: string): boolean {
  const p = parseUnitName(name);
  return p !== undefined && p.instance !== undefined && p.instance !== '';
}

/** "foo@bar.service" -> "foo@.service"; undefined if not an instance. */
export function templateOf(name: string): string | undefined {
  const p = parseUnitName(name);
  if (!p || !p.instance) return undefined;
  return `${p.prefix}@.${p.type}`;
}

/** "foo@.service" + "bar" -> "foo@bar.service". */
export function instantiate(template: string, instance: string): string {
  const at = template.indexOf('@');
  const dot = template.lastIndexOf('.');
  return `${template.slice(0, at + 1)}${instance}${template.slice(dot)}`;
}

function hex2(byte: number): string {
  return `\\x${byte.toString(16).padStart(2, '0')}`;
}

/** systemd-escape STRING: "/" -> "-", unsafe bytes (and a leading ".") -> "\xNN". */
export function escapeUnitNamePart(input: string): string {
  const bytes = Buffer.from(input, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const c = String.fromCharCode(b);
    if (c === '/') out += '-';
    else if (i === 0 && c === '.') out += hex2(b);
    else if (/[A-Za-z0-9:_.]/.test(c)) out += c;
    else out += hex2(b);
  }
  return out;
}

/**
 * systemd-escape --path: "/var/lib/x/" -> "var-lib-x", "/" -> "-". Undefined for a path that is
 * "not a normalized file system path" (a ".." component, or "." alone), which systemd refuses
 * to escape (unit_name_path_escape(): EINVAL).
 */
export function escapeUnitNamePath(path: string): string | undefined {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return undefined;
  // path_simplify() leaves "." for a relative path of dots only, and "." is not normalized.
  if (parts.length === 0) return path === '' || path.startsWith('/') ? '-' : undefined;
  return escapeUnitNamePart(parts.join('/'));
}

/** systemd-escape --unescape: "-" -> "/", "\xNN" -> byte. Undefined on a malformed escape. */
export function unescapeUnitNamePart(input: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === '-') bytes.push(0x2f);
    else if (c === '\\') {
      if (input[i + 1] !== 'x' || !/^[0-9a-fA-F]{2}$/.test(input.slice(i + 2, i + 4))) return undefined;
      bytes.push(parseInt(input.slice(i + 2, i + 4), 16));
      i += 3;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** systemd-escape --unescape --path: adds the leading "/" back. */
export function unescapeUnitNamePath(input: string): string | undefined {
  if (input === '-') return '/';
  const u = unescapeUnitNamePart(input);
  return u === undefined ? undefined : `/${u}`;
}
