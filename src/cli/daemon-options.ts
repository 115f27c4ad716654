// The command line of the PID-1 job: `tsd [OPTIONS] [-- CMD ARGS...]`.

export interface DaemonOptions {
  unitPath: string[];
  defaultTarget: string;
  logFormat: 'text' | 'json';
  /** Manager-wide defaults, milliseconds (systemd-system.conf's Default*=). */
  defaultTimeoutStopMs?: number;
  defaultTimeoutStartMs?: number;
  defaultRestartMs?: number;
  notifySocket?: string;
  /** Grace between SIGTERM and SIGKILL for processes left after every unit stopped. */
  finalGraceMs: number;
  /** Wrapper mode: the command to run as the transient main service. */
  command?: string[];
}

export const USAGE = `Usage: tsd [OPTIONS] [-- COMMAND [ARGS...]]
       tsd verify [--unit-path DIR] [--root DIR] FILE-or-UNIT...
       tsd cat [--unit-path DIR] UNIT...

Boots default.target from systemd unit files as PID 1 (or as a child subreaper), supervises
the services, streams their output on stdout, and stops everything on SIGTERM.

Options:
  --unit-path DIR              Load units from DIR instead of systemd's search path (repeatable,
                               or colon-separated); its units are enabled by their [Install].
  --default-target UNIT        The unit to boot (default: default.target). Also --unit=UNIT.
  --log-format text|json       The stream format on stdout (default: text).
  --default-timeout-stop-sec S Manager-wide TimeoutStopSec= default (systemd's: 90).
  --default-timeout-start-sec S  Manager-wide TimeoutStartSec= default (systemd's: 90).
  --default-restart-sec S      Manager-wide RestartSec= default (systemd's: 0.1).
  --final-grace-sec S          After all units stopped: SIGTERM to what is left, SIGKILL after S (default: 2).
  --notify-socket PATH         Where services send sd_notify datagrams (default: /run/systemd/notify as PID 1).
  --version                    Print the version and exit.
  --help                       Print this help and exit.
With -- COMMAND, tsd also runs COMMAND as a service once the units are up, and when it exits
stops everything and exits with its code (128+N if killed by signal N), as tini does; 127 if
COMMAND is not found, 126 if it cannot be executed, as a shell would.
Environment: SYSTEMD_UNIT_PATH (colon-separated; a trailing colon appends the default path).`;

export class UsageError extends Error {}

function seconds(option: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`${option} needs a number of seconds, got '${value ?? ''}'`);
  }
  return Math.round(n * 1000);
}

export function parseDaemonOptions(argv: string[]): DaemonOptions {
  const options: DaemonOptions = { unitPath: [], defaultTarget: 'default.target', logFormat: 'text', finalGraceMs: 2000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      const command = argv.slice(i + 1);
      if (command.length === 0) throw new UsageError('-- must be followed by a command');
      options.command = command;
      break;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case '--unit-path': options.unitPath.push(...value().split(':').filter(Boolean)); break;
      case '--default-target': case '--unit': options.defaultTarget = value(); break;
      case '--log-format': {
        const format = value();
        if (format !== 'text' && format !== 'json') throw new UsageError(`--log-format must be text or json, got '${format}'`);
        options.logFormat = format;
        break;
      }
      case '--default-timeout-stop-sec': options.defaultTimeoutStopMs = seconds(name, value()); break;
      case '--default-timeout-start-sec': options.defaultTimeoutStartMs = seconds(name, value()); break;
      case '--default-restart-sec': options.defaultRestartMs = seconds(name, value()); break;
      case '--final-grace-sec': options.finalGraceMs = seconds(name, value()); break;
      case '--notify-socket': options.notifySocket = value(); break;
      default: throw new UsageError(`unknown option '${arg}'`);
    }
  }
  return options;
}
