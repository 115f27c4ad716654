// Socket addresses of ListenStream=, ListenDatagram=, ListenSequentialPacket= (systemd.socket(5)),
// checked as systemd 252's socket_address_parse() does (confirmed through libsystemd-shared-252):
// a path ("/run/x.sock", at most 107 bytes), an abstract name ("@name"), a port (1..65535),
// "ADDRESS:PORT" with a dotted IPv4 address, "[IPv6]:PORT", or "vsock:CID:PORT". Numbers are
// read like safe_atou16() ("0x50" is 80, "080" is refused); a port out of range is an error of
// its own ("0.0.0.0:99999": "Numerical result out of range").

import { isCIntegerSyntax, parseCUnsigned } from './c-integer.js';

export type SocketAddressError = 'Invalid argument' | 'Numerical result out of range' | 'File name too long';

/** sizeof(sun_path) is 108: a path of 107 bytes and its NUL; an abstract name one byte less. */
const MAX_UNIX_PATH = 107;

/** inet_pton(AF_INET): four decimal bytes, no leading zeros. */
function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** inet_pton(AF_INET6): eight groups of 1-4 hex digits, one "::" for a run of zeros, an IPv4 tail. */
function isIPv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string): string[] | undefined => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    all.pop();
    count += 1; // an IPv4 tail fills two groups
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** parse_ip_port(): 1..65535, read like safe_atou16(); 'range' when the number is fine but not a port. */
function parsePort(s: string): number | 'range' | undefined {
  if (/^\s/.test(s)) return undefined; // SAFE_ATO_REFUSE_LEADING_WHITESPACE
  const n = parseCUnsigned(s, 0xffff_ffff);
  if (n === undefined) return isCIntegerSyntax(s) ? 'range' : undefined;
  return n === 0 ? undefined : n > 0xffff ? 'range' : n;
}

/** Why `s` is not a socket address, or undefined when it is one. */
export function socketAddressError(s: string): SocketAddressError | undefined {
  if (s.startsWith('/')) {
    if (s === '/') return 'Invalid argument';
    return Buffer.byteLength(s) > MAX_UNIX_PATH ? 'File name too long' : undefined;
  }
  if (s.startsWith('@')) {
    const length = Buffer.byteLength(s) - 1;
    return length > 0 && length < MAX_UNIX_PATH ? undefined : 'Invalid argument';
  }
  const vsock = /^vsock:([^:]*):(.*)$/.exec(s);
  if (vsock) {
    // An empty CID is VMADDR_CID_ANY; the port is any 32-bit number.
    if (vsock[1] !== '' && parseCUnsigned(vsock[1]!) === undefined) return isCIntegerSyntax(vsock[1]!) ? 'Numerical result out of range' : 'Invalid argument';
    return parseCUnsigned(vsock[2]!) === undefined ? 'Invalid argument' : undefined;
  }
  const justPort = parsePort(s);
  if (justPort === 'range') return 'Numerical result out of range';
  if (justPort !== undefined) return undefined;
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(s);
  const colon = s.lastIndexOf(':');
  const [host, port, ok] = v6 ? [v6[1]!, v6[2]!, isIPv6(v6[1]!)] : [s.slice(0, colon), s.slice(colon + 1), colon > 0 && isIPv4(s.slice(0, colon))];
  if (!ok || host === '') return 'Invalid argument';
  const p = parsePort(port);
  if (p === 'range') return 'Numerical result out of range';
  return p === undefined ? 'Invalid argument' : undefined;
}
