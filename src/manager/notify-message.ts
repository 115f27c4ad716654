// sd_notify(3) datagrams: newline-separated VAR=VALUE assignments. Anything malformed is
// reported and skipped; a hostile sender can never make the parser throw.

export interface NotifyState {
  ready?: boolean;
  reloading?: boolean;
  stopping?: boolean;
  status?: string;
  mainPid?: number;
  errno?: number;
  watchdog?: boolean;
  extendTimeoutUsec?: number;
  /** Lines that were not VAR=VALUE or had a bad value. */
  invalid: string[];
}

const MAX_FIELDS = 64;

export function parseNotifyMessage(data: Buffer): NotifyState {
  const state: NotifyState = { invalid: [] };
  const text = data.toString('utf8');
  if (text.includes('\0') || text.includes('\ufffd')) {
    state.invalid.push('datagram is not valid UTF-8 text');
    return state;
  }
  const lines = text.split('\n');
  for (const line of lines.slice(0, MAX_FIELDS)) {
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      state.invalid.push(line.slice(0, 80));
      continue;
    }
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    switch (key) {
      case 'READY': if (value === '1') state.ready = true; break;
      case 'RELOADING': if (value === '1') state.reloading = true; break;
      case 'STOPPING': if (value === '1') state.stopping = true; break;
      case 'WATCHDOG': if (value === '1') state.watchdog = true; break;
      case 'STATUS': state.status = value; break;
      case 'MAINPID': case 'ERRNO': case 'EXTEND_TIMEOUT_USEC': {
        if (!/^\d{1,15}$/.test(value)) {
          state.invalid.push(line.slice(0, 80));
          break;
        }
        const n = Number(value);
        if (key === 'MAINPID') { if (n > 0) state.mainPid = n; else state.invalid.push(line.slice(0, 80)); }
        else if (key === 'ERRNO') state.errno = n;
        else state.extendTimeoutUsec = n;
        break;
      }
      default: break; // other variables (FDSTORE, MONOTONIC_USEC, ...) are accepted and unused
    }
  }
  if (lines.length > MAX_FIELDS) state.invalid.push(`more than ${MAX_FIELDS} fields, rest ignored`);
  return state;
}
