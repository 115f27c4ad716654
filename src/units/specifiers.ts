// Unit specifiers (systemd.unit(5), "Specifiers"): "%i" and friends, resolved when the unit is
// loaded. "%%" is a literal "%"; an unknown specifier makes systemd reject the setting
// ("Failed to resolve unit specifiers"), so it throws here and the caller reports it.

import { readFileSync } from 'node:fs';
import { unescapeUnitNamePart } from './unit-name.js';

/** Facts about the system the specifiers need; read once per loader, overridable in tests. */
export interface SpecifierContext {
  hostname: string;
  prettyHostname: string;
  machineId: string;
  bootId: string;
  kernelRelease: string;
  architecture: string;
  /** /etc/os-release fields: ID, VERSION_ID, BUILD_ID, VARIANT_ID, IMAGE_ID, IMAGE_VERSION */
  osRelease: Record<string, string>;
  /** the user of the service manager: root for the system manager */
  userName: string;
  uid: number;
  groupName: string;
  gid: number;
  home: string;
  shell: string;
}

/** What the specifiers say about the unit being loaded. */
export interface SpecifierUnit {
  name: string;
  fragmentPath?: string;
}

export class SpecifierError extends Error {}

function readTrimmed(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}

const ARCH: Record<string, string> = { x64: 'x86-64', arm64: 'arm64', ia32: 'x86', arm: 'arm', ppc64: 'ppc64-le', s390x: 's390x', riscv64: 'riscv64' };

/** The kernel's host name, what gethostname(2) returns (the UTS namespace's, in a container). */
export function kernelHostname(): string {
  return readTrimmed('/proc/sys/kernel/hostname');
}

/**
 * The system facts (root-relative when `root` is given, like systemd-analyze --root), each read
 * the first time a specifier asks for it: most units use none, and PID 1 has better things to
 * do on its way to its first service than reading five files for them. `given` facts are used
 * as they are (tests).
 */
export function systemSpecifierContext(root = '', given: Partial<SpecifierContext> = {}): SpecifierContext {
  const etc = (p: string): string => `${root}${p}`;
  const ctx = {} as SpecifierContext;
  const read: { [K in keyof SpecifierContext]: () => SpecifierContext[K] } = {
    hostname: () => readTrimmed(etc('/etc/hostname')) || kernelHostname(),
    prettyHostname: () => parseOsRelease(readTrimmed(etc('/etc/machine-info'))).PRETTY_HOSTNAME ?? ctx.hostname,
    machineId: () => readTrimmed(etc('/etc/machine-id')),
    bootId: () => readTrimmed('/proc/sys/kernel/random/boot_id').replace(/-/g, ''),
    kernelRelease: () => readTrimmed('/proc/sys/kernel/osrelease'),
    architecture: () => ARCH[process.arch] ?? process.arch,
    osRelease: () => parseOsRelease(readTrimmed(etc('/etc/os-release')) || readTrimmed(etc('/usr/lib/os-release'))),
    userName: () => 'root', uid: () => 0, groupName: () => 'root', gid: () => 0, home: () => '/root', shell: () => '/bin/sh',
  };
  for (const key of Object.keys(read) as Array<keyof SpecifierContext>) {
    if (given[key] !== undefined) {
      Object.defineProperty(ctx, key, { value: given[key], enumerable: true });
      continue;
    }
    Object.defineProperty(ctx, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = read[key]();
        Object.defineProperty(ctx, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return ctx;
}

function unescapeOrThrow(s: string): string {
  const u = unescapeUnitNamePart(s);
  if (u === undefined) throw new SpecifierError(`Failed to unescape '${s}'`);
  return u;
}

/** Expands the specifiers of `text` for `unit`; throws SpecifierError on an unknown one. */
export function expandSpecifiers(text: string, unit: SpecifierUnit, ctx: SpecifierContext): string {
  if (!text.includes('%')) return text;
  const dot = unit.name.lastIndexOf('.');
  const stem = dot < 0 ? unit.name : unit.name.slice(0, dot);
  const at = stem.indexOf('@');
  const prefix = at < 0 ? stem : stem.slice(0, at);
  const instance = at < 0 ? '' : stem.slice(at + 1);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '%') { out += c; continue; }
    const s = text[i + 1];
    if (s === undefined) { out += '%'; break; } // a trailing "%" stays
    i++;
    out += resolve(s);
  }
  return out;

  function resolve(s: string): string {
    const os = ctx.osRelease;
    switch (s) {
      case '%': return '%';
      case 'a': return ctx.architecture;
      case 'A': return os.IMAGE_VERSION ?? '';
      case 'b': return ctx.bootId;
      case 'B': return os.BUILD_ID ?? '';
      case 'C': return '/var/cache';
      case 'd': return `/run/credentials/${unit.name}`;
      case 'E': return '/etc';
      // "%f": "the unescaped instance name with / prepended, or the unescaped prefix name"
      case 'f': return `/${unescapeOrThrow(instance !== '' ? instance : prefix)}`.replace(/^\/\//, '/');
      case 'g': return ctx.groupName;
      case 'G': return String(ctx.gid);
      case 'h': return ctx.home;
      case 'H': return ctx.hostname;
      case 'i': return instance;
      case 'I': return unescapeOrThrow(instance);
      case 'j': return prefix.slice(prefix.lastIndexOf('-') + 1);
      case 'J': return unescapeOrThrow(prefix.slice(prefix.lastIndexOf('-') + 1));
      case 'l': return ctx.hostname.split('.')[0] ?? ctx.hostname;
      case 'L': return '/var/log';
      case 'm': return ctx.machineId;
      case 'M': return os.IMAGE_ID ?? '';
      case 'n': return unit.name;
      case 'N': return stem;
      case 'o': return os.ID ?? '';
      case 'p': return prefix;
      case 'P': return unescapeOrThrow(prefix);
      case 'q': return ctx.prettyHostname;
      case 's': return ctx.shell;
      case 'S': return '/var/lib';
      case 't': return '/run';
      case 'T': return '/tmp';
      case 'u': return ctx.userName;
      case 'U': return String(ctx.uid);
      case 'v': return ctx.kernelRelease;
      case 'V': return '/var/tmp';
      case 'w': return os.VERSION_ID ?? '';
      case 'W': return os.VARIANT_ID ?? '';
      // Deprecated in systemd 252 (cgroup paths, "does not work as intended"); tsd has no cgroup tree.
      case 'c': case 'r': case 'R': return '';
      case 'y': return unit.fragmentPath ?? '';
      case 'Y': return unit.fragmentPath ? unit.fragmentPath.slice(0, unit.fragmentPath.lastIndexOf('/')) || '/' : '';
      default:
        // "Oops, an unknown specifier": letters and digits are reserved and fail; "%" before any
        // other character is kept as written.
        if (/[A-Za-z0-9]/.test(s)) throw new SpecifierError(`Unknown specifier '%${s}'`);
        return `%${s}`;
    }
  }
}
