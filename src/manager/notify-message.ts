// sd_notify(3) datagrams: newline-separated VAR=VALUE assignments. A datagram systemd drops
// whole (too long, cut short, embedded NUL) is refused by notifyDatagramProblem before anyone
// reads it; inside an accepted one, a malformed field is reported and skipped. A hostile
// sender can never make either throw.
import { isUtf8 } from 'node:buffer';

/** systemd's NOTIFY_BUFFER_MAX (PIPE_BUF): a longer datagram is ignored whole, not cut. */
export const NOTIFY_BUFFER_MAX = 4096;

export interface NotifyState {
  ready?: boolean;
  reloading?: boolean;
  stopping?: boolean;
  status?: string;
  mainPid?: number;
  errno?: number;
  watchdog?: boolean;
  extendTimeoutUsec?: number;
  /** FDSTORE=1: the fds sent along are meant for the unit's file descriptor store. */
  fdStore?: boolean;
  /** Fields that are not VAR=VALUE, made printable and cut short for the log. */
  invalid: string[];
  /** Fields whose value is unusable, each with systemd's warning. */
  warnings: string[];
}

/**
 * Why the whole datagram must be ignored, in systemd's words (manager_dispatch_notify_fd);
 * null if it may be read. `truncated` is the native core's flag for a datagram or control
 * block cut short; a datagram cut short is always longer than NOTIFY_BUFFER_MAX (the core
 * reads up to 64 KiB), so a short truncated one lost its control data (fds).
 */
export function notifyDatagramProblem(data: Buffer, truncated: boolean): string | null {
  if (data.length > NOTIFY_BUFFER_MAX) return 'Received notify message exceeded maximum size. Ignoring.';
  if (truncated) return 'Got message with truncated control data (too many fds sent?), ignoring.';
  // "We permit one trailing NUL byte in the message, but don't expect it."
  const nul = data.indexOf(0);
  if (nul >= 0 && nul < data.length - 1) return 'Received notify message with embedded NUL bytes. Ignoring.';
  return null;
}

const NEWLINE = 0x0a;
const EQUALS = 0x3d;

export function parseNotifyMessage(data: Buffer): NotifyState {
  const state: NotifyState = { invalid: [], warnings: [] };
  const end = data.length > 0 && data[data.length - 1] === 0 ? data.length - 1 : data.length;
  for (let start = 0; start < end;) {
    let stop = data.indexOf(NEWLINE, start);
    if (stop < 0 || stop > end) stop = end;
    const field = data.subarray(start, stop);
    start = stop + 1;
    if (field.length > 0) readField(field, state);
  }
  return state;
}

function readField(field: Buffer, state: NotifyState): void {
  const eq = field.indexOf(EQUALS);
  if (eq <= 0) {
    state.invalid.push(printable(field));
    return;
  }
  // Variable names are ASCII: latin1 never fails, and a non-ASCII name matches nothing.
  const key = field.toString('latin1', 0, eq);
  const raw = field.subarray(eq + 1);
  const value = raw.toString('latin1');
  switch (key) {
    case 'READY': if (value === '1') state.ready = true; break;
    case 'RELOADING': if (value === '1') state.reloading = true; break;
    case 'STOPPING': if (value === '1') state.stopping = true; break;
    case 'WATCHDOG': if (value === '1') state.watchdog = true; break;
    case 'FDSTORE': if (value === '1') state.fdStore = true; break;
    case 'STATUS':
      if (isUtf8(raw)) state.status = raw.toString('utf8');
      else state.warnings.push('Status message in notification message is not UTF-8 clean, ignoring.');
      break;
    case 'MAINPID': {
      const pid = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
      if (pid <= 0x7fffffff) state.mainPid = pid;
      else state.warnings.push(`Failed to parse MAINPID= field in notification message, ignoring: ${printable(raw)}`);
      break;
    }
    case 'ERRNO':
      if (/^\d{1,4}$/.test(value)) state.errno = Number(value);
      else state.warnings.push(`Failed to parse ERRNO= field value '${printable(raw)}' in notification message.`);
      break;
    case 'EXTEND_TIMEOUT_USEC':
      if (/^\d{1,20}$/.test(value)) state.extendTimeoutUsec = Number(value);
      else state.warnings.push(`Failed to parse EXTEND_TIMEOUT_USEC=${printable(raw)}`);
      break;
    default: break; // other variables (FDNAME, MONOTONIC_USEC, ...) are accepted and unused
  }
}

const MAX_SHOWN = 80;

/** A field as a log may show it: invalid UTF-8 replaced, control bytes escaped, cut short. */
function printable(bytes: Buffer): string {
  const text = bytes.subarray(0, MAX_SHOWN * 4).toString('utf8').slice(0, MAX_SHOWN);
  return text.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
