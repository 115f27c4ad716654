// RuntimeDirectory=, StateDirectory=, CacheDirectory=, LogsDirectory= and ConfigurationDirectory=
// (systemd.exec(5)): "when the unit is started, one or more directories by the specified names
// will be created (including their parents) below" /run, /var/lib, /var/cache, /var/log and
// /etc. What to make, with which mode and owner, is decided here; the port does the file system.

import type { ExecContext, Unit } from '../units/model.js';
import type { DirectoryOwner, ProcessPort } from './port.js';
import { resolveCredentials } from './credentials.js';

export interface ExecDirectoryKind {
  /** The directive, for messages. */
  directive: string;
  /** "Below path for system units". */
  base: string;
  /** The environment variable naming the directories. */
  variable: string;
  /** systemd's exit status when the directory cannot be set up (EXIT_RUNTIME_DIRECTORY...). */
  exitStatus: number;
  names(exec: ExecContext): string[];
  mode(exec: ExecContext): number | undefined;
}

export const EXEC_DIRECTORY_KINDS: readonly ExecDirectoryKind[] = [
  { directive: 'RuntimeDirectory', base: '/run', variable: 'RUNTIME_DIRECTORY', exitStatus: 233, names: (e) => e.runtimeDirectory, mode: (e) => e.runtimeDirectoryMode },
  { directive: 'StateDirectory', base: '/var/lib', variable: 'STATE_DIRECTORY', exitStatus: 238, names: (e) => e.stateDirectory, mode: (e) => e.stateDirectoryMode },
  { directive: 'CacheDirectory', base: '/var/cache', variable: 'CACHE_DIRECTORY', exitStatus: 239, names: (e) => e.cacheDirectory, mode: (e) => e.cacheDirectoryMode },
  { directive: 'LogsDirectory', base: '/var/log', variable: 'LOGS_DIRECTORY', exitStatus: 240, names: (e) => e.logsDirectory, mode: (e) => e.logsDirectoryMode },
  { directive: 'ConfigurationDirectory', base: '/etc', variable: 'CONFIGURATION_DIRECTORY', exitStatus: 241, names: (e) => e.configurationDirectory, mode: (e) => e.configurationDirectoryMode },
];

/** "Defaults to 0755." */
const DEFAULT_MODE = 0o755;

export type ExecDirectoriesResult =
  | { ok: true; warnings: string[] }
  | { ok: false; stage: string; message: string; exitStatus: number };

/**
 * Makes every directory of the unit, in the order of the table above. "The innermost
 * subdirectories are owned by the user and group specified in User= and Group=" (root when
 * unset, as systemd's system manager does); "Except in case of ConfigurationDirectory=": that
 * one is only created, and left as it is when it exists ("already exists but the mode is
 * different" is a warning).
 */
export function setUpExecDirectories(unit: Unit, port: ProcessPort): ExecDirectoriesResult {
  const exec = unit.exec;
  if (!exec || EXEC_DIRECTORY_KINDS.every((k) => k.names(exec).length === 0)) return { ok: true, warnings: [] };
  const credentials = resolveCredentials(unit, port);
  if (!credentials.ok) return credentials;
  const owner: DirectoryOwner = { uid: credentials.user?.uid ?? 0, gid: credentials.gid ?? 0 };
  const warnings: string[] = [];
  for (const kind of EXEC_DIRECTORY_KINDS) {
    const mode = kind.mode(exec) ?? DEFAULT_MODE;
    const configuration = kind.directive === 'ConfigurationDirectory';
    for (const name of kind.names(exec)) {
      const path = `${kind.base}/${name}`;
      const made = port.prepareDirectory(path, mode, configuration ? null : owner);
      if (!made.ok) {
        return {
          ok: false,
          stage: kind.directive.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(),
          message: `Failed to set up special execution directory in ${kind.base}: ${path}: ${made.error}`,
          exitStatus: kind.exitStatus,
        };
      }
      if (made.existed && configuration && made.mode !== mode) {
        warnings.push(`${kind.directive} '${name}' already exists but the mode is different. (File system: ${made.mode.toString(8)} ${kind.directive}Mode: ${mode.toString(8)})`);
      }
    }
  }
  return { ok: true, warnings };
}

/**
 * "In case of RuntimeDirectory= the innermost subdirectories are removed when the unit is
 * stopped", unless RuntimeDirectoryPreserve=yes, or =restart and the service restarts. Returns
 * the problems (a directory that could not be removed), for the unit's log.
 */
export function removeRuntimeDirectories(unit: Unit, port: ProcessPort, restarting: boolean): string[] {
  const exec = unit.exec;
  if (!exec || exec.runtimeDirectory.length === 0) return [];
  if (exec.runtimeDirectoryPreserve === 'yes' || (exec.runtimeDirectoryPreserve === 'restart' && restarting)) return [];
  const problems: string[] = [];
  for (const name of exec.runtimeDirectory) {
    const error = port.removeTree(`/run/${name}`);
    if (error) problems.push(`Failed to remove runtime directory /run/${name}: ${error}`);
  }
  return problems;
}
