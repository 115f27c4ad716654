// Jobs: at most one per unit, run as soon as ordering allows, in parallel otherwise.
// A start job waits for every job of the units it is ordered after; a stop job waits for
// the stop jobs of the units ordered after it (the reverse order); "if one unit is being
// stopped and the other started, the stop is ordered before the start" (systemd.unit(5)).
import type { Unit } from '../units/model.js';
import { findOrderingCycle, type OrderingGraph } from './ordering.js';
import type { UnitRuntime } from './unit-runtime.js';
import type { JobResult } from './unit-state.js';

export type JobType = 'start' | 'stop';

export interface Job {
  id: number;
  unit: string;
  type: JobType;
  state: 'waiting' | 'running';
  waiters: Array<(result: JobResult) => void>;
  /** A start requested while this stop job runs: installed when it completes. */
  then?: Job;
  /** The unit whose job kept this one waiting when last looked at: looked at first next time. */
  blocker?: string;
}

export interface JobHost {
  readonly ordering: OrderingGraph;
  /** The runtime of a unit, loading it on first use; null if the name is invalid. */
  runtimeFor(name: string): UnitRuntime | null;
  log(unit: Unit, message: string, priority?: number): void;
  /** A job was installed or finished (for D-Bus JobNew/JobRemoved later). */
  jobEvent(job: Job, event: 'new' | 'removed', result?: JobResult): void;
}

const SUCCESS: ReadonlySet<JobResult> = new Set(['done', 'skipped']);

function label(unit: Unit): string {
  const d = unit.unit.description;
  return d && d !== unit.name ? `${unit.name} - ${d}` : unit.name;
}

export class JobEngine {
  readonly jobs = new Map<string, Job>();
  /** The result of each unit's last start job: a dependency that was skipped is no failure. */
  private readonly lastStartResult = new Map<string, JobResult>();
  private nextId = 1;
  private dispatching = false;
  /**
   * Units whose waiting job may have become runnable. A finished job can only unblock the jobs
   * of the units ordered before or after it, so dispatching after each job looks at those,
   * not at every job (a boot or shutdown of n units is not n passes over n jobs).
   */
  private readonly candidates = new Set<string>();

  constructor(private readonly host: JobHost) {}

  // ---- transactions -------------------------------------------------------------------------

  /**
   * Starts `anchor` and everything it pulls in (Requires=, BindsTo=, Wants=, transitively).
   * Ordering cycles among the new jobs are broken as systemd does: by deleting the job of a
   * unit that is only wanted, with the same messages.
   */
  startTransaction(anchor: string, onDone?: (result: JobResult) => void): Job | null {
    const root = this.host.runtimeFor(anchor);
    if (!root) return null;
    const members = new Map<string, UnitRuntime>();
    const essential = new Set<string>([root.name]);
    const queue: UnitRuntime[] = [root];
    members.set(root.name, root);
    while (queue.length > 0) {
      const runtime = queue.shift()!;
      const u = runtime.unit.unit;
      const isEssential = essential.has(runtime.name);
      const pull = (names: string[], hard: boolean) => {
        for (const name of names) {
          const dep = this.host.runtimeFor(name);
          if (!dep) continue;
          if (hard && isEssential) essential.add(dep.name);
          if (members.has(dep.name)) continue;
          if (dep.unit.loadState !== 'loaded' && !hard) continue; // a missing Wants= is no error
          members.set(dep.name, dep);
          queue.push(dep);
        }
      };
      pull(u.requires, true);
      pull(u.bindsTo, true);
      pull(u.wants, false);
      pull(u.upholds, false);
    }
    // Units already active need no job (the anchor still gets one, to report its result).
    for (const [name, runtime] of members) {
      if (name !== root.name && runtime.activeState === 'active' && !this.jobs.has(name)) members.delete(name);
    }
    this.breakCycles(root.name, members, essential);
    let anchorJob: Job | null = null;
    for (const runtime of members.values()) {
      const job = this.install(runtime.name, 'start');
      if (runtime.name === root.name) anchorJob = job;
    }
    // The waiter goes on before dispatching: a job may complete synchronously.
    if (anchorJob && onDone) anchorJob.waiters.push(onDone);
    this.dispatch();
    return anchorJob;
  }

