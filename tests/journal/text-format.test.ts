import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatText, isoTimestamp } from '../../src/journal/text-format.js';

describe('isoTimestamp', () => {
  it('writes what Date.prototype.toISOString writes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
      expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
    }), { numRuns: 20_000 });
  });

  it.each([
    0, 951_782_400_000 /* 2000-02-29 */, 951_868_799_999, 4_107_542_400_000 /* 2100-03-01 */,
    1_704_067_199_999, 1_704_067_200_000, 253_402_300_799_999, 253_402_300_800_000, -1, 1.5,
  ])('agrees at %d (leap days, year ends, the edges of four-digit years)', (ms) => {
    expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });
});

describe('formatText', () => {
  it('is one line: time, identifier[pid], message', () => {
    expect(formatText({ time: 1_764_480_963_123, unit: 'nginx.service', identifier: 'nginx', pid: 42, stream: 'stdout', priority: 6, message: 'up' }))
      .toBe('2025-11-30T05:36:03.123Z nginx[42]: up\n');
  });
});
