// The queryable journal: the most recent records kept in memory, in arrival order,
// readable per unit. A fixed-size ring: a flood of output never grows it.
import type { JournalRecord } from './record.js';

export class JournalStore {
  private readonly ring: Array<JournalRecord | undefined>;
  private next = 0;
  private count = 0;

  constructor(readonly capacity = 50_000) {
    this.ring = new Array(capacity);
  }

  add(record: JournalRecord): void {
    this.ring[this.next] = record;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Records oldest first; only those of `unit` when given. */
  query(unit?: string): JournalRecord[] {
    const out: JournalRecord[] = [];
    const first = (this.next - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) {
      const record = this.ring[(first + i) % this.capacity]!;
      if (unit === undefined || record.unit === unit) out.push(record);
    }
    return out;
  }
}
