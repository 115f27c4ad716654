// The special targets of systemd.special(7) that tsd provides itself when no unit file defines
// them, with the dependencies of systemd 252's own target files. Services systemd would pull in
// (rescue.service, systemd-poweroff.service, tmp.mount, display-manager.service...) do not exist
// in tsd and are left out; in a container local-fs, swap and cryptsetup are simply empty targets.
// The shutdown targets require shutdown.target, umount.target and final.target directly (systemd
// does that through systemd-poweroff.service & co.).

import type { UnitSection } from './model.js';

type Spec = Partial<Pick<UnitSection, 'description' | 'requires' | 'wants' | 'after' | 'before' | 'conflicts'
  | 'defaultDependencies' | 'allowIsolate' | 'refuseManualStart' | 'stopWhenUnneeded' | 'jobTimeoutSec'>>;

const SHUTDOWN_CHAIN = ['shutdown.target', 'umount.target', 'final.target'];
const NO_DEFAULTS = { defaultDependencies: false } as const;

export const SPECIAL_TARGETS: Readonly<Record<string, Spec>> = {
  'multi-user.target': { description: 'Multi-User System', requires: ['basic.target'], conflicts: ['rescue.target'], after: ['basic.target', 'rescue.target'], allowIsolate: true },
  'graphical.target': { description: 'Graphical Interface', requires: ['multi-user.target'], conflicts: ['rescue.target'], after: ['multi-user.target', 'rescue.target'], allowIsolate: true },
  'basic.target': { description: 'Basic System', requires: ['sysinit.target'], wants: ['sockets.target', 'timers.target', 'paths.target', 'slices.target'], after: ['sysinit.target', 'sockets.target', 'paths.target', 'slices.target'] },
  'sysinit.target': { description: 'System Initialization', wants: ['local-fs.target', 'swap.target'], after: ['local-fs.target', 'swap.target'], conflicts: ['emergency.target'], before: ['emergency.target'] },
  'local-fs.target': { description: 'Local File Systems', ...NO_DEFAULTS, after: ['local-fs-pre.target'], conflicts: ['shutdown.target'] },
  'local-fs-pre.target': { description: 'Preparation for Local File Systems', refuseManualStart: true },
  'remote-fs.target': { description: 'Remote File Systems', ...NO_DEFAULTS, after: ['remote-fs-pre.target'], conflicts: ['shutdown.target'] },
  'remote-fs-pre.target': { description: 'Preparation for Remote File Systems', refuseManualStart: true },
  'network.target': { description: 'Network', after: ['network-pre.target'], refuseManualStart: true },
  'network-pre.target': { description: 'Preparation for Network', refuseManualStart: true },
  'network-online.target': { description: 'Network is Online', after: ['network.target'] },
  'nss-lookup.target': { description: 'Host and Network Name Lookups', refuseManualStart: true },
  'nss-user-lookup.target': { description: 'User and Group Name Lookups', refuseManualStart: true },
  'time-set.target': { description: 'System Time Set', refuseManualStart: true },
  'time-sync.target': { description: 'System Time Synchronized', wants: ['time-set.target'], after: ['time-set.target'], refuseManualStart: true },
  'sockets.target': { description: 'Socket Units' },
  'timers.target': { description: 'Timer Units', ...NO_DEFAULTS, conflicts: ['shutdown.target'] },
  'paths.target': { description: 'Path Units' },
  'slices.target': { description: 'Slice Units' },
  'swap.target': { description: 'Swaps' },
  'cryptsetup.target': { description: 'Local Encrypted Volumes' },
  'getty.target': { description: 'Login Prompts' },
  'rescue.target': { description: 'Rescue Mode', requires: ['sysinit.target'], after: ['sysinit.target'], allowIsolate: true },
  'emergency.target': { description: 'Emergency Mode', allowIsolate: true },
  'shutdown.target': { description: 'System Shutdown', ...NO_DEFAULTS, refuseManualStart: true },
  'umount.target': { description: 'Unmount All Filesystems', ...NO_DEFAULTS, refuseManualStart: true },
  'final.target': { description: 'Late Shutdown Services', ...NO_DEFAULTS, refuseManualStart: true, after: ['shutdown.target', 'umount.target'] },
  'poweroff.target': { description: 'System Power Off', ...NO_DEFAULTS, requires: SHUTDOWN_CHAIN, after: SHUTDOWN_CHAIN, allowIsolate: true },
  'reboot.target': { description: 'System Reboot', ...NO_DEFAULTS, requires: SHUTDOWN_CHAIN, after: SHUTDOWN_CHAIN, allowIsolate: true },
  'halt.target': { description: 'System Halt', ...NO_DEFAULTS, requires: SHUTDOWN_CHAIN, after: SHUTDOWN_CHAIN, allowIsolate: true },
  'kexec.target': { description: 'Reboot via kexec', ...NO_DEFAULTS, requires: SHUTDOWN_CHAIN, after: SHUTDOWN_CHAIN, allowIsolate: true },
  'exit.target': { description: 'Exit the Container', ...NO_DEFAULTS, requires: ['shutdown.target'], after: ['shutdown.target'], allowIsolate: true },
  'printer.target': { description: 'Printer Support', stopWhenUnneeded: true },
  'sound.target': { description: 'Sound Card', stopWhenUnneeded: true },
  'bluetooth.target': { description: 'Bluetooth Support', stopWhenUnneeded: true },
  'smartcard.target': { description: 'Smart Card', stopWhenUnneeded: true },
};

/** "default.target ... usually a symlink to multi-user.target or graphical.target". */
export const BUILTIN_ALIASES: Readonly<Record<string, string>> = {
  'default.target': 'multi-user.target',
  'ctrl-alt-del.target': 'reboot.target',
};
