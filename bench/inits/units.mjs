// Writes real systemd .service files (shared by the tsd and systemctl adapters).
import { join } from 'node:path';
import { cmd, write } from './common.mjs';

export function serviceFile(s, w) {
  const unit = (n) => `${n}.service`;
  let t = `[Unit]\nDescription=bench service ${s.name}\n`;
  if (s.after.length) t += `After=${s.after.map(unit).join(' ')}\n`;
  if (s.requires.length) t += `Requires=${s.requires.map(unit).join(' ')}\n`;
  t += `\n[Service]\nType=simple\nExecStart=${cmd(s.argv)}\nKillSignal=SIGTERM\nTimeoutStopSec=${w.stopTimeoutSec}\n`;
  t += `\n[Install]\nWantedBy=multi-user.target\n`;
  return t;
}

export function writeUnits(w, dir) {
  for (const s of w.services) write(join(dir, `${s.name}.service`), serviceFile(s, w));
}
