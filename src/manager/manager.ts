// The manager: owns the unit runtimes, routes process exits and sd_notify datagrams to them,
// and runs boot and shutdown as job transactions. It formats no log line itself: messages go
// to the journal through UnitLog.
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import type { ExitInfo, NotifyMessage, SpawnSuccess } from '../native/core.js';
import type { Unit } from '../units/model.js';
import type { ExecPlanIo } from './exec-plan.js';
import { type Job, JobEngine, type JobHost } from './job-engine.js';
import { notifyDatagramProblem } from './notify-message.js';
import { OrderingGraph } from './ordering.js';
import type { ProcessPort } from './port.js';
import { ServiceRuntime } from './service-runtime.js';
import { type ManagerDefaults, PassiveRuntime, SYSTEMD_DEFAULTS, type UnitHost, UnitRuntime } from './unit-runtime.js';
import type { ActiveState, JobResult } from './unit-state.js';
import { queueTask } from '../lib/microtask.js';

/** What the manager needs of the unit loader (src/units/loader.ts). */
export interface UnitSource {
  load(name: string): Unit;
}

/** What the manager needs of the journal (src/journal). */
export interface UnitLog {
  log(unit: string, message: string, priority?: number): void;
  attachPipe(unit: Unit, pid: number, fd: number, stream: 'stdout' | 'stderr'): void;
}

export interface ManagerOptions {
  source: UnitSource;
  port: ProcessPort;
  journal: UnitLog;
  notifySocketPath?: string;
  defaults?: Partial<ManagerDefaults>;
  environment?: Record<string, string | undefined>;
}

export type SystemState = 'initializing' | 'starting' | 'running' | 'degraded' | 'stopping';

const DEPENDENCY_LISTS = ['requires', 'requisite', 'wants', 'bindsTo', 'partOf', 'upholds', 'conflicts',
  'before', 'after', 'onFailure', 'onSuccess', 'propagatesReloadTo', 'reloadPropagatedFrom'] as const;

export class Manager implements JobHost, UnitHost {
  readonly ordering = new OrderingGraph();
  readonly jobs: JobEngine;
  readonly port: ProcessPort;
  readonly defaults: ManagerDefaults;
  readonly notifySocketPath: string | undefined;
  readonly managerEnvironment: Record<string, string | undefined>;
  readonly io: ExecPlanIo = {
    openFile(path, flags) {
      try {
        return openSync(path, flags === 'r+' ? (existsSync(path) ? 'r+' : 'w') : flags, 0o644);
      } catch {
        return null;
      }
    },
    exists: (path) => existsSync(path),
    closeFd: (fd) => {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    },
  };
  systemState: SystemState = 'initializing';
  shuttingDown = false;
  /** Orphans and other processes reaped that no unit claimed. */
  unknownReaped = 0;

  private readonly runtimes = new Map<string, UnitRuntime>();
  /** Runtimes in ActiveState deactivating: the ones a process exit may let finish their stop. */
  private readonly deactivating = new Set<UnitRuntime>();
  private pendingOutput: Array<{ unit: Unit; pid: number; spawned: SpawnSuccess; stderrSeparate: boolean }> = [];
  private readonly pidOwners = new Map<number, UnitRuntime>();
  private readonly stateListeners = new Set<(runtime: UnitRuntime, previous: ActiveState) => void>();
  private readonly exitListeners = new Set<() => void>();
  private readonly jobListeners = new Set<(job: Job, event: 'new' | 'removed', result?: JobResult) => void>();
  private readonly source: UnitSource;
  private readonly journal: UnitLog;

  constructor(options: ManagerOptions) {
    this.source = options.source;
    this.port = options.port;
    this.journal = options.journal;
    this.notifySocketPath = options.notifySocketPath;
    this.defaults = { ...SYSTEMD_DEFAULTS, ...options.defaults };
    this.managerEnvironment = options.environment ?? process.env;
    this.jobs = new JobEngine(this);
  }

  // ---- units ------------------------------------------------------------------------------

  /** The canonical name of any name (alias, instance): what the loader resolves it to. */
  canonicalName(name: string): string {
    return this.runtimes.get(name)?.name ?? this.source.load(name).name;
  }

  runtimeFor(name: string): UnitRuntime | null {
    const known = this.runtimes.get(name);
    if (known) return known;
    let unit: Unit;
    try {
      unit = this.source.load(name);
    } catch (error) {
      this.journal.log(name, `Failed to load ${name}: ${(error as Error).message}`, 3);
      return null;
    }
    const existing = this.runtimes.get(unit.name);
    if (existing) {
      this.runtimes.set(name, existing);
      return existing;
    }
    return this.addUnit(unit, name);
  }

