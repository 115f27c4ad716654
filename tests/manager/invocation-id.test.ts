import { describe, expect, it } from 'vitest';
import { newInvocationId } from '../../src/manager/invocation-id.js';

describe('newInvocationId', () => {
  it('gives 32 hex digits, different every time, across pool refills', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = newInvocationId();
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(200);
  });
});
