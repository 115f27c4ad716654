// From an ExecCommand and its unit's execution context to the exact spawn request for the
// native core: environment (systemd.exec(5), "ENVIRONMENT VARIABLES IN SPAWNED PROCESSES"),
// variable expansion, credentials, limits, working directory and stdio. Pure but for the
// look-ups it asks of the port (users, files), so it is tested without forking.
import { RLIMIT, type RlimitSpec, type SpawnOptions, type StdioSpec } from '../native/core.js';
import { parseEnvironmentFileBytes } from '../units/environment-file.js';
import { expandExecArgv, resolveExecPath } from '../units/exec-line.js';
import type { ExecCommand, Unit } from '../units/model.js';
import type { ProcessPort, UserRecord } from './port.js';
import { resolveCredentials } from './credentials.js';
import { EXEC_DIRECTORY_KINDS } from './exec-directories.js';
import { globPaths } from './path-glob.js';

/** systemd's fixed PATH for services (not the manager's own). */
export const SERVICE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface ExecPlanContext {
  invocationId: string;
  /** Main PID, for $MAINPID in ExecReload=/ExecStop=... */
  mainPid?: number;
  notifySocket?: string;
  /** The manager's environment, for PassEnvironment=. */
  managerEnvironment: Record<string, string | undefined>;
  /** Extra variables for this command only ($SERVICE_RESULT, $EXIT_CODE... for ExecStop*). */
  extra?: Record<string, string>;
  /** tsd's stdio targets: where 'journal' output goes is decided by the caller. */
  outputToJournal: boolean;
  /** Problems that do not stop the start (an environment file's invalid lines), for the unit's log. */
  warn?: (message: string) => void;
}

export type ExecPlan =
  | { ok: true; options: SpawnOptions; stdoutToJournal: boolean; stderrToJournal: boolean; stderrSeparate: boolean; openedFds: number[] }
  | { ok: false; stage: string; message: string; exitStatus: number };

function fail(stage: string, message: string, exitStatus: number): ExecPlan {
  return { ok: false, stage, message, exitStatus };
}

/** An EnvironmentFile= without "-" that matched nothing or could not be read: the start fails. */
export class EnvironmentFileError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`Failed to load environment files: ${path}: ${reason}`);
  }
}

/**
 * EnvironmentFile=, as systemd 252's exec_context_load_environment(): each setting is a path or
 * a wildcard ("matches read in sorted order"); with "-" a setting that matches nothing, or a
 * file that cannot be loaded, is skipped, without it the start fails. A file with a line that
 * is not valid UTF-8 cannot be loaded at all (systemd: "invalid UTF-8 value for key X").
 */
function loadEnvironmentFiles(unit: Unit, port: ProcessPort, env: Record<string, string>, warn: (message: string) => void): void {
  for (const file of unit.exec?.environmentFiles ?? []) {
    const paths = globPaths(file.path, port);
    if (paths.length === 0 && !file.optional) throw new EnvironmentFileError(file.path, 'No such file or directory');
    for (const path of paths) {
      const bytes = port.readFileBytes(path);
      if (bytes === null) {
        if (file.optional) continue;
        throw new EnvironmentFileError(path, 'No such file or directory');
      }
      const contents = parseEnvironmentFileBytes(bytes, (line, message) => warn(`${path}:${line}: ${message}`));
      if (contents.invalidUtf8) {
        const where = `${path}:${contents.invalidUtf8.line}`;
        if (!file.optional) throw new EnvironmentFileError(where, `${contents.invalidUtf8.message.replace(/, ignoring\.$/, '')}: Invalid argument`);
        warn(`${where}: ${contents.invalidUtf8.message}`);
        continue;
      }
      for (const [key, value] of contents.assignments) env[key] = value;
    }
  }
}

