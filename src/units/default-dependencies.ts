// Implicit and default dependencies (systemd.unit(5) "Implicit Dependencies" / "Default
// Dependencies", and each type's man page). Applied by the loader after all files.

import type { Unit } from './model.js';

function add(list: string[], ...names: string[]): void {
  for (const n of names) if (!list.includes(n)) list.push(n);
}

/** The name of the unit a socket/timer/path triggers: Service=/Unit= or the same name as .service. */
function triggeredUnit(u: Unit, section: string, key: string): string | undefined {
  const values = u.other[section]?.[key];
  const last = values?.[values.length - 1]?.value.trim();
  if (last) return last;
  if (u.type === 'socket' && u.other.Socket?.Accept?.some((v) => /^(1|yes|true|on)$/i.test(v.value.trim()))) return undefined;
  const stem = u.name.slice(0, u.name.lastIndexOf('.'));
  return `${stem}.service`;
}

/** Dependencies that do not depend on DefaultDependencies= ("implicit"). */
export function addImplicitDependencies(u: Unit): void {
  const d = u.unit;
  // "Service units with Type=dbus set automatically acquire dependencies of type Requires= and
  // After= on dbus.socket."
  if (u.service?.type === 'dbus') { add(d.requires, 'dbus.socket'); add(d.after, 'dbus.socket'); }
  // "Socket activated services are automatically ordered after their activating .socket units"
  if (u.service) for (const s of u.service.sockets) { add(d.wants, s); add(d.after, s); }
  // A socket, timer or path unit is ordered before the unit it triggers.
  const trig = u.type === 'socket' ? triggeredUnit(u, 'Socket', 'Service')
    : u.type === 'timer' ? triggeredUnit(u, 'Timer', 'Unit')
    : u.type === 'path' ? triggeredUnit(u, 'Path', 'Unit') : undefined;
  if (trig) add(d.before, trig);
}

/**
 * DefaultDependencies=yes for the unit's own type. Targets need to know whether a unit they pull
 * in has default dependencies itself and is not already ordered after the target:
 * `targetShouldOrderAfter` answers that.
 */
export function addDefaultDependencies(u: Unit, targetShouldOrderAfter: (name: string) => boolean): void {
  const d = u.unit;
  if (!d.defaultDependencies) return;
  switch (u.type) {
    case 'service':
      // "Service units will have dependencies of type Requires= and After= on sysinit.target, a
      // dependency of type After= on basic.target as well as dependencies of type Conflicts= and
      // Before= on shutdown.target."
      add(d.requires, 'sysinit.target'); add(d.after, 'sysinit.target', 'basic.target');
      add(d.conflicts, 'shutdown.target'); add(d.before, 'shutdown.target');
      break;
    case 'socket':
      add(d.requires, 'sysinit.target'); add(d.after, 'sysinit.target');
      add(d.before, 'sockets.target', 'shutdown.target'); add(d.conflicts, 'shutdown.target');
      break;
    case 'timer':
      add(d.requires, 'sysinit.target'); add(d.after, 'sysinit.target');
      add(d.before, 'timers.target', 'shutdown.target'); add(d.conflicts, 'shutdown.target');
      // "Timer units with at least one OnCalendar= directive acquire a pair of additional After=
      // dependencies on time-set.target and time-sync.target"
      if (u.other.Timer?.OnCalendar?.length) add(d.after, 'time-set.target', 'time-sync.target');
      break;
    case 'path':
      add(d.requires, 'sysinit.target'); add(d.after, 'sysinit.target');
      add(d.before, 'paths.target', 'shutdown.target'); add(d.conflicts, 'shutdown.target');
      break;
    case 'target': {
      // "Target units will automatically complement all configured dependencies of type Wants=
      // or Requires= with dependencies of type After= unless DefaultDependencies=no is set in the
      // specified units." Not when the target is already ordered before that unit.
      for (const other of [...d.requires, ...d.requisite, ...d.wants, ...d.bindsTo]) {
        if (other === u.name || d.before.includes(other)) continue;
        if (targetShouldOrderAfter(other)) add(d.after, other);
      }
      // "Target units automatically gain Conflicts= and Before= dependency against shutdown.target."
      if (u.name !== 'shutdown.target') { add(d.conflicts, 'shutdown.target'); add(d.before, 'shutdown.target'); }
      break;
    }
    case 'mount':
    case 'automount':
    case 'swap':
      add(d.conflicts, 'umount.target'); add(d.before, 'umount.target');
      if (u.type === 'mount') { add(d.after, 'local-fs-pre.target'); add(d.before, 'local-fs.target'); }
      if (u.type === 'swap') add(d.before, 'swap.target');
      break;
    case 'slice':
      add(d.conflicts, 'shutdown.target'); add(d.before, 'shutdown.target');
      break;
    default:
      break;
  }
}
