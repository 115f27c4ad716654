// The journal over the real log pump: the stream (order, format, every line), the store read
// back from the pump's ring after a flood larger than the ring, JSON, and a stdout that is
// gone. Each case runs in a fixture process (tests/journal/fixtures/log-pump.mjs): the pump is
// one per process, and its services are spawned by the native core.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/log-pump.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tsd-pump-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function fixture(format: 'text' | 'json', scenario = 'normal'): { out: any; stream: string[] } {
  const dir = mkdtempSync(join(scratch, `${format}-`));
  const result = spawnSync(process.execPath, [FIXTURE, dir, format, scenario], { encoding: 'utf8', timeout: 60_000 });
  const last = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !last.startsWith('{')) throw new Error(`fixture failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  const stream = scenario === 'broken' ? [] : readFileSync(join(dir, 'stream'), 'utf8').split('\n').slice(0, -1);
  return { out: JSON.parse(last), stream };
}

const expectedStore = {
  openPipes: 0,
  c: [['an error', 3, 'cee'], ['debug', 7, 'cee'], ['plain', 6, 'cee'], ['no newline at the end', 6, 'cee']],
  // 'before everything' went with the flood's oldest lines: the store is a suffix of the stream
  manager: ['after a and b'],
  d: [['named at length', 256]],
};

describe('the log pump', () => {
  it('streams every line of every service in order, with tsd\'s own records where they were said', () => {
    const { out, stream } = fixture('text');
    expect(stream[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z tsd\[\d+\]: before everything$/);
    const of = (unit: string) => stream.filter((l) => l.includes(` ${unit}[`)).map((l) => l.slice(l.indexOf(']: ') + 3));
    expect(of('a.service')).toEqual(['a1', 'a2', 'a3']);
    const b = of('b.service');
    expect(b).toHaveLength(300_000);
    b.forEach((m, k) => { if (m !== String(k + 1)) throw new Error(`b line ${k + 1} is '${m}'`); });
    const after = stream.findIndex((l) => l.endsWith('after a and b'));
    const lastOfB = stream.reduce((last, l, k) => (l.includes(' b.service[') ? k : last), -1);
    expect(after).toBeGreaterThan(lastOfB);
    expect(of('cee')).toEqual(['an error', 'debug', 'plain', 'no newline at the end']);
    expect(stream.findIndex((l) => l.includes(' cee['))).toBeGreaterThan(after);
    expect(out).toMatchObject(expectedStore);
    // The ring (4 MiB) kept only the newest of the flood's ~14 MB, intact and in order. A block
    // is forgotten whole once its start is overwritten: none may span more than one region of
    // the framer (1 MiB), or a turn of the ring went at once (a joined block once held 4 MB and
    // the store kept 6,756 lines).
    expect(out.largestBlock).toBeLessThanOrEqual(1024 * 1024);
    expect(out.b.count).toBeGreaterThan(20_000);
    expect(out.b.count).toBeLessThan(200_000);
    expect(out.b).toMatchObject({ last: '300000', inOrder: true });
  });

  it('writes the same records as JSON objects, one per line', () => {
    const { out, stream } = fixture('json');
    const records = stream.map((l) => JSON.parse(l));
    expect(records[0]).toMatchObject({ unit: 'tsd', msg: 'before everything', stream: 'manager' });
    expect(records.filter((r) => r.unit === 'b.service')).toHaveLength(300_000);
    expect(records.filter((r) => r.unit === 'c.service').map((r) => [r.msg, r.priority, r.level, r.identifier]))
      .toEqual([['an error', 3, 50, 'cee'], ['debug', 7, 20, 'cee'], ['plain', 6, 30, 'cee'], ['no newline at the end', 6, 30, 'cee']]);
    expect(out).toMatchObject(expectedStore);
    expect(out.b).toMatchObject({ last: '300000', inOrder: true });
  });

  it('keeps reading the pipes into the store when stdout is gone', () => {
    const { out } = fixture('text', 'broken');
    expect(out).toMatchObject(expectedStore);
    expect(out.b).toMatchObject({ last: '300000', inOrder: true });
  });
});