  /** Adds a unit that did not come from a file (the wrapped command of `tsd -- CMD`). */
  addUnit(loaded: Unit, requestedName = loaded.name): UnitRuntime {
    const unit = this.canonicalise(loaded);
    const runtime = unit.type === 'service' && unit.service && unit.loadState === 'loaded'
      ? new ServiceRuntime(unit, this)
      : new PassiveRuntime(unit, this);
    for (const name of new Set([unit.name, requestedName, ...unit.names])) this.runtimes.set(name, runtime);
    this.ordering.addUnit(unit.name, unit.unit.after, unit.unit.before);
    return runtime;
  }

  /** Dependency lists rewritten to canonical names, so aliases order and require like their unit. */
  private canonicalise(unit: Unit): Unit {
    const section = { ...unit.unit };
    for (const key of DEPENDENCY_LISTS) {
      section[key] = [...new Set(section[key].map((name) => {
        try {
          return this.canonicalName(name);
        } catch {
          return name;
        }
      }))].filter((name) => name !== unit.name);
    }
    return { ...unit, unit: section };
  }

  /** Every distinct runtime, in load order. */
  allRuntimes(): UnitRuntime[] {
    return [...new Set(this.runtimes.values())];
  }

  get(name: string): UnitRuntime | undefined {
    return this.runtimes.get(name);
  }

  // ---- UnitHost -----------------------------------------------------------------------------

  log(unit: Unit, message: string, priority = 6): void {
    this.journal.log(unit.name, message, priority);
  }

  /**
   * The journal takes the pipes of the processes spawned by the running code once that code is
   * done: a boot spawns its services back to back (setting up a reader per pipe costs a good
   * part of a fork), and what they write meanwhile waits in the pipes.
   */
  attachOutput(unit: Unit, pid: number, spawned: SpawnSuccess, stderrSeparate: boolean): void {
    if (spawned.stdoutFd === undefined && spawned.stderrFd === undefined) return;
    if (this.pendingOutput.length === 0) queueTask(() => this.attachPendingOutput());
    this.pendingOutput.push({ unit, pid, spawned, stderrSeparate });
  }

  private attachPendingOutput(): void {
    const pending = this.pendingOutput;
    this.pendingOutput = [];
    for (const { unit, pid, spawned, stderrSeparate } of pending) {
      if (spawned.stdoutFd !== undefined) this.journal.attachPipe(unit, pid, spawned.stdoutFd, 'stdout');
      if (spawned.stderrFd !== undefined) this.journal.attachPipe(unit, pid, spawned.stderrFd, stderrSeparate ? 'stderr' : 'stdout');
    }
  }

  watchPid(pid: number, runtime: UnitRuntime): void {
    this.pidOwners.set(pid, runtime);
  }

  unwatchPid(pid: number): void {
    this.pidOwners.delete(pid);
  }

  stateChanged(runtime: UnitRuntime, previous: ActiveState): void {
    if (runtime.activeState === 'deactivating') this.deactivating.add(runtime);
    else this.deactivating.delete(runtime);
    for (const listener of this.stateListeners) listener(runtime, previous);
  }

