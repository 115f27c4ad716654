import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemorySettler } from '../../src/daemon/memory-settler.js';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('MemorySettler', () => {
  it('does nothing below the threshold: no timer at all', () => {
    const reduce = vi.fn();
    const settler = new MemorySettler(reduce, 100, 1000);
    settler.noteActivity(99);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(reduce).not.toHaveBeenCalled();
  });

  it('reduces once after a burst, when a quiet period passed', () => {
    const reduce = vi.fn();
    const settler = new MemorySettler(reduce, 100, 1000);
    settler.noteActivity(150);
    vi.advanceTimersByTime(500);
    settler.noteActivity(50); // still busy
    vi.advanceTimersByTime(600);
    expect(reduce).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(reduce).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(reduce).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() cancels a pending reduction', () => {
    const reduce = vi.fn();
    const settler = new MemorySettler(reduce, 1, 1000);
    settler.noteActivity(5);
    settler.stop();
    vi.advanceTimersByTime(5000);
    expect(reduce).not.toHaveBeenCalled();
  });
});
