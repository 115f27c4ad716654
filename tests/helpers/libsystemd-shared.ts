// systemd 252's own parsers as an oracle: the functions of libsystemd-shared-252.so called
// through python3's ctypes, so the grammar tests can ask the real thing what a value means.
// Present on Debian 12 hosts with systemd installed; the tests skip themselves elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const LIBSYSTEMD_SHARED = '/usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so';

export const haveLibsystemdShared = existsSync(LIBSYSTEMD_SHARED) && spawnSync('python3', ['--version']).status === 0;

/** What each call returns: the parsed value as a string, or null when systemd refuses the input. */
const PROGRAM = `
import ctypes, json, sys
lib = ctypes.CDLL(${JSON.stringify(LIBSYSTEMD_SHARED)})
u64 = ctypes.c_uint64
class RL(ctypes.Structure): _fields_ = [('cur', u64), ('max', u64)]
lib.parse_time.argtypes = [ctypes.c_char_p, ctypes.POINTER(u64), u64]
lib.parse_nsec.argtypes = [ctypes.c_char_p, ctypes.POINTER(u64)]
lib.parse_size.argtypes = [ctypes.c_char_p, u64, ctypes.POINTER(u64)]
lib.parse_mode.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint)]
lib.signal_from_string.argtypes = [ctypes.c_char_p]
lib.exit_status_from_string.argtypes = [ctypes.c_char_p]
lib.rlimit_parse.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(RL)]
lib.socket_address_parse.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
address = ctypes.create_string_buffer(1024)
def call(kind, arg, text):
    b = text.encode()
    if kind in ('time', 'nsec', 'size'):
        v = u64()
        r = lib.parse_time(b, ctypes.byref(v), arg) if kind == 'time' else lib.parse_nsec(b, ctypes.byref(v)) if kind == 'nsec' else lib.parse_size(b, arg, ctypes.byref(v))
        return str(v.value) if r >= 0 else None
    if kind == 'mode':
        v = ctypes.c_uint()
        return str(v.value) if lib.parse_mode(b, ctypes.byref(v)) >= 0 else None
    if kind in ('signal', 'exit-status'):
        r = lib.signal_from_string(b) if kind == 'signal' else lib.exit_status_from_string(b)
        return str(r) if r >= 0 else None
    if kind == 'socket-address':
        r = lib.socket_address_parse(address, b)
        return 'ok' if r >= 0 else 'range' if r == -34 else 'too-long' if r == -36 else None
    if kind == 'rlimit':
        v = RL()
        return '%d:%d' % (v.cur, v.max) if lib.rlimit_parse(arg, b, ctypes.byref(v)) >= 0 else None
print(json.dumps([call(k, a, t) for k, a, t in json.load(sys.stdin)]))
`;

export type OracleKind = 'time' | 'nsec' | 'size' | 'mode' | 'signal' | 'exit-status' | 'rlimit' | 'socket-address';

/**
 * Asks libsystemd-shared about many inputs at once. `arg` is parse_time()'s default unit (µs),
 * parse_size()'s base, or rlimit_parse()'s resource; unused otherwise.
 */
export function askSystemd(kind: OracleKind, inputs: readonly string[], arg = 0): Array<string | null> {
  const r = spawnSync('python3', ['-c', PROGRAM], {
    input: JSON.stringify(inputs.map((t) => [kind, arg, t])), encoding: 'utf8', maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`python3/ctypes oracle failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Array<string | null>;
}

/** Deterministic random strings made of `pieces` (a tiny LCG: same seed, same cases). */
export function randomInputs(pieces: readonly string[], count: number, seed = 7, maxPieces = 5): string[] {
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = 1 + Math.floor(next() * maxPieces);
    for (let k = 0; k < n; k++) s += pieces[Math.floor(next() * pieces.length)];
    out.push(s);
  }
  return out;
}
