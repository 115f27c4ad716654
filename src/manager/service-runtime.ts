// The service state machine (systemd.service(5)): start-pre -> start -> start-post -> running,
// then stop -> stop-sigterm -> stop-sigkill -> stop-post -> dead | failed, and auto-restart.
// It decides; the port does. Every transition is driven by an event: a process exit, an
// sd_notify datagram, a timer, or a job from the manager.
import type { ExitInfo, NotifyMessage } from '../native/core.js';
import type { ExecCommand, KillContext, ServiceSection, Unit } from '../units/model.js';
import { evaluateConditions } from './conditions.js';
import { type ExecPlan, planExec } from './exec-plan.js';
import { removeRuntimeDirectories, setUpExecDirectories } from './exec-directories.js';
import { describeExit, EXIT_STATUS_FOR_STAGE, isCleanExit, isSuccessfulCommandExit, resultOfExit } from './exit-status.js';
import { type MainPidContext, mainPidRefusal } from './main-pid-check.js';
import { parseNotifyMessage } from './notify-message.js';
import type { ProcessInfo, TimerHandle } from './port.js';
import { shouldRestart } from './restart-policy.js';
import { signalName } from './signal-name.js';
import { type JobCallback, UnitRuntime, type UnitHost } from './unit-runtime.js';
import { activeStateOfService, type JobResult, type ServiceResult, type ServiceSubState } from './unit-state.js';
import { queueTask } from '../lib/microtask.js';

const SIGCONT = 18;
const SIGHUP = 1;
const SIGKILL = 9;

type CommandRole = 'main' | 'control';

/** The states in which systemd acts on MAINPID= (service_notify_message). */
const MAIN_PID_STATES: ReadonlySet<ServiceSubState> = new Set(['start', 'start-post', 'running', 'reload']);

export class ServiceRuntime extends UnitRuntime {
  subState: ServiceSubState = 'dead';
  result: ServiceResult = 'success';
  mainPid = 0;
  controlPid = 0;
  statusText = '';
  invocationId = '';
  nRestarts = 0;
  /** The last main process exit (ExecMainCode/ExecMainStatus). */
  mainExit: ExitInfo | null = null;
  /** Why the main command of this start could not be executed (stage and errno code), if so:
   *  wrapper mode tells "not found" (127) from "cannot execute" (126) by it. */
  mainSpawnFailure: { stage: string; code: string } | null = null;
  execMainStartTimestamp = 0;
  execMainExitTimestamp = 0;
  /** Set when the stop had to escalate to SIGKILL after TimeoutStopSec. */
  killedAfterTimeout = false;

  private startJobs: JobCallback[] = [];
  private stopJobs: JobCallback[] = [];
  private reloadJobs: JobCallback[] = [];
  private timer: TimerHandle | null = null;
  private stopRequested = false;
  private startTimes: number[] = [];
  /** Every pid this invocation spawned leads its own session: their sessions are the unit's "cgroup". */
  private readonly sessions = new Set<number>();
  private controlDone: ((info: ExitInfo) => void) | null = null;
  /** The signal of the current stop phase, whom it reached, and whether it goes to every process. */
  private signalling: { signal: number; everyProcess: boolean; signalled: Set<number> } | null = null;
  private oneshotQueue: ExecCommand[] = [];
  /** The once-per-unit note that fds sent with sd_notify are closed was logged. */
  private fdsDiscardedNoted = false;

  constructor(unit: Unit, host: UnitHost) {
    super(unit, host);
  }

  private get service(): ServiceSection {
    return this.unit.service!;
  }

  private get killContext(): KillContext {
    return this.unit.kill!;
  }

  private get label(): string {
    const d = this.unit.unit.description;
    return d && d !== this.unit.name ? `${this.unit.name} - ${d}` : this.unit.name;
  }

  private log(message: string, priority = 6): void {
    this.host.log(this.unit, message, priority);
  }

  private logUnit(message: string, priority = 6): void {
    this.host.log(this.unit, `${this.unit.name}: ${message}`, priority);
  }

