// The ordering graph: After= and Before= of every loaded unit, in both directions.
// "If unit foo.service contains the setting Before=bar.service and both units are being
// started, bar.service's start-up is delayed until foo.service has finished starting up"
// (systemd.unit(5)); Before= on one side is After= on the other.

export class OrderingGraph {
  /** unit -> units it starts after */
  private readonly afterOf = new Map<string, Set<string>>();
  /** unit -> units that start after it */
  private readonly beforeOf = new Map<string, Set<string>>();

  private edge(map: Map<string, Set<string>>, from: string, to: string): void {
    let set = map.get(from);
    if (!set) map.set(from, (set = new Set()));
    set.add(to);
  }

  /** Records "later starts after earlier". */
  addOrder(later: string, earlier: string): void {
    if (later === earlier) return;
    this.edge(this.afterOf, later, earlier);
    this.edge(this.beforeOf, earlier, later);
  }

  addUnit(name: string, after: readonly string[], before: readonly string[]): void {
    for (const other of after) this.addOrder(name, other);
    for (const other of before) this.addOrder(other, name);
  }

  /** Units `name` is ordered after (they start first, stop last). */
  after(name: string): ReadonlySet<string> {
    return this.afterOf.get(name) ?? EMPTY;
  }

  /** Units ordered after `name` (they start later, stop first). */
  before(name: string): ReadonlySet<string> {
    return this.beforeOf.get(name) ?? EMPTY;
  }

  clear(): void {
    this.afterOf.clear();
    this.beforeOf.clear();
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * Finds a cycle among `nodes` following `after` edges, as a list [a, b, ..., a]; null if none.
 * Iterative DFS: a layered boot of thousands of units must not exhaust the stack.
 */
export function findOrderingCycle(nodes: Iterable<string>, after: (name: string) => Iterable<string>, inSet: (name: string) => boolean): string[] | null {
  const color = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  for (const root of nodes) {
    if (color.has(root)) continue;
    const stack: Array<{ node: string; edges: Iterator<string> }> = [{ node: root, edges: after(root)[Symbol.iterator]() }];
    color.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const step = top.edges.next();
      if (step.done) {
        color.set(top.node, 2);
        stack.pop();
        continue;
      }
      const next = step.value;
      if (!inSet(next)) continue;
      const c = color.get(next);
      if (c === 1) {
        const start = stack.findIndex((frame) => frame.node === next);
        return [...stack.slice(start).map((frame) => frame.node), next];
      }
      if (c === undefined) {
        color.set(next, 1);
        stack.push({ node: next, edges: after(next)[Symbol.iterator]() });
      }
    }
  }
  return null;
}
