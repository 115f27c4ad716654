// tsd's main job: PID 1 (or a child subreaper) that boots the units, supervises them,
// streams their output, and stops everything in reverse order on SIGTERM.
import { mkdirSync, rmdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DaemonOptions } from '../cli/daemon-options.js';
import { Journal } from '../journal/journal.js';
import { EXIT_CLEAN, EXIT_FAILURE, EXIT_PROCESSES_SURVIVED, EXIT_STOP_TIMEOUT } from '../manager/exit-codes.js';
import { sweepRemainingProcesses } from '../manager/final-sweep.js';
import { Manager, type UnitLog } from '../manager/manager.js';
import { NativePort } from '../manager/native-port.js';
import { ServiceRuntime } from '../manager/service-runtime.js';
import { signalName } from '../manager/signal-name.js';
import { batchSize, exitsOf, loadNativeCore, type NativeCore } from '../native/core.js';
import { resolveSearchPath, UnitLoader } from '../units/loader.js';
import { tsdVersion } from '../cli/version.js';
import { bootTargetProblem, unitPathWarnings } from './boot-preflight.js';
import { ReportingLoader } from './reporting-loader.js';
import { exitCodeOfWrapped, WRAPPED_UNIT, wrappedCommandUnit } from './wrapped-command.js';

const ENOENT = 2;
const SIGHUP = 1, SIGINT = 2, SIGUSR1 = 10, SIGUSR2 = 12, SIGTERM = 15, SIGPWR = 30, SIGRTMIN = 34;
/** systemd's SIGRTMIN+3: "halt", what `docker stop` sends to a systemd container's STOPSIGNAL. */
const SIGRTMIN_3 = SIGRTMIN + 3;
const SHUTDOWN_SIGNALS = new Set([SIGTERM, SIGINT, SIGPWR, SIGRTMIN_3]);
/** Bounds only how long tsd waits for a blocked stdout at exit; normally it never waits. */
const MAX_LOG_DRAIN_MS = 10_000;
const REDUCE_MEMORY_AFTER_BOOT_MS = 250;
/** Service output per REDUCE_MEMORY_AFTER_BOOT_MS above which tsd is not idle yet. */
const QUIET_OUTPUT_BYTES = 64 * 1024;