  private breakCycles(anchor: string, members: Map<string, UnitRuntime>, essential: Set<string>): void {
    const ordering = this.host.ordering;
    for (let guard = 0; guard < members.size + 1; guard++) {
      const cycle = findOrderingCycle(members.keys(), (n) => ordering.after(n), (n) => members.has(n));
      if (!cycle) return;
      const first = cycle[0]!;
      const firstUnit = members.get(first)!.unit;
      this.host.log(firstUnit, `${first}: Found ordering cycle on ${first}/start`, 4);
      for (const name of cycle.slice(1)) this.host.log(firstUnit, `${first}: Found dependency on ${name}/start`, 4);
      const candidates = cycle.slice(0, -1).filter((n) => n !== anchor);
      const victim = candidates.find((n) => !essential.has(n)) ?? candidates[0] ?? first;
      this.host.log(firstUnit, `${first}: Job ${victim}/start deleted to break ordering cycle starting with ${first}/start`, 3);
      members.delete(victim);
    }
  }

  /** Stops `anchor` and the units that cannot run without it (Requires=, BindsTo=, PartOf= on it). */
  stopTransaction(anchor: string, dependents: (name: string) => string[], onDone?: (result: JobResult) => void): Job | null {
    const root = this.host.runtimeFor(anchor);
    if (!root) return null;
    const seen = new Set<string>([root.name]);
    const queue = [root.name];
    while (queue.length > 0) {
      for (const name of dependents(queue.shift()!)) {
        if (!seen.has(name)) {
          seen.add(name);
          queue.push(name);
        }
      }
    }
    let anchorJob: Job | null = null;
    for (const name of seen) {
      const runtime = this.host.runtimeFor(name);
      if (!runtime || (name !== root.name && runtime.activeState === 'inactive' && !this.jobs.has(name))) continue;
      const job = this.install(name, 'stop');
      if (name === root.name) anchorJob = job;
    }
    if (anchorJob && onDone) anchorJob.waiters.push(onDone);
    this.dispatch();
    return anchorJob;
  }

  /** Shutdown: every waiting start is canceled and every unit that is not inactive gets a stop job. */
  stopEverything(runtimes: Iterable<UnitRuntime>): void {
    for (const job of [...this.jobs.values()]) {
      if (job.type === 'start' && job.state === 'waiting') this.complete(job, 'canceled');
      if (job.then) {
        const next = job.then;
        job.then = undefined;
        this.finish(next, 'canceled');
      }
    }
    for (const runtime of runtimes) {
      if (runtime.activeState !== 'inactive' || this.jobs.has(runtime.name)) this.install(runtime.name, 'stop');
    }
    this.dispatch();
  }

  // ---- installing and running ---------------------------------------------------------------

  private install(unit: string, type: JobType): Job {
    const existing = this.jobs.get(unit);
    if (existing) {
      if (existing.type === type) return existing;
      if (type === 'start' && existing.state === 'running') {
        // A start during a running stop: queued behind it.
        existing.then ??= this.newJob(unit, 'start');
        return existing.then;
      }
      if (existing.state === 'waiting') this.complete(existing, 'canceled');
      // A running start job is canceled by the runtime's stop() when the stop job runs.
    }
    const job = this.newJob(unit, type);
    this.jobs.set(unit, job);
    this.host.jobEvent(job, 'new');
    return job;
  }

  private newJob(unit: string, type: JobType): Job {
    return { id: this.nextId++, unit, type, state: 'waiting', waiters: [] };
  }

  private isRunnable(job: Job): boolean {
    if (job.blocker !== undefined && this.blocks(job, job.blocker)) return false;
    const ordering = this.host.ordering;
    if (job.type === 'start') {
      for (const other of ordering.after(job.unit)) if (this.jobs.has(other)) return this.blockedBy(job, other);
    }
    for (const other of ordering.before(job.unit)) if (this.jobs.get(other)?.type === 'stop') return this.blockedBy(job, other);
    job.blocker = undefined;
    return true;
  }

  private blockedBy(job: Job, other: string): false {
    job.blocker = other;
    return false;
  }

  /** Whether other's job keeps job waiting: the ordering rules of isRunnable, for one unit. */
  private blocks(job: Job, other: string): boolean {
    const ordering = this.host.ordering;
    const otherJob = this.jobs.get(other);
    if (!otherJob) return false;
    if (job.type === 'start' && ordering.after(job.unit).has(other)) return true;
    return otherJob.type === 'stop' && ordering.before(job.unit).has(other);
  }

  /** Runs every waiting job whose ordering constraints are met. */
  dispatch(): void {
    for (const unit of this.jobs.keys()) this.candidates.add(unit);
    this.drain();
  }

