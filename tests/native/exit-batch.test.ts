import { describe, expect, it } from 'vitest';
import { batchSize, exitsOf } from '../../src/native/core.js';

describe('exitsOf', () => {
  it("reads the reaper's batch: pid, kind, code, signal per child, in order", () => {
    expect(exitsOf(Int32Array.from([42, 0, 3, 0, 43, 1, 0, 15, 44, 2, 0, 11]))).toEqual([
      { pid: 42, kind: 'exited', code: 3, signal: 0 },
      { pid: 43, kind: 'killed', code: 0, signal: 15 },
      { pid: 44, kind: 'dumped', code: 0, signal: 11 },
    ]);
    expect(exitsOf(new Int32Array(0))).toEqual([]);
  });

  it('makes objects only for the pids claimed, and says how many the batch held', () => {
    const batch = Int32Array.from([42, 0, 3, 0, 43, 1, 0, 15, 44, 2, 0, 11]);
    expect(exitsOf(batch, (pid) => pid === 43)).toEqual([{ pid: 43, kind: 'killed', code: 0, signal: 15 }]);
    expect(exitsOf(batch, () => false)).toEqual([]);
    expect(batchSize(batch)).toBe(3);
  });
});
