// Signal numbers to systemd's short names ("TERM", "SIGTERM"), for messages.
import { constants } from 'node:os';

const SIGRTMIN = 34;
const byNumber = new Map<number, string>();
for (const [name, number] of Object.entries(constants.signals)) {
  if (!byNumber.has(number)) byNumber.set(number, name);
}
// Node lists SIGIOT and SIGABRT, SIGPOLL and SIGIO as the same numbers: prefer systemd's names.
byNumber.set(6, 'SIGABRT');
byNumber.set(29, 'SIGIO');

export function signalName(signal: number): string {
  const name = byNumber.get(signal);
  if (name) return name;
  if (signal >= SIGRTMIN && signal <= 64) return signal === SIGRTMIN ? 'SIGRTMIN' : `SIGRTMIN+${signal - SIGRTMIN}`;
  return String(signal);
}

/** "TERM" for SIGTERM: the form systemd prints in "status=15/TERM". */
export function shortSignalName(signal: number): string {
  const name = signalName(signal);
  return name.startsWith('SIG') ? name.slice(3) : name;
}
