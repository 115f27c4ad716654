// What every unit has at run time, whatever its type: its states, timestamps, and the host
// (the manager) it asks for processes, pid tracking and log messages. Type-specific state
// machines (service-runtime.ts, target-runtime.ts) extend it.
import type { ExitInfo, NotifyMessage, SpawnSuccess } from '../native/core.js';
import type { Unit } from '../units/model.js';
import type { ExecPlanIo } from './exec-plan.js';
import type { ProcessPort } from './port.js';
import type { ActiveState, JobResult } from './unit-state.js';

/** Manager-wide defaults (systemd-system.conf(5) Default*=). Milliseconds. */
export interface ManagerDefaults {
  timeoutStartMs: number;
  timeoutStopMs: number;
  timeoutAbortMs?: number;
  restartMs: number;
  startLimitIntervalMs: number;
  startLimitBurst: number;
}

export const SYSTEMD_DEFAULTS: ManagerDefaults = {
  timeoutStartMs: 90_000,
  timeoutStopMs: 90_000,
  restartMs: 100,
  startLimitIntervalMs: 10_000,
  startLimitBurst: 5,
};

/** Where a spawned process's output goes in the journal. */
export interface OutputRoute {
  stdoutFd?: number;
  stderrFd?: number;
  stderrSeparate: boolean;
}

export interface UnitHost {
  readonly port: ProcessPort;
  readonly io: ExecPlanIo;
  readonly defaults: ManagerDefaults;
  readonly notifySocketPath: string | undefined;
  readonly managerEnvironment: Record<string, string | undefined>;
  /** A message of the manager about this unit, into the journal stream. */
  log(unit: Unit, message: string, priority?: number): void;
  /** Hands the read ends of a spawned process's pipes to the journal. */
  attachOutput(unit: Unit, pid: number, spawned: SpawnSuccess, stderrSeparate: boolean): void;
  /** Routes the exit of pid (and notify messages from it) to this runtime. */
  watchPid(pid: number, runtime: UnitRuntime): void;
  unwatchPid(pid: number): void;
  /** Called on every ActiveState/SubState change (jobs, D-Bus signals). */
  stateChanged(runtime: UnitRuntime, previous: ActiveState): void;
  /** True once shutdown began: nothing restarts any more. */
  readonly shuttingDown: boolean;
}

export type JobCallback = (result: JobResult) => void;

export abstract class UnitRuntime {
  activeState: ActiveState = 'inactive';
  abstract subState: string;
  /** Timestamps in microseconds since the epoch (0 = never), as systemd reports them. */
  inactiveExitTimestamp = 0;
  activeEnterTimestamp = 0;
  activeExitTimestamp = 0;
  inactiveEnterTimestamp = 0;

  constructor(public unit: Unit, protected readonly host: UnitHost) {}

  get name(): string {
    return this.unit.name;
  }

  /** Begins activation; done is called once with the start job's result. */
  abstract start(done: JobCallback): void;
  /** Begins deactivation; done is called once with the stop job's result. */
  abstract stop(done: JobCallback): void;

  /** A watched pid ended. */
  onExit(_pid: number, _info: ExitInfo): void {}
  /** An sd_notify datagram from a watched pid (or from anyone, for NotifyAccess=all). */
  onNotify(_message: NotifyMessage): void {}
  /** Some process of the container ended: units waiting for their processes to vanish re-check. */
  onProcessesChanged(): void {}
  /** Pids to which notify messages may belong. */
  notifyPids(): number[] {
    return [];
  }

  protected setActiveState(next: ActiveState): void {
    const previous = this.activeState;
    if (previous === next) {
      this.host.stateChanged(this, previous);
      return;
    }
    const now = this.host.port.realtimeUsec();
    if (previous === 'inactive' || previous === 'failed') this.inactiveExitTimestamp = now;
    if (next === 'active') this.activeEnterTimestamp = now;
    if (previous === 'active' || previous === 'reloading') this.activeExitTimestamp = now;
    if (next === 'inactive' || next === 'failed') this.inactiveEnterTimestamp = now;
    this.activeState = next;
    this.host.stateChanged(this, previous);
  }
}

/** Targets (and any unit type whose behaviour is not implemented yet): active once started. */
export class PassiveRuntime extends UnitRuntime {
  subState = 'dead';

  private get label(): string {
    const d = this.unit.unit.description;
    return d && d !== this.unit.name ? `${this.unit.name} - ${d}` : this.unit.name;
  }

  start(done: JobCallback): void {
    if (this.activeState !== 'active' && this.unit.type === 'target') this.host.log(this.unit, `Reached target ${this.label}.`);
    this.subState = 'active';
    this.setActiveState('active');
    done('done');
  }

  stop(done: JobCallback): void {
    if (this.activeState === 'active' && this.unit.type === 'target') this.host.log(this.unit, `Stopped target ${this.label}.`);
    this.subState = 'dead';
    this.setActiveState('inactive');
    done('done');
  }
}
