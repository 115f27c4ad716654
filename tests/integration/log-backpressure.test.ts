// A service that prints fast while tsd's stdout is slow: tsd stops reading the service's pipe
// instead of buffering without bound, the service blocks on its write, and once the reader
// catches up every line arrives, none lost.
import { afterEach, describe, expect, it } from 'vitest';
import { service, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
afterEach(() => tsd?.kill());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LINES = 300_000;
const LINE = 'x'.repeat(200); // 60 MB in all: far more than tsd may hold
// (yes's stderr goes to /dev/null: services ignore SIGPIPE as under systemd, so when head
// exits, yes reports "Broken pipe" instead of dying silently.)

describe('log back-pressure', () => {
  it('keeps its memory bounded while stdout is not read, then delivers every line', async () => {
    tsd = new TsdProcess({
      units: { 'flood.service': service({ service: `Type=oneshot\nExecStart=/bin/sh -c 'yes ${LINE} 2>/dev/null | head -n ${LINES}; echo flood done'` }) },
    });
    await tsd.waitFor('Starting flood.service');
    tsd.pauseOutput();
    const rssBefore = tsd.rssKiB();
    let peak = 0;
    for (let i = 0; i < 20; i++) {
      await sleep(100);
      peak = Math.max(peak, tsd.rssKiB());
    }
    // The service cannot have finished: its output has nowhere to go.
    expect(tsd.processes().some((p) => p.comm === 'yes' || p.comm === 'head')).toBe(true);
    expect(peak - rssBefore).toBeLessThan(48 * 1024);
    tsd.resumeOutput();
    await tsd.waitFor('flood done', 60_000);
    expect(tsd.unitLines('flood.service').filter((l) => l === LINE)).toHaveLength(LINES);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });
});
