// The checks systemd makes on sockets, timers and paths once loaded (socket_verify(),
// timer_verify(), path_verify() in systemd 252): without anything to listen on, wait for or watch,
// the unit is refused ("bad-setting").

import type { Unit } from './model.js';

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