  /** Runs the candidates' jobs that can run, in the order they were installed, until none is left; re-entrant calls leave it to the running loop. */
  private drain(): void {
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      while (this.candidates.size > 0) {
        const batch: Job[] = [];
        for (const unit of this.candidates) {
          const job = this.jobs.get(unit);
          if (job && job.state === 'waiting') batch.push(job);
        }
        this.candidates.clear();
        batch.sort((a, b) => a.id - b.id);
        for (const job of batch) {
          if (job.state === 'waiting' && this.jobs.get(job.unit) === job && this.isRunnable(job)) this.run(job);
        }
      }
    } finally {
      this.dispatching = false;
    }
  }

  /** The jobs a change to unit's job may unblock: those of the units ordered before and after it. */
  private addNeighbours(unit: string): void {
    const ordering = this.host.ordering;
    if (this.jobs.has(unit)) this.candidates.add(unit);
    for (const other of ordering.before(unit)) if (this.jobs.has(other)) this.candidates.add(other);
    for (const other of ordering.after(unit)) if (this.jobs.has(other)) this.candidates.add(other);
  }

  private run(job: Job): void {
    const runtime = this.host.runtimeFor(job.unit);
    if (!runtime) {
      this.complete(job, 'failed');
      return;
    }
    job.state = 'running';
    if (job.type === 'start') {
      const problem = this.unmetRequirement(runtime);
      if (problem) {
        this.host.log(runtime.unit, problem.message, 3);
        this.complete(job, problem.result);
        return;
      }
      runtime.start((result) => this.complete(job, result));
    } else {
      runtime.stop((result) => this.complete(job, result));
    }
  }

  private unmetRequirement(runtime: UnitRuntime): { message: string; result: JobResult } | null {
    const unit = runtime.unit;
    if (unit.loadState !== 'loaded') {
      const why = unit.loadState === 'not-found' ? `Unit ${unit.name} not found.`
        : unit.loadState === 'masked' ? `Unit ${unit.name} is masked.`
        : `Unit ${unit.name} failed to load: ${unit.loadError ?? unit.loadState}.`;
      return { message: `Failed to start ${unit.name}: ${why}`, result: 'failed' };
    }
    const after = this.host.ordering.after(unit.name);
    for (const name of [...unit.unit.requires, ...unit.unit.bindsTo]) {
      if (!after.has(name)) continue;
      const dep = this.host.runtimeFor(name);
      if (!dep) continue;
      const last = this.lastStartResult.get(dep.name);
      if (dep.activeState === 'active' || dep.activeState === 'reloading') continue;
      if (last && SUCCESS.has(last) && dep.activeState !== 'failed') continue;
      return { message: `Dependency failed for ${label(unit)}.`, result: 'dependency' };
    }
    for (const name of unit.unit.requisite) {
      const dep = this.host.runtimeFor(name);
      if (dep && dep.activeState !== 'active' && dep.activeState !== 'reloading') {
        return { message: `Dependency failed for ${label(unit)}.`, result: 'dependency' };
      }
    }
    return null;
  }

  private complete(job: Job, result: JobResult): void {
    if (this.jobs.get(job.unit) === job) this.jobs.delete(job.unit);
    if (job.type === 'start') this.lastStartResult.set(job.unit, result);
    this.finish(job, result);
    if (job.then) {
      const next = job.then;
      job.then = undefined;
      this.jobs.set(next.unit, next);
      this.host.jobEvent(next, 'new');
    }
    if (job.type === 'start' && !SUCCESS.has(result)) this.failDependents(job.unit);
    this.addNeighbours(job.unit);
    this.drain();
  }

  private finish(job: Job, result: JobResult): void {
    this.host.jobEvent(job, 'removed', result);
    for (const waiter of job.waiters) waiter(result);
    job.waiters = [];
  }

  /** Waiting start jobs that require the failed unit and are ordered after it fail too. */
  private failDependents(failed: string): void {
    for (const job of [...this.jobs.values()]) {
      if (job.type !== 'start' || job.state !== 'waiting') continue;
      const runtime = this.host.runtimeFor(job.unit);
      if (!runtime) continue;
      const u = runtime.unit.unit;
      if ((u.requires.includes(failed) || u.bindsTo.includes(failed)) && this.host.ordering.after(job.unit).has(failed)) {
        this.host.log(runtime.unit, `Dependency failed for ${label(runtime.unit)}.`, 3);
        this.complete(job, 'dependency');
      }
    }
  }

  get size(): number {
    return this.jobs.size;
  }
}