  private timeoutStartMs(): number {
    const configured = this.service.timeoutStartSec;
    if (configured !== undefined) return configured === 0 ? Infinity : configured;
    // "If Type=oneshot is used, TimeoutStartSec= defaults to infinity" (systemd.service(5)).
    return this.service.type === 'oneshot' ? Infinity : this.host.defaults.timeoutStartMs;
  }

  timeoutStopMs(): number {
    const configured = this.service.timeoutStopSec;
    if (configured !== undefined) return configured === 0 ? Infinity : configured;
    return this.host.defaults.timeoutStopMs;
  }

  private setSub(sub: ServiceSubState): void {
    this.subState = sub;
    this.setActiveState(activeStateOfService(sub));
  }

  private armTimer(ms: number, onTimeout: () => void): void {
    this.cancelTimer();
    this.timer = this.host.port.setTimer(ms, () => {
      this.timer = null;
      onTimeout();
    });
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private settle(jobs: 'start' | 'stop' | 'reload', result: JobResult): void {
    const list = jobs === 'start' ? this.startJobs : jobs === 'stop' ? this.stopJobs : this.reloadJobs;
    if (jobs === 'start') this.startJobs = [];
    else if (jobs === 'stop') this.stopJobs = [];
    else this.reloadJobs = [];
    for (const done of list) done(result);
  }

  // ---- jobs -------------------------------------------------------------------------------

  start(done: JobCallback): void {
    const active = this.activeState;
    if (active === 'active' || active === 'reloading') {
      done('done');
      return;
    }
    this.startJobs.push(done);
    if (this.subState === 'auto-restart') {
      this.cancelTimer();
      this.beginStart();
      return;
    }
    if (active === 'activating') return;
    if (active === 'deactivating') return; // begins again once the stop finished (see enterDead)
    this.stopRequested = false;
    this.beginStart();
  }

  stop(done: JobCallback): void {
    this.stopRequested = true;
    switch (this.subState) {
      case 'dead': case 'failed':
        done('done');
        return;
      case 'auto-restart':
        this.cancelTimer();
        this.setSub(this.result === 'success' ? 'dead' : 'failed');
        done('done');
        return;
      case 'stop': case 'stop-sigterm': case 'stop-sigkill': case 'stop-post': case 'final-sigterm': case 'final-sigkill':
        this.stopJobs.push(done);
        return;
      case 'condition': case 'start-pre': case 'start': case 'start-post':
        this.stopJobs.push(done);
        this.settle('start', 'canceled');
        this.enterStopSignal('success');
        return;
      default:
        this.stopJobs.push(done);
        this.enterStop('success');
    }
  }

  reload(done: JobCallback): void {
    if (this.subState !== 'running' && this.subState !== 'exited') {
      done('failed');
      return;
    }
    if (this.service.execReload.length === 0) {
      done('done');
      return;
    }
    this.reloadJobs.push(done);
    this.setSub('reload');
    this.log(`Reloading ${this.label}...`);
    this.runControl(this.service.execReload, this.timeoutStartMs(), (ok) => {
      if (this.subState !== 'reload') return;
      this.setSub(this.mainPid || this.service.remainAfterExit ? (this.mainPid ? 'running' : 'exited') : 'running');
      this.log(ok ? `Reloaded ${this.label}.` : `Reload failed for ${this.label}.`, ok ? 6 : 3);
      this.settle('reload', ok ? 'done' : 'failed');
    });
  }

  // ---- start ------------------------------------------------------------------------------

  private beginStart(): void {
    const now = this.host.port.now();
    const interval = this.unit.unit.startLimitIntervalSec ?? this.host.defaults.startLimitIntervalMs;
    const burst = this.unit.unit.startLimitBurst ?? this.host.defaults.startLimitBurst;
    this.startTimes = this.startTimes.filter((t) => now - t < interval);
    if (interval > 0 && burst > 0 && this.startTimes.length >= burst) {
      this.logUnit('Start request repeated too quickly.', 4);
      this.result = 'start-limit-hit';
      this.enterDead(false);
      return;
    }
    this.startTimes.push(now);

    const conditions = evaluateConditions(this.unit.unit.conditions, false);
    if (!conditions.ok) {
      const c = conditions.failed!;
      this.log(`${this.label} was skipped because of an unmet condition check (${c.key}=${c.negate ? '!' : ''}${c.value}).`);
      this.settle('start', 'skipped');
      return;
    }
    const asserts = evaluateConditions(this.unit.unit.conditions, true);
    if (!asserts.ok) {
      const c = asserts.failed!;
      this.log(`Assertion failed for ${this.label} (${c.key}=${c.negate ? '!' : ''}${c.value}).`, 3);
      this.settle('start', 'assert');
      return;
    }

    this.result = 'success';
    this.mainExit = null;
    this.mainSpawnFailure = null;
    this.statusText = '';
    this.killedAfterTimeout = false;
    this.invocationId = this.host.port.newInvocationId();
    this.sessions.clear();
    this.log(`Starting ${this.label}...`);
    this.setSub('start-pre');
    this.cancelTimer();
    this.runCommandList(this.service.execStartPre, (ok) => {
      if (this.subState !== 'start-pre') return;
      if (ok) this.enterStart();
      else this.enterStopSignal('exit-code');
    });
    // TimeoutStartSec= from now on, if the start did not complete at once: a Type=simple
    // service is running already, with no timer to set and cancel (boot does this per unit).
    if (this.activeState === 'activating' && this.timer === null) {
      this.armTimer(this.timeoutStartMs(), () => this.onStartTimeout());
    }
  }

  private enterStart(): void {
    this.setSub('start');
    const type = this.service.type;
    const commands = this.service.execStart;
    if (type === 'oneshot') {
      this.oneshotQueue = [...commands];
      this.runNextOneshot();
      return;
    }
    const command = commands[0];
    if (!command) {
      this.logUnit('Service has no ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.', 3);
      this.result = 'resources';
      this.enterDead(false);
      return;
    }
    if (type === 'forking') {
      // The process ExecStart= forks exits once the daemon runs: it is a control process.
      const pid = this.spawnCommand(command, 'control');
      if (pid < 0) return;
      this.controlDone = (info) => {
        if (!isSuccessfulCommandExit(info, this.service.successExitStatus) && !command.ignoreFailure) {
          this.logUnit(`Control process exited, ${describeExit(info)}`, 4);
          this.result = resultOfExit(info);
          this.enterStopSignal(this.result);
          return;
        }
        this.findForkedMainPid();
        this.enterStartPost();
      };
      return;
    }
    const pid = this.spawnCommand(command, 'main');
    if (pid < 0) return;
    // simple, exec, idle, dbus (no bus in tsd yet): started once exec succeeded, which the
    // native spawn confirms synchronously. notify waits for READY=1.
    if (type !== 'notify' && type !== 'notify-reload') this.enterStartPost();
  }

  private runNextOneshot(): void {
    const command = this.oneshotQueue.shift();
    if (!command) {
      this.enterStartPost();
      return;
    }
    this.spawnCommand(command, 'main');
  }

  private enterStartPost(): void {
    this.setSub('start-post');
    this.runCommandList(this.service.execStartPost, (ok) => {
      if (this.subState !== 'start-post') return;
      if (ok) this.enterRunning();
      else this.enterStop('exit-code');
    });
  }

  private enterRunning(): void {
    this.cancelTimer();
    const type = this.service.type;
    if (type === 'oneshot') {
      if (this.service.remainAfterExit) {
        this.setSub('exited');
        this.log(`Finished ${this.label}.`);
        this.settle('start', 'done');
      } else {
        this.log(`Finished ${this.label}.`);
        this.settle('start', 'done');
        this.enterStop('success');
      }
      return;
    }
    if (this.mainPid > 0) {
      this.setSub('running');
      this.log(`Started ${this.label}.`);
      this.settle('start', 'done');
      return;
    }
    // The main process is already gone (or unknown, for forking without PIDFile).
    if (this.mainExit && this.service.type !== 'forking') {
      this.setSub('running');
      this.log(`Started ${this.label}.`);
      this.settle('start', 'done');
      this.onMainGone(this.mainExit);
      return;
    }
    this.setSub(this.service.remainAfterExit ? 'exited' : 'running');
    this.log(`Started ${this.label}.`);
    this.settle('start', 'done');
  }

  private onStartTimeout(): void {
    const phase = this.subState;
    this.logUnit(`${phase === 'start' ? 'start' : phase} operation timed out. Terminating.`, 3);
    this.enterStopSignal('timeout');
  }

  /** Type=forking: PIDFile=, else (GuessMainPID=yes) the one process left of the unit. */
  private findForkedMainPid(): void {
    const pidFile = this.service.pidFile;
    if (pidFile) {
      const text = this.host.port.readFile(pidFile);
      const pid = text ? Number.parseInt(text.trim(), 10) : NaN;
      if (!Number.isInteger(pid) || pid <= 0) {
        this.logUnit(`Can't open PID file ${pidFile} (yet?) after start: ${text === null ? 'No such file or directory' : 'invalid content'}`, 4);
      } else {
        // systemd trusts a pid outside the unit from a PID file owned by root; the port does
        // not tell the file's owner, so only the refusals that hold for any source apply.
        const refusal = mainPidRefusal(pid, this.mainPidContext(true));
        if (!refusal) {
          this.setMainPid(pid);
          return;
        }
        this.logUnit(refusal, 4);
      }
    }
    if (!this.service.guessMainPID) return;
    // Daemons re-parent to tsd when their parent exits: the one such process is the main one.
    const candidates = this.unitProcesses().filter((p) => p.ppid === this.host.port.selfPid);
    if (candidates.length === 1) this.setMainPid(candidates[0]!.pid);
  }

  private setMainPid(pid: number): void {
    if (this.mainPid === pid) return;
    if (this.mainPid) this.host.unwatchPid(this.mainPid);
    this.mainPid = pid;
    this.sessions.add(pid);
    this.host.watchPid(pid, this);
  }

  // ---- processes ---------------------------------------------------------------------------

  /** Spawns one command as the main or the control process. Returns its pid, or -1 after handling the failure. */
  private spawnCommand(command: ExecCommand, role: CommandRole, extra?: Record<string, string>): number {
    const plan = this.prepareExecDirectories() ?? planExec(this.unit, command, this.host.port, this.host.io, {
      invocationId: this.invocationId,
      mainPid: role === 'control' && this.mainPid ? this.mainPid : undefined,
      notifySocket: this.wantsNotifySocket() ? this.host.notifySocketPath : undefined,
      managerEnvironment: this.host.managerEnvironment,
      extra,
      outputToJournal: true,
      warn: (message) => this.logUnit(message, 4),
    });
    if (!plan.ok) {
      // planExec's 'exec' failure is a command found nowhere on the search path.
      if (role === 'main') this.mainSpawnFailure = { stage: plan.stage, code: plan.stage === 'exec' ? 'ENOENT' : '' };
      this.logUnit(`${plan.message}`, 3);
      this.logUnit(`Failed at step ${plan.stage.toUpperCase()} spawning ${command.path}: ${plan.message}`, 3);
      this.failSpawn(command, role, plan.exitStatus);
      return -1;
    }
    const spawned = this.host.port.spawn(plan.options);
    for (const fd of plan.openedFds) this.host.io.closeFd(fd);
    if (!spawned.ok) {
      if (role === 'main') this.mainSpawnFailure = { stage: spawned.stage, code: spawned.code };
      const status = EXIT_STATUS_FOR_STAGE[spawned.stage] ?? 203;
      if (spawned.stage === 'exec') this.logUnit(`Failed to execute ${plan.options.file}: ${spawned.message}`, 3);
      this.logUnit(`Failed at step ${spawned.stage.toUpperCase()} spawning ${plan.options.file}: ${spawned.message}`, 3);
      this.failSpawn(command, role, status);
      return -1;
    }
    const pid = spawned.pid;
    this.sessions.add(pid);
    this.host.watchPid(pid, this);
    this.host.attachOutput(this.unit, pid, spawned, plan.stderrSeparate);
    if (role === 'main') {
      this.mainPid = pid;
      this.execMainStartTimestamp = this.host.port.realtimeUsec();
    } else {
      this.controlPid = pid;
    }
    return pid;
  }

  /** The invocation whose RuntimeDirectory= & co. are made: once per start, before its first command. */
  private execDirectoriesOf = '';

  /** Makes the unit's directories (exec-directories.ts); a failure fails the command like a failed exec (233/RUNTIME_DIRECTORY...). */
  private prepareExecDirectories(): ExecPlan | undefined {
    if (this.execDirectoriesOf === this.invocationId) return undefined;
    const made = setUpExecDirectories(this.unit, this.host.port);
    if (!made.ok) return made;
    for (const warning of made.warnings) this.logUnit(warning, 4);
    this.execDirectoriesOf = this.invocationId;
    return undefined;
  }

  /** A command that could not be started behaves as if its process exited with systemd's status (203/EXEC...). */
  private failSpawn(command: ExecCommand, role: CommandRole, exitStatus: number): void {
    const info: ExitInfo = { pid: 0, kind: 'exited', code: exitStatus < 0 ? 1 : exitStatus, signal: 0 };
    queueTask(() => {
      if (exitStatus < 0) this.result = 'resources';
      if (role === 'main') this.onMainExit(info, command);
      else this.onControlExit(info);
    });
  }

  private wantsNotifySocket(): boolean {
    const access = this.service.notifyAccess;
    return this.service.type === 'notify' || this.service.type === 'notify-reload' || (access !== undefined && access !== 'none');
  }

  /** Runs commands one after another as control processes; ok=false at the first failure not prefixed with '-'. */
  private runCommandList(commands: ExecCommand[], done: (ok: boolean) => void, extra?: Record<string, string>): void {
    const queue = [...commands];
    const next = () => {
      const command = queue.shift();
      if (!command) {
        done(true);
        return;
      }
      this.controlDone = (info) => {
        if (isSuccessfulCommandExit(info, this.service.successExitStatus) || command.ignoreFailure) {
          next();
          return;
        }
        this.logUnit(`Control process exited, ${describeExit(info)}`, 4);
        this.result = this.result === 'success' ? resultOfExit(info) : this.result;
        done(false);
      };
      this.spawnCommand(command, 'control', extra);
    };
    next();
  }

  private runControl(commands: ExecCommand[], timeoutMs: number, done: (ok: boolean) => void): void {
    this.armTimer(timeoutMs, () => {
      this.logUnit('Control process timed out. Killing.', 3);
      if (this.controlPid) this.host.port.kill(this.controlPid, SIGKILL);
    });
    this.runCommandList(commands, (ok) => {
      this.cancelTimer();
      done(ok);
    });
  }

  override onExit(pid: number, info: ExitInfo): void {
    this.host.unwatchPid(pid);
    if (pid === this.mainPid) {
      this.mainPid = 0;
      this.onMainExit(info, this.service.type === 'oneshot' ? undefined : this.service.execStart[0]);
    } else if (pid === this.controlPid) {
      this.controlPid = 0;
      this.onControlExit(info);
    } else {
      this.onProcessesChanged();
    }
  }

  private onControlExit(info: ExitInfo): void {
    const done = this.controlDone;
    this.controlDone = null;
    if (done) done(info);
    else this.onProcessesChanged();
  }

  private onMainExit(info: ExitInfo, command: ExecCommand | undefined): void {
    this.mainExit = info;
    this.execMainExitTimestamp = this.host.port.realtimeUsec();
    const clean = isCleanExit(info, this.service.successExitStatus) || (command?.ignoreFailure ?? false);
    switch (this.subState) {
      case 'start': {
        if (this.service.type === 'oneshot') {
          const ok = isSuccessfulCommandExit(info, this.service.successExitStatus) || (command?.ignoreFailure ?? false);
          if (ok) {
            this.runNextOneshot();
            return;
          }
          this.logUnit(`Main process exited, ${describeExit(info)}`, 4);
          this.result = resultOfExit(info);
          this.enterStopSignal(this.result);
          return;
        }
        // The main process ended before the start completed (notify before READY=1, or a failed exec).
        this.logUnit(`Main process exited, ${describeExit(info)}`, clean ? 6 : 4);
        this.result = clean ? 'protocol' : resultOfExit(info);
        this.enterStopSignal(this.result);
        return;
      }
      case 'start-pre': case 'start-post': case 'reload':
        return; // handled when the phase ends (enterRunning sees mainExit)
      case 'running': case 'exited':
        this.onMainGone(info);
        return;
      default:
        this.onProcessesChanged();
    }
  }

  private onMainGone(info: ExitInfo): void {
    const clean = isCleanExit(info, this.service.successExitStatus);
    if (!clean || info.kind !== 'exited' || info.code !== 0) {
      this.logUnit(`Main process exited, ${describeExit(info)}`, clean ? 6 : 4);
    }
    if (clean && this.service.remainAfterExit) {
      this.setSub('exited');
      return;
    }
    this.enterStop(clean ? 'success' : resultOfExit(info));
  }

  // ---- stop -------------------------------------------------------------------------------

  private enterStop(result: ServiceResult): void {
    if (this.result === 'success') this.result = result;
    this.cancelTimer();
    if (this.service.execStop.length === 0) {
      this.enterStopSignal(result);
      return;
    }
    this.setSub('stop');
    this.armTimer(this.timeoutStopMs(), () => {
      this.logUnit('Stopping timed out. Terminating.', 3);
      this.enterStopSignal('timeout');
    });
    this.runCommandList(this.service.execStop, () => {
      if (this.subState === 'stop') this.enterStopSignal(result);
    }, this.resultEnvironment());
  }

  private resultEnvironment(): Record<string, string> {
    const exit = this.mainExit;
    const env: Record<string, string> = { SERVICE_RESULT: this.result };
    if (exit) {
      env.EXIT_CODE = exit.kind;
      env.EXIT_STATUS = exit.kind === 'exited' ? String(exit.code) : signalName(exit.signal).replace(/^SIG/, '');
    }
    return env;
  }

  /** stop-sigterm: KillSignal= to the unit's processes, as KillMode= says. */
  private enterStopSignal(result: ServiceResult): void {
    if (this.result === 'success') this.result = result;
    this.controlDone = null;
    this.setSub('stop-sigterm');
    const kill = this.killContext;
    if (kill.killMode !== 'none') {
      this.signalProcesses(kill.killSignal, kill.killMode === 'control-group');
      if (kill.sendSIGHUP) this.signalProcesses(SIGHUP, kill.killMode === 'control-group', false, false);
    }
    if (this.allProcessesGone()) {
      this.enterStopPost();
      return;
    }
    this.armTimer(this.timeoutStopMs(), () => this.enterStopSigkill());
  }

  private enterStopSigkill(): void {
    const kill = this.killContext;
    if (!kill.sendSIGKILL) {
      this.logUnit("State 'stop-sigterm' timed out. Skipping SIGKILL.", 4);
      this.enterStopPost();
      return;
    }
    this.logUnit("State 'stop-sigterm' timed out. Killing.", 4);
    this.killedAfterTimeout = true;
    if (this.result === 'success') this.result = 'timeout';
    this.setSub('stop-sigkill');
    this.signalProcesses(kill.finalKillSignal, kill.killMode !== 'process', true);
    if (this.allProcessesGone()) {
      this.enterStopPost();
      return;
    }
    this.armTimer(this.timeoutStopMs(), () => {
      this.logUnit('Processes still around after SIGKILL. Ignoring.', 4);
      this.enterStopPost();
    });
  }

  private enterStopPost(): void {
    this.cancelTimer();
    this.signalling = null;
    if (this.service.execStopPost.length === 0) {
      this.enterDead(true);
      return;
    }
    this.setSub('stop-post');
    this.armTimer(this.timeoutStopMs(), () => {
      this.logUnit("State 'stop-post' timed out. Terminating.", 4);
      if (this.controlPid) this.host.port.kill(this.controlPid, SIGKILL);
      this.enterDead(true);
    });
    this.runCommandList(this.service.execStopPost, () => {
      if (this.subState === 'stop-post') this.enterDead(true);
    }, this.resultEnvironment());
  }

  private enterDead(ranStop: boolean): void {
    this.cancelTimer();
    const failed = this.result !== 'success';
    const startPending = this.startJobs.length > 0;
    this.setSub(failed ? 'failed' : 'dead');
    // Before the jobs settle, which may start the unit again: RuntimeDirectory= goes now.
    for (const problem of removeRuntimeDirectories(this.unit, this.host.port, this.restartsAutomatically())) this.logUnit(problem, 4);
    if (failed) {
      this.logUnit(`Failed with result '${this.result}'.`, 4);
      if (startPending) this.log(`Failed to start ${this.label}.`, 3);
    } else if (this.stopRequested && ranStop) {
      this.log(`Stopped ${this.label}.`);
    } else if (ranStop) {
      this.logUnit('Deactivated successfully.');
    }
    this.settle('start', failed ? (this.result === 'timeout' ? 'timeout' : 'failed') : 'done');
    this.settle('stop', 'done');
    this.settle('reload', 'failed');
    if (this.restartsAutomatically()) this.scheduleRestart();
  }

  /** Restart=: whether the unit that just died is started again on its own. */
  private restartsAutomatically(): boolean {
    return !this.stopRequested && !this.host.shuttingDown && this.result !== 'start-limit-hit'
      && shouldRestart(this.service, this.result, this.mainExit);
  }

  private scheduleRestart(): void {
    this.setSub('auto-restart');
    const delay = this.service.restartSec ?? this.host.defaults.restartMs;
    this.armTimer(delay, () => {
      this.nRestarts++;
      this.logUnit(`Scheduled restart job, restart counter is at ${this.nRestarts}.`);
      this.beginStart();
    });
  }

  // ---- the unit's processes ------------------------------------------------------------------

  /** The unit's live processes: those in a session it spawned, or carrying its INVOCATION_ID. */
  private unitProcesses(): ProcessInfo[] {
    const mine: ProcessInfo[] = [];
    const others: ProcessInfo[] = [];
    for (const p of this.host.port.descendants()) {
      if (p.state === 'Z') continue;
      (this.sessions.has(p.sid) || this.sessions.has(p.pgid) ? mine : others).push(p);
    }
    // Only processes outside the unit's sessions need their environment looked at.
    if (this.invocationId && others.length > 0) {
      const byInvocation = new Set(this.host.port.processesWithInvocationId(this.invocationId, others));
      for (const p of others) if (byInvocation.has(p.pid)) mine.push(p);
    }
    return mine;
  }

  /** Sends signal to the main and control processes, and with everyProcess to all the unit's; remembered for late processes unless it is the extra SIGHUP. */
  private signalProcesses(signal: number, everyProcess: boolean, final = false, remember = true): void {
    const signalled = new Set<number>();
    const toAll = everyProcess || (final && this.killContext.killMode === 'mixed');
    if (remember) this.signalling = { signal, everyProcess: toAll, signalled };
    // The main and control processes at once; the rest of the unit's processes once the
    // running JavaScript is done: when every unit stops together, every main process has its
    // signal before /proc is read, and one read of it then serves every unit.
    if (this.mainPid) this.sendSignal(this.mainPid, signal, signalled);
    if (this.controlPid) this.sendSignal(this.controlPid, signal, signalled);
    if (!toAll) return;
    const phase = this.signalling;
    queueTask(() => {
      // Not if the stop phase changed meanwhile (it signals on its own) or the stop ended.
      if (this.signalling !== phase || (this.subState !== 'stop-sigterm' && this.subState !== 'stop-sigkill')) return;
      for (const p of this.unitProcesses()) this.sendSignal(p.pid, signal, signalled);
    });
  }

  private sendSignal(pid: number, signal: number, signalled: Set<number>): void {
    if (signalled.has(pid)) return;
    signalled.add(pid);
    this.host.port.kill(pid, signal);
    // Stopped processes only act on the signal once continued (systemd.kill(5)).
    if (signal !== SIGKILL && signal !== SIGCONT) this.host.port.kill(pid, SIGCONT);
  }

  private allProcessesGone(): boolean {
    if (this.mainPid || this.controlPid) return false;
    const mode = this.killContext.killMode;
    if (mode === 'process' || mode === 'none') return true;
    return this.unitProcesses().length === 0;
  }

  override onProcessesChanged(): void {
    if (this.subState !== 'stop-sigterm' && this.subState !== 'stop-sigkill') return;
    // Their own exits look again: no /proc scan while the main or control process runs.
    if (this.mainPid || this.controlPid) return;
    const mode = this.killContext.killMode;
    const left = mode === 'process' || mode === 'none' ? [] : this.unitProcesses();
    if (left.length === 0) {
      this.enterStopPost();
      return;
    }
    // As systemd's cgroup kill, which repeats until it finds no new process: a process the
    // unit forked after its processes were signalled (a main process forking as it stops)
    // gets the same signal now.
    const signalling = this.signalling;
    if (signalling?.everyProcess) {
      for (const p of left) this.sendSignal(p.pid, signalling.signal, signalling.signalled);
    }
  }

  // ---- sd_notify --------------------------------------------------------------------------

  override notifyPids(): number[] {
    return [this.mainPid, this.controlPid].filter((p) => p > 0);
  }

  /** NotifyAccess= (default 'main' for Type=notify, else 'none'). */
  acceptsNotifyFrom(pid: number): boolean {
    const access = this.service.notifyAccess ?? (this.wantsNotifySocket() ? 'main' : 'none');
    switch (access) {
      case 'all': return this.sessions.size > 0 && this.activeState !== 'inactive' && this.activeState !== 'failed';
      case 'main': return pid > 0 && pid === this.mainPid;
      case 'exec': return pid > 0 && (pid === this.mainPid || pid === this.controlPid);
      default: return false;
    }
  }

  override onNotify(message: NotifyMessage): void {
    const state = parseNotifyMessage(message.data);
    for (const bad of state.invalid) {
      this.logUnit(`Got invalid notification message from PID ${message.pid}: ${bad}`, 4);
    }
    for (const warning of state.warnings) this.logUnit(warning, 4);
    if (state.status !== undefined) this.statusText = state.status;
    // systemd reads MAINPID= only while the service starts, runs or reloads.
    if (state.mainPid !== undefined && MAIN_PID_STATES.has(this.subState)) this.takeMainPid(state.mainPid, message.uid);
    if (state.ready && this.subState === 'start' && (this.service.type === 'notify' || this.service.type === 'notify-reload')) {
      this.enterStartPost();
    }
    if (state.reloading && (this.subState === 'running')) this.setSub('reload');
    else if (state.ready && this.subState === 'reload' && this.reloadJobs.length === 0) this.setSub('running');
    if (message.fds.length > 0) this.noteFdsDiscarded(state.fdStore === true);
  }

  /** MAINPID=: the new main pid, if it is suitable (main-pid-check.ts); a root sender may name one outside the unit. */
  private takeMainPid(pid: number, senderUid: number): void {
    if (pid === this.mainPid) return;
    const refusal = mainPidRefusal(pid, this.mainPidContext(senderUid === 0));
    if (refusal) this.logUnit(refusal, 4);
    else this.setMainPid(pid);
  }

  private mainPidContext(trustedSource: boolean): MainPidContext {
    return {
      port: this.host.port,
      controlPid: this.controlPid,
      belongsToUnit: (pid) => this.unitProcesses().some((p) => p.pid === pid),
      trustedSource,
    };
  }

  /**
   * tsd keeps no file descriptor store: the manager closes every fd a datagram carries, as
   * systemd does with FileDescriptorStoreMax=0, its default. Said once per unit, not per
   * datagram: a service that keeps pushing fds would flood the stream.
   */
  private noteFdsDiscarded(meantForStore: boolean): void {
    if (this.fdsDiscardedNoted) return;
    this.fdsDiscardedNoted = true;
    const configured = this.service.fileDescriptorStoreMax;
    const what = !meantForStore
      ? 'Got extra auxiliary fds with notification message, closing them.'
      : configured === 0
        ? 'Cannot store more fds than FileDescriptorStoreMax=0, closing remaining.'
        : `FileDescriptorStoreMax=${configured} is not honoured, closing the fds.`;
    this.logUnit(`${what} tsd keeps no file descriptor store: fds sent with sd_notify are closed (said once per unit).`, 4);
  }
}
