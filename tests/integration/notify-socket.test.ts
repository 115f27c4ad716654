// sd_notify from real services (python3, AF_UNIX datagrams to $NOTIFY_SOCKET): a MAINPID= tsd
// must refuse, fds that must be closed, and datagrams that must be dropped whole.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { script } from '../helpers/fixtures.js';
import { eventually, service, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
let bystander: ChildProcess | undefined;
afterEach(() => {
  tsd?.kill();
  bystander?.kill('SIGKILL');
  bystander = undefined;
});

/** A Type=notify unit whose main process is python3 running `body` (socket `s`, address `addr`). */
function notifyUnit(dir: string, name: string, body: string, settings = ''): string {
  const main = script(dir, `${name}.sh`, `exec python3 - <<'PY'
import array, os, signal, socket, sys, time
addr = os.environ["NOTIFY_SOCKET"]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
def on_term(*_):
    # os.write, not print: the TERM can land while a print() still holds stdout's buffer,
    # and a print from the handler then raises "reentrant call" instead of saying anything.
    os.write(1, b"got TERM\\n")
    sys.exit(0)
signal.signal(signal.SIGTERM, on_term)
${body}
while True:
    time.sleep(1000)
PY`);
  return service({ service: `Type=notify\n${settings}ExecStart=${main}` });
}


describe('MAINPID=', () => {
  it('naming tsd (PID 1) is refused: the READY=1 of the real main process counts, and the stop reaches it', async () => {
    tsd = new TsdProcess({
      units: (dir) => ({
        'liar.service': notifyUnit(dir, 'liar', `
s.sendto(b"MAINPID=1", addr)
s.sendto(b"READY=1\\nMAINPID=1", addr)
print("claimed PID 1", flush=True)`, 'TimeoutStopSec=5\n'),
      }),
    });
    await tsd.waitFor('Started liar.service');
    await tsd.waitFor('claimed PID 1');
    expect(tsd.lines.filter((l) => l.includes('liar.service: New main PID 1 is the manager, refusing.'))).toHaveLength(2);
    const start = Date.now();
    tsd.signal('SIGTERM');
    const exit = await tsd.exited;
    // The real main process got the SIGTERM at once: no SIGKILL after TimeoutStopSec=5.
    expect(tsd.unitLines('liar.service'), tsd.lines.join('\n')).toContain('got TERM');
    expect(Date.now() - start).toBeLessThan(3000);
    expect(exit.code).toBe(0);
  });

  it('naming a live process that does not descend from tsd is refused, even from root (not PID 1)', async () => {
    bystander = spawn('sleep', ['1000'], { stdio: 'ignore' });
    const outsider = bystander.pid!;
    tsd = new TsdProcess({
      pid1: false,
      units: (dir) => ({
        'claims-outsider.service': notifyUnit(dir, 'outsider', `
s.sendto(b"READY=1\\nMAINPID=${outsider}", addr)`),
      }),
    });
    await tsd.waitFor('Started claims-outsider.service');
    expect(tsd.has(`claims-outsider.service: New main PID ${outsider} is not a descendant of tsd, refusing`)).toBe(true);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
    expect(tsd.unitLines('claims-outsider.service')).toContain('got TERM');
    // tsd never signalled the outsider.
    expect(bystander.exitCode).toBeNull();
    expect(bystander.signalCode).toBeNull();
  });
});

describe('fds sent with sd_notify', () => {
  it('3,000 FDSTORE=1 datagrams leave tsd with no more fds than before, and later units start', async () => {
    tsd = new TsdProcess({
      units: (dir) => ({
        'pusher.service': notifyUnit(dir, 'pusher', `
fd = os.open("/dev/null", os.O_RDONLY)
for i in range(3000):
    s.sendmsg([b"FDSTORE=1\\nFDNAME=x"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [fd]))], 0, addr)
s.sendto(b"READY=1", addr)
print("pushed 3000 fds", flush=True)`),
        'later.service': service({ unit: 'After=pusher.service', service: `ExecStart=/bin/sh -c 'echo later runs; exec sleep 1000'` }),
      }),
    });
    await tsd.waitFor('Startup finished');
    await tsd.waitFor('later runs');
    await tsd.waitFor('pushed 3000 fds');
    const fds = readdirSync(`/proc/${tsd.tsdPid()}/fd`).length;
    expect(fds).toBeLessThan(100);
    expect(tsd.has('later.service: Failed')).toBe(false);
    expect(tsd.lines.filter((l) => l.includes('tsd keeps no file descriptor store'))).toHaveLength(1);
    expect(tsd.has('pusher.service: Cannot store more fds than FileDescriptorStoreMax=0, closing remaining.')).toBe(true);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });
});

describe('datagrams dropped whole, and malformed ones', () => {
  it('empty, binary, unparsable, NUL-embedded and oversized datagrams are reported and survived; a good field next to a bad one counts', async () => {
    tsd = new TsdProcess({
      units: (dir) => ({
        'junk.service': notifyUnit(dir, 'junk', `
s.sendto(b"", addr)
s.sendto(b"no-equals-here", addr)
s.sendto(b"\\xff\\xfe\\x80", addr)
s.sendto(b"STATUS=\\xff\\xfe", addr)
s.sendto(b"READY=1\\nMAINPID=abc", addr)
s.sendto(b"READY=1\\0MAINPID=1", addr)
s.sendto(b"READY=1\\nSTATUS=" + b"x" * 5000, addr)
s.sendto(b"READY=1\\nSTATUS=" + b"x" * 70000, addr)
print("junk sent", flush=True)`),
      }),
    });
    await tsd.waitFor('junk sent');
    // The 70,000-byte one arrives last: once it is reported, every datagram before it was read.
    await eventually(() => tsd!.lines.filter((l) => l.includes('junk.service: Received notify message exceeded maximum size. Ignoring.')).length === 2 || undefined, 10_000, 'both oversized datagrams reported');
    expect(tsd.has('junk.service: Got invalid notification message from PID')).toBe(true);
    expect(tsd.has(': no-equals-here')).toBe(true);
    expect(tsd.has('junk.service: Status message in notification message is not UTF-8 clean, ignoring.')).toBe(true);
    expect(tsd.has('junk.service: Failed to parse MAINPID= field in notification message, ignoring: abc')).toBe(true);
    expect(tsd.has('junk.service: Received notify message with embedded NUL bytes. Ignoring.')).toBe(true);
    // "READY=1\nMAINPID=abc" was a good READY=1: the bad field is skipped, the datagram is not.
    expect(tsd.has('Started junk.service')).toBe(true);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });

  it('a service whose only READY=1 is in an oversized datagram stays activating until its real one', async () => {
    tsd = new TsdProcess({
      units: (dir) => ({
        'big.service': notifyUnit(dir, 'big', `
s.sendto(b"READY=1\\nSTATUS=" + b"x" * 70000, addr)
s.sendto(b"READY=1\\nSTATUS=" + b"x" * 5000, addr)
while not os.path.exists("${join(dir, 'go')}"):
    time.sleep(0.01)
s.sendto(b"READY=1", addr)`),
      }),
    });
    await eventually(() => tsd!.lines.filter((l) => l.includes('big.service: Received notify message exceeded maximum size. Ignoring.')).length === 2 || undefined, 10_000, 'both oversized datagrams reported');
    expect(tsd.has('Started big.service')).toBe(false);
    expect(existsSync(join(tsd.dir, 'go'))).toBe(false);
    writeFileSync(join(tsd.dir, 'go'), '');
    await tsd.waitFor('Started big.service');
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });
});
