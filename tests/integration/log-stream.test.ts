// Every line a service prints reaches tsd's stream, in order, as one record each.
import { afterEach, describe, expect, it } from 'vitest';
import { service, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
afterEach(() => tsd?.kill());

describe('journal stream', () => {
  it('delivers all 100,000 lines of a fast printer, in order', async () => {
    tsd = new TsdProcess({ units: { 'lines.service': service({ service: 'ExecStart=/usr/bin/seq 1 100000' }) } });
    await tsd.waitFor('lines.service: Deactivated successfully.', 60_000);
    tsd.signal('SIGTERM');
    await tsd.exited;
    const lines = tsd.unitLines('lines.service');
    expect(lines).toHaveLength(100_000);
    for (let i = 0; i < lines.length; i++) if (lines[i] !== String(i + 1)) throw new Error(`line ${i + 1} is '${lines[i]}'`);
  });

  it('formats records as "TIME UNIT[PID]: message" and flushes a last partial line', async () => {
    tsd = new TsdProcess({ units: { 'partial.service': service({ service: `ExecStart=/bin/printf 'first\\nno newline at the end'` }) } });
    await tsd.waitFor('partial.service: Deactivated successfully.');
    tsd.signal('SIGTERM');
    await tsd.exited;
    const record = tsd.lines.find((l) => l.endsWith(': first'))!;
    expect(record).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z partial\.service\[\d+\]: first$/);
    expect(tsd.unitLines('partial.service')).toEqual(['first', 'no newline at the end']);
  });

  it('splits lines over 48 KiB and escapes control bytes and invalid UTF-8', async () => {
    tsd = new TsdProcess({
      units: {
        'long.service': service({ service: `ExecStart=/bin/sh -c 'head -c 100000 /dev/zero | tr "\\\\0" x; echo; printf "bell\\\\007 bad\\\\377 ok\\\\n"'` }),
      },
    });
    await tsd.waitFor('long.service: Deactivated successfully.');
    tsd.signal('SIGTERM');
    await tsd.exited;
    const lines = tsd.unitLines('long.service');
    expect(lines.map((l) => l.length).slice(0, 3)).toEqual([49152, 49152, 100000 - 2 * 49152]);
    expect(lines[3]).toBe('bell\\x07 bad\\xff ok');
  });

  it('writes one JSON object per line with --log-format json', async () => {
    tsd = new TsdProcess({ args: ['--log-format', 'json'], units: { 'hello.service': service({ service: 'ExecStart=/bin/echo hello json' }) } });
    await tsd.waitFor('hello json');
    tsd.signal('SIGTERM');
    await tsd.exited;
    const record = JSON.parse(tsd.lines.find((l) => l.includes('hello json'))!);
    expect(record).toMatchObject({ unit: 'hello.service', stream: 'stdout', priority: 6, msg: 'hello json', level: 30 });
    expect(typeof record.pid).toBe('number');
    expect(record.time).toMatch(/Z$/);
  });
});
