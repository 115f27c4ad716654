// The unit source PID 1 boots from: the loader, with every problem it finds in a unit file
// put in the stream as `file:line: message` the moment the unit is loaded, so the problems
// of a unit come before its start (and before its failure to start).
import type { UnitSource } from '../manager/manager.js';
import type { UnitLoader } from '../units/loader.js';
import type { Unit } from '../units/model.js';

export type LogLine = (unit: string, message: string, priority: number) => void;

export class ReportingLoader implements UnitSource {
  private reported = 0;
  private readonly fatalReported = new Set<Unit>();

  constructor(private readonly loader: UnitLoader, private readonly log: LogLine) {}

  load(name: string): Unit {
    const unit = this.loader.load(name);
    this.reportNew();
    if (unit.loadState === 'bad-setting' && !this.fatalReported.has(unit)) {
      this.fatalReported.add(unit);
      this.log(unit.name, `${unit.name}: Unit configuration has fatal error, unit will not be started.`, 3);
    }
    return unit;
  }

  /** The loader's problems not reported yet (those found before any load included). */
  reportNew(): void {
    const { diagnostics } = this.loader;
    for (; this.reported < diagnostics.length; this.reported++) {
      const d = diagnostics[this.reported]!;
      const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : '';
      this.log(d.unit ?? 'tsd', `${where}${d.message}`, d.severity === 'error' ? 3 : 4);
    }
  }
}
