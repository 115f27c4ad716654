// Writes real systemd .service files (shared by the tsd and systemctl adapters).
import { join } from 'node:path';
import { cmd, write } from './common.mjs';

// A workload with ordering gets Type=notify (bw sends READY=1 right after recording its
// start): After= then means "after its start", which is what the bench checks. With
// Type=simple a unit counts as started once forked, and its dependents may well run first,
// in systemd as in tsd. Independent services stay Type=simple, like the other inits' ones.
export function serviceFile(s, w) {
  const unit = (n) => `${n}.service`;
  const type = w.services.some((o) => o.after.length) ? 'notify' : 'simple';
  let t = `[Unit]\nDescription=bench service ${s.name}\n`;
  if (s.after.length) t += `After=${s.after.map(unit).join(' ')}\n`;
  if (s.requires.length) t += `Requires=${s.requires.map(unit).join(' ')}\n`;
  t += `\n[Service]\nType=${type}\nExecStart=${cmd(s.argv)}\nKillSignal=SIGTERM\nTimeoutStopSec=${w.stopTimeoutSec}\n`;
  t += `\n[Install]\nWantedBy=multi-user.target\n`;
  return t;
}

export function writeUnits(w, dir) {
  for (const s of w.services) write(join(dir, `${s.name}.service`), serviceFile(s, w));
}