export function buildEnvironment(unit: Unit, port: ProcessPort, context: ExecPlanContext,
  user: { name: string; home: string; shell: string } | null): Record<string, string> {
  const exec = unit.exec;
  // Merged as systemd does, later sources winning: the manager's defaults, the variables
  // systemd itself sets, PassEnvironment=, then Environment= and EnvironmentFile=.
  const env: Record<string, string> = { PATH: SERVICE_PATH };
  const lang = context.managerEnvironment.LANG;
  if (lang) env.LANG = lang;
  if (user) {
    env.USER = user.name;
    env.LOGNAME = user.name;
    env.HOME = user.home;
    env.SHELL = user.shell;
  }
  env.INVOCATION_ID = context.invocationId;
  if (context.notifySocket) env.NOTIFY_SOCKET = context.notifySocket;
  if (context.mainPid) env.MAINPID = String(context.mainPid);
  // "the corresponding environment variable will be defined with the full paths of the directories"
  for (const kind of exec ? EXEC_DIRECTORY_KINDS : []) {
    const names = exec![kind.key];
    if (names.length > 0) env[kind.variable] = names.map((d) => `${kind.base}/${d}`).join(':');
  }
  for (const name of exec?.passEnvironment ?? []) {
    const value = context.managerEnvironment[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, context.extra);
  for (const [key, value] of exec?.environment ?? []) env[key] = value;
  // "Settings from these files override settings made with Environment=" (systemd.exec(5)).
  loadEnvironmentFiles(unit, port, env, context.warn ?? (() => {}));
  for (const entry of exec?.unsetEnvironment ?? []) {
    const eq = entry.indexOf('=');
    if (eq < 0) delete env[entry];
    else if (env[entry.slice(0, eq)] === entry.slice(eq + 1)) delete env[entry.slice(0, eq)];
  }
  return env;
}

function toRlimits(limits: Record<string, { soft: number; hard: number }>): RlimitSpec[] {
  const out: RlimitSpec[] = [];
  for (const [name, limit] of Object.entries(limits)) {
    const resource = (RLIMIT as Record<string, number>)[name];
    if (resource !== undefined) out.push({ resource, soft: limit.soft, hard: limit.hard });
  }
  return out;
}

/** StandardOutput=/StandardError= to a spawn stdio spec. 'journal' and friends go to tsd's journal pipe. */
function stdioFor(setting: string, opened: number[], openFile: (path: string, flags: string) => number | null): StdioSpec | 'journal' | 'stdin' {
  if (setting === 'null') return 'null';
  if (setting === 'inherit') return 'stdin';
  if (setting === 'tty' || setting === 'console' || setting.endsWith('+console')) return 'inherit';
  for (const [prefix, flags] of [['file:', 'w'], ['append:', 'a'], ['truncate:', 'w']] as const) {
    if (setting.startsWith(prefix)) {
      const fd = openFile(setting.slice(prefix.length), prefix === 'file:' ? 'r+' : flags);
      if (fd === null) return 'journal';
      opened.push(fd);
      return { fd };
    }
  }
  return 'journal'; // journal, syslog, kmsg and their +console forms
}

export interface ExecPlanIo {
  /** fs.openSync wrapper; null if it cannot be opened. Closed by the caller after spawn. */
  openFile(path: string, flags: string): number | null;
  exists(path: string): boolean;
  closeFd(fd: number): void;
}

export function planExec(unit: Unit, command: ExecCommand, port: ProcessPort, io: ExecPlanIo, context: ExecPlanContext): ExecPlan {
  const exec = unit.exec;
  const useCredentials = !command.fullPrivileges && !command.noSetuid && !command.ambientFallback;
  let user: UserRecord | null = null;
  let gid: number | undefined;
  let groups: number[] | undefined;
  if (useCredentials) {
    const credentials = resolveCredentials(unit, port);
    if (!credentials.ok) return fail(credentials.stage, credentials.message, credentials.exitStatus);
    ({ user, gid } = credentials);
  }
  if (useCredentials && (user || gid !== undefined)) {
    groups = user ? port.groupList(user.name, gid ?? user.gid) : [];
    for (const name of exec?.supplementaryGroups ?? []) {
      const g = port.lookupGroup(name);
      if (g === null) return fail('group', `Failed to determine supplementary group '${name}': no such group`, 216);
      groups.push(g);
    }
  }

  let env: Record<string, string>;
  try {
    env = buildEnvironment(unit, port, context, user);
  } catch (error) {
    // No exit status: systemd fails such a start with result 'resources' before any fork.
    return fail('environment', (error as Error).message, -1);
  }
  const argv = command.noEnvironmentExpansion ? command.argv : expandExecArgv(command.argv, env);
  const file = resolveExecPath(command.path);
  if (!file) return fail('exec', `Failed to locate executable ${command.path}: No such file or directory`, 203);

  let cwd = '/';
  const wd = exec?.workingDirectory;
  if (wd) {
    const path = wd.path === '~' ? (user?.home ?? port.lookupUser('0')?.home ?? '/root') : wd.path;
    if (io.exists(path)) cwd = path;
    else if (!wd.optional) return fail('chdir', `Changing to the requested working directory failed: ${path}: No such file or directory`, 200);
  }

  const openedFds: number[] = [];
  const out = context.outputToJournal ? stdioFor(exec?.standardOutput ?? 'journal', openedFds, io.openFile) : 'inherit';
  const errSetting = exec?.standardError ?? 'inherit';
  const err = context.outputToJournal ? (errSetting === 'inherit' ? 'same' : stdioFor(errSetting, openedFds, io.openFile)) : 'inherit';
  const stdoutSpec: StdioSpec = out === 'journal' ? 'pipe' : out === 'stdin' ? 'null' : out;
  let stderrSpec: StdioSpec | 'stdout';
  let stderrSeparate = false;
  if (err === 'same') stderrSpec = 'stdout';
  else if (err === 'journal') {
    stderrSpec = out === 'journal' ? 'stdout' : 'pipe';
    stderrSeparate = out !== 'journal';
  } else stderrSpec = err === 'stdin' ? 'null' : err;

  const options: SpawnOptions = {
    file,
    argv,
    env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    cwd,
    umask: exec?.umask ?? 0o022,
    newSession: true,
    ignoreSigpipe: exec?.ignoreSIGPIPE ?? true,
    // StandardInput=tty: the wrapped command of `tsd -- CMD` keeps tsd's stdin, as under tini.
    stdin: exec?.standardInput === 'tty' || exec?.standardInput === 'tty-force' ? 'inherit' : 'null',
    stdout: stdoutSpec,
    stderr: stderrSpec,
  };
  if (user) options.uid = user.uid;
  if (gid !== undefined) options.gid = gid;
  if (groups) options.groups = groups;
  if (exec && Object.keys(exec.limits).length > 0) options.rlimits = toRlimits(exec.limits);
  if (exec?.nice !== undefined) options.nice = exec.nice;
  if (exec?.oomScoreAdjust !== undefined) options.oomScoreAdjust = exec.oomScoreAdjust;
  return {
    ok: true,
    options,
    stdoutToJournal: out === 'journal',
    stderrToJournal: err === 'journal' || (err === 'same' && out === 'journal'),
    stderrSeparate,
    openedFds,
  };
}
