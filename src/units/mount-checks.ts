// The checks systemd 252 makes on mount, automount and swap units once loaded (mount_verify(),
// automount_verify(), swap_verify()): the path in Where= (What= for swaps) must be the one the
// unit name escapes, a mount needs What=, and a mount may not cover an API file system. Where=
// unset means the path of the unit name. Messages are systemd's, typos included.

import type { Unit } from './model.js';
import { lastRawValue } from './raw-settings.js';
import { escapeUnitNamePath, parseUnitName, unescapeUnitNamePath } from './unit-name.js';

/** Mount points systemd manages itself (mount_point_is_api(), mount_point_ignore()): checked with systemd-analyze verify. */
const API_MOUNT_POINTS = new Set([
  '/proc', '/sys', '/sys/kernel/security', '/sys/fs/smackfs', '/dev', '/dev/shm', '/dev/pts', '/run', '/run/lock',
  '/sys/fs/cgroup', '/sys/fs/pstore', '/sys/firmware/efi/efivars', '/sys/fs/bpf',
  '/sys/fs/selinux', '/dev/console', '/proc/kmsg', '/proc/sys', '/proc/sys/kernel/random/boot_id',
]);

function isApiMountPoint(path: string): boolean {
  return API_MOUNT_POINTS.has(path) || path.startsWith('/sys/fs/cgroup/') || path === '/run/host' || path.startsWith('/run/host/');
}

/** "/mnt//data/" -> "/mnt/data" (path_simplify()). */
function simplify(path: string): string {
  return `/${path.split('/').filter((p) => p !== '' && p !== '.').join('/')}`;
}


/** The unit's path: the setting if given, else the unit name unescaped ("mnt-data.mount" -> /mnt/data). */
function unitPath(u: Unit, section: string, key: string): string | undefined {
  const set = lastRawValue(u, section, key);
  if (set !== undefined) return simplify(set);
  const p = parseUnitName(u.name);
  return p ? unescapeUnitNamePath(p.prefix) : undefined;
}

function namedAfter(u: Unit, path: string): boolean {
  const escaped = escapeUnitNamePath(path);
  return escaped !== undefined && u.names.includes(`${escaped}.${u.type}`);
}

/**
 * Why systemd fails to load the unit at all (load state "error"), as the errno text it shows:
 * an automount of "/" has no parent directory to be ordered after (path_extract_directory()).
 */
export function mountPointLoadFailure(u: Unit): string | undefined {
  if (u.type !== 'automount' || u.loadState !== 'loaded') return undefined;
  return unitPath(u, 'Automount', 'Where') === '/' ? 'Cannot assign requested address' : undefined;
}

/** The refusal message of a mount, automount or swap unit systemd would not load ("bad-setting"). */
export function checkMountPoint(u: Unit): string | undefined {
  if (u.loadState !== 'loaded') return undefined;
  if (u.type === 'mount') {
    const where = unitPath(u, 'Mount', 'Where');
    if (where === undefined) return undefined;
    if (!namedAfter(u, where)) return 'Where= setting doesn\'t match unit name. Refusing.';
    if (isApiMountPoint(where)) return `Cannot create mount unit for API file system ${where}. Refusing.`;
    if (lastRawValue(u, 'Mount', 'What') === undefined) return 'What= setting is missing. Refusing.';
  }
  if (u.type === 'automount') {
    const where = unitPath(u, 'Automount', 'Where');
    if (where !== undefined && !namedAfter(u, where)) return 'Where= setting doesn\'t match unit name. Refusing.';
  }
  if (u.type === 'swap') {
    const what = unitPath(u, 'Swap', 'What');
    if (what !== undefined && !namedAfter(u, what)) return 'Value of What= and unit name do not match, not loading.';
  }
  return undefined;
}
