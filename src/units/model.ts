// The unit model: what src/units produces from unit files and what the manager consumes.
// Everything here is plain data (no behaviour), so a loaded unit set can be compared,
// serialised and diffed on daemon-reload. Times are milliseconds; `Infinity` means
// "infinity" (no timeout), `undefined` means "not set, the manager's default applies".

export type UnitType =
  | 'service' | 'socket' | 'target' | 'timer' | 'path' | 'mount'
  | 'automount' | 'swap' | 'slice' | 'scope' | 'device';

/** Where a value came from, for messages of the form `file:line: message`. */
export interface SourceRef {
  file: string;
  line: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  message: string;
  /** A stable kind for tools and tests: 'unknown-key', 'unknown-section', 'bad-value', 'syntax',
   *  'sandbox' (the one warning about ignored sandboxing settings), 'unsupported' (a setting tsd
   *  does not act on yet, once per unit), 'ignored', 'deprecated',
   *  'bad-setting', 'not-found', 'exec-not-found'. Absent on older messages. */
  code?: string;
  unit?: string;
  file?: string;
  line?: number;
}

/** systemd's LoadState values. */
export type LoadState = 'loaded' | 'not-found' | 'bad-setting' | 'error' | 'masked';

/** One command of an Exec*= line, after unquoting, C-unescaping and specifier expansion.
 *  Environment variables ($VAR, ${VAR}) are NOT expanded yet: that happens at exec time
 *  (see expandExecArgv in src/units/exec-line.ts), because the environment is only known then. */
export interface ExecCommand {
  /** The binary to execute: absolute, or a bare name searched in systemd's fixed PATH at exec time. */
  path: string;
  /** argv, argv[0] included (differs from path when the `@` prefix was used). */
  argv: string[];
  /** `-`: a failing exit status is recorded but ignored. */
  ignoreFailure: boolean;
  /** `+`: run with full privileges (no User=/Group=, no sandboxing). */
  fullPrivileges: boolean;
  /** `!`: credentials not changed by User=/Group= (tsd: same as + for credentials). */
  noSetuid: boolean;
  /** `!!`: like `!`, only on systems without ambient capabilities. */
  ambientFallback: boolean;
  /** `:`: environment variable substitution is not applied. */
  noEnvironmentExpansion: boolean;
  source?: SourceRef;
}

export interface Condition {
  /** e.g. 'ConditionPathExists', 'AssertPathIsDirectory' */
  key: string;
  isAssert: boolean;
  /** `|` prefix: a triggering condition (at least one of those must hold). */
  triggering: boolean;
  /** `!` prefix */
  negate: boolean;
  value: string;
  source?: SourceRef;
}

/** Exit statuses and signals, as in SuccessExitStatus= / RestartPreventExitStatus=. */
export interface ExitStatusSet {
  statuses: number[];
  signals: number[];
}

export interface ResourceLimit {
  /** undefined soft/hard never happens after parsing; Infinity = RLIM_INFINITY. */
  soft: number;
  hard: number;
}

export interface EnvironmentFileRef {
  path: string;
  /** `-` prefix: a missing file is not an error. */
  optional: boolean;
}

export interface WorkingDirectory {
  /** absolute path, or '~' for the user's home directory. */
  path: string;
  /** `-` prefix */
  optional: boolean;
}

export type ServiceType = 'simple' | 'exec' | 'forking' | 'oneshot' | 'dbus' | 'notify' | 'notify-reload' | 'idle';
export type RestartPolicy = 'no' | 'on-success' | 'on-failure' | 'on-abnormal' | 'on-watchdog' | 'on-abort' | 'always';
export type KillMode = 'control-group' | 'mixed' | 'process' | 'none';
export type NotifyAccess = 'none' | 'main' | 'exec' | 'all';

/** The [Unit] section, with implicit and default dependencies already applied by the loader. */
export interface UnitSection {
  description?: string;
  documentation: string[];
  requires: string[];
  requisite: string[];
  wants: string[];
  bindsTo: string[];
  partOf: string[];
  upholds: string[];
  conflicts: string[];
  before: string[];
  after: string[];
  onFailure: string[];
  onSuccess: string[];
  propagatesReloadTo: string[];
  reloadPropagatedFrom: string[];
  defaultDependencies: boolean;
  stopWhenUnneeded: boolean;
  refuseManualStart: boolean;
  refuseManualStop: boolean;
  allowIsolate: boolean;
  ignoreOnIsolate: boolean;
  jobTimeoutSec?: number;
  startLimitIntervalSec?: number;
  startLimitBurst?: number;
  /** none, reboot, poweroff, exit, ... Kept, not acted on yet: tsd does not stop itself for a unit. */
  startLimitAction?: string;
  failureAction?: string;
  successAction?: string;
  conditions: Condition[];
}