  onStateChange(listener: (runtime: UnitRuntime, previous: ActiveState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  jobEvent(job: Job, event: 'new' | 'removed', result?: JobResult): void {
    for (const listener of this.jobListeners) listener(job, event, result);
  }

  /** JobNew/JobRemoved, for shutdown and for the control plane. */
  onJobEvent(listener: (job: Job, event: 'new' | 'removed', result?: JobResult) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  // ---- events from the native core ----------------------------------------------------------

  /** Whether a unit waits for the exit of `pid` (the reaper hands over only those exits). */
  claims(pid: number): boolean {
    return this.pidOwners.has(pid);
  }

  /** Children reaped: `exits` of the pids units claimed, and how many more nobody claimed. */
  onExits(exits: ExitInfo[], unclaimed = 0): void {
    this.unknownReaped += unclaimed;
    for (const info of exits) {
      const owner = this.pidOwners.get(info.pid);
      if (owner) {
        try {
          owner.onExit(info.pid, info);
        } catch (error) {
          this.journal.log(owner.name, `Internal error while handling the exit of PID ${info.pid}: ${(error as Error).stack}`, 3);
        }
      } else {
        this.unknownReaped++;
      }
    }
    // Units waiting for their last processes (and the final sweep) look again, once per batch.
    for (const runtime of this.deactivating) {
      if (runtime.activeState === 'deactivating') runtime.onProcessesChanged();
    }
    for (const listener of this.exitListeners) listener();
  }

  onProcessExits(listener: () => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /**
   * An sd_notify datagram, to the unit it belongs to. Whatever becomes of it, every fd it
   * carried is closed here: tsd keeps no fd store (systemd's default FileDescriptorStoreMax=0
   * closes them too), and an fd left open would leak one per datagram until tsd hits EMFILE.
   */
  onNotify(message: NotifyMessage): void {
    try {
      this.routeNotify(message);
    } catch (error) {
      this.journal.log('tsd', `Internal error while handling a notify message of PID ${message.pid}: ${(error as Error).stack}`, 3);
    } finally {
      for (const fd of message.fds) this.io.closeFd(fd);
    }
  }

  private routeNotify(message: NotifyMessage): void {
    const owner = this.pidOwners.get(message.pid) ?? this.ownerByInvocation(message.pid);
    const problem = notifyDatagramProblem(message.data, message.truncated === true);
    if (problem) {
      if (owner) this.journal.log(owner.name, `${owner.name}: ${problem}`, 4);
      else this.journal.log('tsd', `PID ${message.pid}: ${problem}`, 4);
      return;
    }
    if (!(owner instanceof ServiceRuntime)) {
      this.journal.log('tsd', `Cannot find unit for notify message of PID ${message.pid}, ignoring.`, 7);
      return;
    }
    if (!owner.acceptsNotifyFrom(message.pid)) {
      this.journal.log(owner.name, `${owner.name}: Got notification message from PID ${message.pid}, but reception only permitted for main PID ${owner.mainPid || 'which is currently not known'}`, 4);
      return;
    }
    owner.onNotify(message);
  }

  /** A child of a service (NotifyAccess=all) is found by the INVOCATION_ID it inherited. */
  private ownerByInvocation(pid: number): UnitRuntime | undefined {
    if (pid <= 0) return undefined;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${pid}/environ`);
    } catch {
      return undefined;
    }
    const match = /(?:^|\0)INVOCATION_ID=([0-9a-f]{32})(?:\0|$)/.exec(environ.toString('latin1'));
    if (!match) return undefined;
    return this.allRuntimes().find((r) => r instanceof ServiceRuntime && r.invocationId === match[1]);
  }

  // ---- boot and shutdown --------------------------------------------------------------------

  /** Starts `target` and everything it pulls in; resolves with the anchor job's result. */
  boot(target: string): Promise<JobResult> {
    this.systemState = 'starting';
    return this.start(target).then((result) => {
      if (!this.shuttingDown) this.systemState = this.failedUnits().length > 0 ? 'degraded' : 'running';
      return result;
    });
  }

  start(name: string): Promise<JobResult> {
    return new Promise((resolve) => {
      if (!this.jobs.startTransaction(name, resolve)) resolve('failed');
    });
  }

  stop(name: string): Promise<JobResult> {
    return new Promise((resolve) => {
      if (!this.jobs.stopTransaction(name, (n) => this.dependentsOf(n), resolve)) resolve('done');
    });
  }

  /** Units that must stop when `name` stops: Requires=, BindsTo= or PartOf= on it. */
  private dependentsOf(name: string): string[] {
    return this.allRuntimes()
      .filter((r) => r.unit.unit.requires.includes(name) || r.unit.unit.bindsTo.includes(name) || r.unit.unit.partOf.includes(name))
      .map((r) => r.name);
  }

  failedUnits(): UnitRuntime[] {
    return this.allRuntimes().filter((r) => r.activeState === 'failed');
  }

  /** Stops every unit in reverse dependency order; resolves when no job is left. */
  stopAll(): Promise<void> {
    this.shuttingDown = true;
    this.systemState = 'stopping';
    return new Promise((resolve) => {
      const check = () => {
        if (this.jobs.size === 0) {
          unsubscribe();
          resolve();
        }
      };
      const unsubscribe = this.onJobEvent((_job, event) => {
        if (event === 'removed') queueTask(check);
      });
      this.jobs.stopEverything(this.allRuntimes());
      check();
    });
  }

  /** True when some service needed SIGKILL after its TimeoutStopSec. */
  anyKilledAfterTimeout(): boolean {
    return this.allRuntimes().some((r) => r instanceof ServiceRuntime && r.killedAfterTimeout);
  }
}
