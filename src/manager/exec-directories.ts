// RuntimeDirectory=, StateDirectory=, CacheDirectory=, LogsDirectory= and ConfigurationDirectory=
// (systemd.exec(5)): "when the unit is started, one or more directories by the specified names
// will be created (including their parents) below" /run, /var/lib, /var/cache, /var/log and
// /etc. What to make, with which mode and owner, is decided here; the port does the file system.

import type { Unit } from '../units/model.js';
import type { DirectoryOwner, ProcessPort } from './port.js';
import { resolveCredentials } from './credentials.js';

type DirectoryKey = 'runtimeDirectory' | 'stateDirectory' | 'cacheDirectory' | 'logsDirectory' | 'configurationDirectory';

export interface ExecDirectoryKind {
  /** The directive, for messages. */
  directive: string;
  /** Where the unit model keeps the directories (and directorySymlinks[key] their links). */
  key: DirectoryKey;
  /** Where it keeps *DirectoryMode=. */
  modeKey: `${DirectoryKey}Mode`;
  /** "Below path for system units". */
  base: string;
  /** The environment variable naming the directories. */
  variable: string;
  /** systemd's exit status when the directory cannot be set up (EXIT_RUNTIME_DIRECTORY...). */
  exitStatus: number;
}

export const EXEC_DIRECTORY_KINDS: readonly ExecDirectoryKind[] = [
  { directive: 'RuntimeDirectory', key: 'runtimeDirectory', modeKey: 'runtimeDirectoryMode', base: '/run', variable: 'RUNTIME_DIRECTORY', exitStatus: 233 },
  { directive: 'StateDirectory', key: 'stateDirectory', modeKey: 'stateDirectoryMode', base: '/var/lib', variable: 'STATE_DIRECTORY', exitStatus: 238 },
  { directive: 'CacheDirectory', key: 'cacheDirectory', modeKey: 'cacheDirectoryMode', base: '/var/cache', variable: 'CACHE_DIRECTORY', exitStatus: 239 },
  { directive: 'LogsDirectory', key: 'logsDirectory', modeKey: 'logsDirectoryMode', base: '/var/log', variable: 'LOGS_DIRECTORY', exitStatus: 240 },
  { directive: 'ConfigurationDirectory', key: 'configurationDirectory', modeKey: 'configurationDirectoryMode', base: '/etc', variable: 'CONFIGURATION_DIRECTORY', exitStatus: 241 },
];

/** "Defaults to 0755." */
const DEFAULT_MODE = 0o755;

/** "Failed at step RUNTIME_DIRECTORY ...", exit status 233 (238 for StateDirectory=...). */
function setupFailure(kind: ExecDirectoryKind, path: string, error: string): ExecDirectoriesResult {
  return {
    ok: false,
    stage: kind.directive.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(),
    message: `Failed to set up special execution directory in ${kind.base}: ${path}: ${error}`,
    exitStatus: kind.exitStatus,
  };
}

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
  if (!exec || EXEC_DIRECTORY_KINDS.every((k) => exec[k.key].length === 0)) return { ok: true, warnings: [] };
  const credentials = resolveCredentials(unit, port);
  if (!credentials.ok) return credentials;
  const owner: DirectoryOwner = { uid: credentials.user?.uid ?? 0, gid: credentials.gid ?? 0 };
  const warnings: string[] = [];
  for (const kind of EXEC_DIRECTORY_KINDS) {
    const mode = exec[kind.modeKey] ?? DEFAULT_MODE;
    const configuration = kind.directive === 'ConfigurationDirectory';
    for (const name of exec[kind.key]) {
      const path = `${kind.base}/${name}`;
      const made = port.prepareDirectory(path, mode, configuration ? null : owner);
      if (!made.ok) return setupFailure(kind, path, made.error);
      // "DIR:LINK": "will be created as a symlink to the directory".
      for (const link of exec.directorySymlinks[kind.key]?.[name] ?? []) {
        const error = port.makeSymlink(path, `${kind.base}/${link}`);
        if (error) return setupFailure(kind, `${kind.base}/${link}`, error);
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
    for (const path of [`/run/${name}`, ...(exec.directorySymlinks.runtimeDirectory?.[name] ?? []).map((link) => `/run/${link}`)]) {
      const error = port.removeTree(path);
      if (error) problems.push(`Failed to remove runtime directory ${path}: ${error}`);
    }
  }
  return problems;
}