/** The execution environment (systemd.exec(5)) shared by services, sockets, mounts... */
export interface ExecContext {
  user?: string;
  group?: string;
  supplementaryGroups: string[];
  workingDirectory?: WorkingDirectory;
  rootDirectory?: string;
  umask?: number;
  /** Environment= assignments in order of appearance (later wins). */
  environment: Array<[string, string]>;
  environmentFiles: EnvironmentFileRef[];
  unsetEnvironment: string[];
  passEnvironment: string[];
  /** keyed by systemd's name without the Limit prefix, lowercased: nofile, nproc, core, ... */
  limits: Record<string, ResourceLimit>;
  nice?: number;
  oomScoreAdjust?: number;
  standardInput: string;
  standardOutput: string;
  standardError: string;
  syslogIdentifier?: string;
  /** SyslogLevel= as a number 0..7 (default 6, info) */
  syslogLevel: number;
  syslogLevelPrefix: boolean;
  runtimeDirectory: string[];
  stateDirectory: string[];
  cacheDirectory: string[];
  logsDirectory: string[];
  configurationDirectory: string[];
  runtimeDirectoryMode?: number;
  stateDirectoryMode?: number;
  cacheDirectoryMode?: number;
  logsDirectoryMode?: number;
  configurationDirectoryMode?: number;
  runtimeDirectoryPreserve: 'no' | 'yes' | 'restart';
  /** "DIR:LINK" of RuntimeDirectory= & co.: per setting, directory -> the symbolic links to make to it. */
  directorySymlinks: Partial<Record<'runtimeDirectory' | 'stateDirectory' | 'cacheDirectory' | 'logsDirectory' | 'configurationDirectory', Record<string, string[]>>>;
  ttyPath?: string;
  /** IgnoreSIGPIPE= (systemd default yes: SIGPIPE ignored in the child); undefined = default. */
  ignoreSIGPIPE?: boolean;
  /** AmbientCapabilities=, as written (e.g. ["CAP_NET_BIND_SERVICE"]); "~" inverts as in systemd. Not applied yet ('unsupported'). */
  ambientCapabilities?: string[];
}

export interface KillContext {
  killMode: KillMode;
  /** signal numbers */
  killSignal: number;
  restartKillSignal?: number;
  finalKillSignal: number;
  watchdogSignal: number;
  sendSIGKILL: boolean;
  sendSIGHUP: boolean;
}

export interface ServiceSection {
  type: ServiceType;
  execCondition: ExecCommand[];
  execStartPre: ExecCommand[];
  execStart: ExecCommand[];
  execStartPost: ExecCommand[];
  execReload: ExecCommand[];
  execStop: ExecCommand[];
  execStopPost: ExecCommand[];
  remainAfterExit: boolean;
  guessMainPID: boolean;
  pidFile?: string;
  busName?: string;
  restart: RestartPolicy;
  restartSec?: number;
  timeoutStartSec?: number;
  timeoutStopSec?: number;
  timeoutAbortSec?: number;
  runtimeMaxSec?: number;
  watchdogSec?: number;
  successExitStatus: ExitStatusSet;
  restartPreventExitStatus: ExitStatusSet;
  restartForceExitStatus: ExitStatusSet;
  notifyAccess?: NotifyAccess;
  /** Sockets= */
  sockets: string[];
  fileDescriptorStoreMax: number;
  /** Deprecated PermissionsStartOnly=: the loader already set fullPrivileges on every command
   *  but ExecStart=, so the manager needs nothing else; kept for `tsd cat`/diagnostics. */
  permissionsStartOnly?: boolean;
}

export interface InstallSection {
  wantedBy: string[];
  requiredBy: string[];
  alias: string[];
  also: string[];
  defaultInstance?: string;
}

/** Settings of the other unit types are kept as parsed key/value lists until their
 *  behaviour is implemented (socket activation, timers...): validated, not yet acted on. */
export type RawSection = Record<string, Array<{ value: string; source?: SourceRef }>>;

export interface Unit {
  /** The canonical name, e.g. "nginx.service", "postgresql@15-main.service". */
  name: string;
  type: UnitType;
  /** Every name this unit answers to: name first, then aliases. */
  names: string[];
  /** For instances: the template name ("postgresql@.service") and the raw instance ("15-main"). */
  template?: string;
  instance?: string;
  loadState: LoadState;
  /** Why loadState is not 'loaded' (for `systemctl status` and boot messages). */
  loadError?: string;
  /** The main unit file (empty for built-in units and not-found units). */
  fragmentPath?: string;
  /** Drop-in files applied, in the order they were applied. */
  dropInPaths: string[];
  /** true for units tsd synthesises (special targets, the transient wrapper service). */
  builtin: boolean;
  unit: UnitSection;
  install: InstallSection;
  /** Present when type === 'service' (and for units whose type also executes processes). */
  service?: ServiceSection;
  exec?: ExecContext;
  kill?: KillContext;
  /** [Socket], [Timer], [Path], [Mount]... */
  other: Record<string, RawSection>;
}
