// Signal numbers to the names systemd prints in messages ("SIGTERM", and "TERM" in
// "status=15/TERM"). One table for parsing and printing: src/units/signals.ts.
import { signalToString } from '../units/signals.js';

export { signalToString as signalName };

/** "TERM" for SIGTERM: the form systemd prints in "status=15/TERM". */
export function shortSignalName(signal: number): string {
  const name = signalToString(signal);
  return name.startsWith('SIG') ? name.slice(3) : name;
}