export async function runDaemon(options: DaemonOptions): Promise<void> {
  let core: NativeCore;
  try {
    core = loadNativeCore();
  } catch (error) {
    process.stderr.write(`tsd: cannot load the native core (run 'npm ci' to build it): ${(error as Error).message}\n`);
    process.exit(EXIT_FAILURE);
  }
  const selfPid = core.getpid();
  const isPid1 = selfPid === 1;
  // As PID 1 the kernel re-parents orphans to tsd anyway; otherwise ask for them, silently.
  if (!isPid1) core.setChildSubreaper();

  const formatter = options.logFormat === 'json' ? await (await import('../journal/json-format.js')).createJsonFormatter() : null;
  const journal = new Journal({ pump: core, outFd: 1, formatter, managerName: 'tsd', managerPid: selfPid });
  const say = (message: string, priority = 6) => journal.log('tsd', message, priority);

  // PID 1 must not die: a bug in one code path is logged and survived.
  process.on('uncaughtException', (error) => say(`Internal error (survived): ${error.stack ?? error}`, 2));
  process.on('unhandledRejection', (error) => say(`Internal error (survived): ${(error as Error)?.stack ?? error}`, 2));

  const unitLog: UnitLog = {
    log: (unit, message, priority) => journal.log(unit, message, priority),
    attachPipe: (unit, pid, fd, stream) => {
      void journal.attach(fd, {
        unit: unit.name,
        identifier: unit.exec?.syslogIdentifier,
        pid,
        stream,
        levelPrefix: unit.exec?.syslogLevelPrefix ?? true,
        priority: unit.exec?.syslogLevel ?? 6,
      });
    },
  };

  const searchPath = resolveSearchPath(process.env, options.unitPath.length > 0 ? options.unitPath : undefined);
  const loader = new UnitLoader({ searchPath, installEnabledDirs: options.unitPath });
  const units = new ReportingLoader(loader, (unit, message, priority) => journal.log(unit, message, priority));
  const port = new NativePort(core);

  const notifySocket = options.notifySocket ?? (isPid1 ? '/run/systemd/notify' : `/run/tsd-${selfPid}/notify`);
  // Not PID 1, tsd shares /run with its host: the directory it made for its socket goes at exit.
  const madeNotifyDir = makeDirectoryFor(core, notifySocket);

  const manager = new Manager({
    source: units,
    port,
    journal: unitLog,
    notifySocketPath: notifySocket,
    defaults: {
      ...(options.defaultTimeoutStopMs !== undefined ? { timeoutStopMs: options.defaultTimeoutStopMs } : {}),
      ...(options.defaultTimeoutStartMs !== undefined ? { timeoutStartMs: options.defaultTimeoutStartMs } : {}),
      ...(options.defaultRestartMs !== undefined ? { restartMs: options.defaultRestartMs } : {}),
    },
  });
  const notifyError = core.openNotifySocket(notifySocket, (message) => manager.onNotify(message));
  if (notifyError !== 0) {
    say(`Failed to open the notify socket ${notifySocket} (errno ${notifyError}); Type=notify services will time out.`, 3);
  }

  core.startReaper((batch) => {
    const exits = exitsOf(batch, (pid) => manager.claims(pid));
    manager.onExits(exits, batchSize(batch) - exits.length);
  });

  /** The exit code decided before the shutdown: the wrapped command's, or EXIT_FAILURE when the boot target is unusable. */
  let decidedExitCode: number | undefined;
  let shutdownStarted = false;

  const shutdown = async (reason: string) => {
    if (shutdownStarted) return;
    shutdownStarted = true;
    say(`${reason}, stopping all units...`);
    await manager.stopAll();
    const sweep = await sweepRemainingProcesses(port, (listener) => manager.onProcessExits(listener), options.finalGraceMs, (m) => say(m));
    const code = decidedExitCode
      ?? (sweep.survivors > 0 ? EXIT_PROCESSES_SURVIVED : manager.anyKilledAfterTimeout() ? EXIT_STOP_TIMEOUT : EXIT_CLEAN);
    const orphans = manager.unknownReaped;
    say(`Reaped ${orphans} orphaned process${orphans === 1 ? '' : 'es'} that no unit claimed.`);
    say(`All units stopped. Exiting with code ${code}.`);
    core.closeNotifySocket();
    if (!isPid1 && madeNotifyDir) removeEmptyDir(dirname(notifySocket));
    // Every writer is gone now: the pipes reach EOF and the last lines are flushed.
    await Promise.race([journal.idle(), new Promise((resolve) => setTimeout(resolve, MAX_LOG_DRAIN_MS).unref())]);
    beforeExitHook();
    core.exitNow(code);
  };

  core.handleSignals([SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGPWR, SIGRTMIN_3], (signal) => {
    if (SHUTDOWN_SIGNALS.has(signal)) {
      if (shutdownStarted) say(`Received ${signalName(signal)} during shutdown, already stopping.`);
      void shutdown(`Received ${signalName(signal)}`);
      return;
    }
    const wrapped = manager.get(WRAPPED_UNIT);
    if (wrapped instanceof ServiceRuntime && wrapped.mainPid) {
      // As tini: other signals go to the wrapped command.
      port.kill(wrapped.mainPid, signal);
      return;
    }
    say(`Received ${signalName(signal)}, ignoring.`);
  });

  say(`tsd ${tsdVersion()} running as ${isPid1 ? 'PID 1' : `PID ${selfPid} (child subreaper)`}; units from ${searchPath.join(':')}`);
  units.reportNew();
  for (const warning of unitPathWarnings(options.unitPath, (dir) => loader.directoryError(dir))) say(warning, 4);

  // A boot target that cannot be loaded would leave tsd running with nothing started: that
  // is "tsd could not run" (README, exit code 1), not a container to keep alive.
  const bootTarget = manager.runtimeFor(options.defaultTarget);
  const unbootable = bootTargetProblem(options.defaultTarget, bootTarget?.unit);
  if (unbootable) {
    say(unbootable, 3);
    decidedExitCode = EXIT_FAILURE;
    await shutdown('Boot target unusable');
    return;
  }

  if (options.command) {
    const runtime = manager.addUnit(wrappedCommandUnit(options.command, options.defaultTarget));
    manager.onStateChange((changed) => {
      if (changed !== runtime || !(runtime instanceof ServiceRuntime)) return;
      if (runtime.activeState === 'inactive' || runtime.activeState === 'failed') {
        if (runtime.mainExit) decidedExitCode ??= exitCodeOfWrapped(runtime.mainExit, runtime.mainSpawnFailure);
        else if (runtime.activeState === 'failed') decidedExitCode ??= EXIT_FAILURE;
        void shutdown(`${WRAPPED_UNIT} exited`);
      }
    });
  }

  const result = await manager.boot(options.defaultTarget);
  if (shutdownStarted) return;
  if (result !== 'done') say(`Failed to reach ${options.defaultTarget}: job ${result}.`, 3);
  const failed = manager.failedUnits().map((r) => r.name);
  say(`Startup finished${failed.length ? `; failed units: ${failed.join(', ')}` : ''}.`);
  // Boot's garbage and grown heap go back to the kernel (native/lifecycle.cc) once, a moment
  // after boot: the collection blocks for tens of ms, which must not delay the services' first
  // requests or a `docker stop` that follows boot at once; a shutdown makes it pointless. While
  // the services still pour out output it waits for a quieter moment (a few seconds at most).
  let outputSeen = core.pumpBytesRead();
  const reduceWhenQuiet = (tries: number): void => {
    setTimeout(() => {
      if (shutdownStarted) return;
      const output = core.pumpBytesRead();
      if (output - outputSeen > QUIET_OUTPUT_BYTES && tries > 1) {
        outputSeen = output;
        reduceWhenQuiet(tries - 1);
        return;
      }
      core.reduceMemory();
    }, REDUCE_MEMORY_AFTER_BOOT_MS).unref();
  };
  reduceWhenQuiet(20);
  if (options.command) {
    // The command writes to tsd's stdout directly: let the boot messages reach it first.
    await journal.drained();
    if (shutdownStarted) return;
    const wrapped = await manager.start(WRAPPED_UNIT);
    if (wrapped !== 'done' && !shutdownStarted) {
      decidedExitCode ??= EXIT_FAILURE;
      void shutdown(`${WRAPPED_UNIT} could not be started`);
    }
  }
}

/** The build's code-cache session (scripts/launcher.cjs) writes the cache here, once every
 *  function of a whole boot and shutdown has been compiled. Absent otherwise. */
function beforeExitHook(): void {
  const hook = (globalThis as Record<symbol, unknown>)[Symbol.for('tsd.beforeExit')];
  if (typeof hook === 'function') hook();
}

/**
 * Makes the directory of `socket` (0755, like /run/systemd), with its parents when they are
 * missing too; true if tsd made it. mkdir(2) through the core: Node's mkdirSync costs PID 1
 * ~0.3 ms the first time it runs. A failure is reported by openNotifySocket, which follows.
 */
function makeDirectoryFor(core: NativeCore, socket: string): boolean {
  const dir = dirname(socket);
  const made = core.makeDirectory(dir, 0o755);
  if (made !== ENOENT) return made === 0;
  try {
    return mkdirSync(dir, { recursive: true, mode: 0o755 }) !== undefined;
  } catch {
    return false;
  }
}

function removeEmptyDir(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // not empty (someone else's files) or gone: left alone
  }
}
