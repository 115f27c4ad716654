import { describe, expect, it } from 'vitest';
import { findOrderingCycle, OrderingGraph } from '../../src/manager/ordering.js';

describe('OrderingGraph', () => {
  it('treats Before= on one side as After= on the other', () => {
    const g = new OrderingGraph();
    g.addUnit('a.service', [], ['b.service']);
    expect([...g.after('b.service')]).toEqual(['a.service']);
    expect([...g.before('a.service')]).toEqual(['b.service']);
  });

  it('finds a cycle and returns its path', () => {
    const g = new OrderingGraph();
    g.addUnit('a', ['b'], []);
    g.addUnit('b', ['c'], []);
    g.addUnit('c', ['a'], []);
    const cycle = findOrderingCycle(['a', 'b', 'c'], (n) => g.after(n), () => true);
    expect(cycle).toEqual(['a', 'b', 'c', 'a']);
  });

  it('ignores edges leaving the set and handles deep chains without recursion', () => {
    const g = new OrderingGraph();
    for (let i = 1; i < 20_000; i++) g.addUnit(`u${i}`, [`u${i - 1}`], []);
    g.addUnit('u0', ['outside'], []);
    const names = Array.from({ length: 20_000 }, (_, i) => `u${i}`);
    const set = new Set(names);
    expect(findOrderingCycle(names, (n) => g.after(n), (n) => set.has(n))).toBeNull();
  });
});
