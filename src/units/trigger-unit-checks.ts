// The checks systemd makes on sockets, timers and paths once loaded (socket_verify(),
// timer_verify(), path_verify() in systemd 252): without anything to listen on, wait for or watch,
// the unit is refused ("bad-setting"). And which unit each of them starts.

import type { Unit } from './model.js';
import { lastRawValue } from './raw-settings.js';
import { parseBoolean } from './boolean.js';
import { parseUnitName } from './unit-name.js';

const LISTEN = ['ListenStream', 'ListenDatagram', 'ListenSequentialPacket', 'ListenFIFO', 'ListenNetlink', 'ListenSpecial', 'ListenMessageQueue', 'ListenUSBFunction'];
const TIMERS = ['OnCalendar', 'OnActiveSec', 'OnBootSec', 'OnStartupSec', 'OnUnitActiveSec', 'OnUnitInactiveSec'];
const PATHS = ['PathExists', 'PathExistsGlob', 'PathChanged', 'PathModified', 'DirectoryNotEmpty'];

function hasAny(u: Unit, section: string, keys: string[]): boolean {
  const s = u.other[section];
  return keys.some((k) => (s?.[k]?.length ?? 0) > 0);
}

export function checkTriggerUnit(u: Unit): string | undefined {
  if (u.loadState !== 'loaded') return undefined;
  if (u.type === 'socket' && !hasAny(u, 'Socket', LISTEN)) return 'Unit has no Listen setting (ListenStream=, ListenDatagram=, ListenFIFO=, ...). Refusing.';
  // OnClockChange=/OnTimezoneChange= also count as a timer setting.
  if (u.type === 'timer' && !hasAny(u, 'Timer', [...TIMERS, 'OnClockChange', 'OnTimezoneChange'])) return 'Timer unit lacks value setting. Refusing.';
  if (u.type === 'path' && !hasAny(u, 'Path', PATHS)) return 'Path unit lacks path setting. Refusing.';
  return undefined;
}


/**
 * The unit a socket, timer or path unit starts: Service= or Unit=, else the service of the same
 * name. An Accept=yes socket starts an instance per connection: systemd-analyze verify checks
 * the one it makes up, "PREFIX@internal.service" (socket_load_service_unit()).
 */
export function triggeredUnit(u: Unit): string | undefined {
  const p = parseUnitName(u.name);
  if (!p) return undefined;
  const sameName = `${p.instance === undefined ? p.prefix : `${p.prefix}@${p.instance}`}.service`;
  if (u.type === 'socket') {
    const service = lastRawValue(u, 'Socket', 'Service');
    if (service) return service;
    return parseBoolean(lastRawValue(u, 'Socket', 'Accept') ?? 'no') ? `${p.prefix}@internal.service` : sameName;
  }
  if (u.type === 'timer') return lastRawValue(u, 'Timer', 'Unit') ?? sameName;
  if (u.type === 'path') return lastRawValue(u, 'Path', 'Unit') ?? sameName;
  return undefined;
}
