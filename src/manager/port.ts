// The port: everything the manager's state machines ask of the outside world. The real one
// (native-port.ts) forks, signals and reads /proc; unit tests drive the state machines
// through a fake one, so the decisions are tested without a kernel.
import type { SpawnOptions, SpawnResult } from '../native/core.js';

export interface TimerHandle {
  cancel(): void;
}

/** A process as seen in /proc: enough to find a unit's processes without cgroups. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  /** 'Z' for zombies */
  state: string;
  /** Start time in clock ticks after boot (/proc/PID/stat field 22): with pid, one process. */
  startTime?: number;
}

export interface ProcessPort {
  /** tsd's own pid (1 in a container). */
  readonly selfPid: number;
  spawn(options: SpawnOptions): SpawnResult;
  /** 0 or errno */
  kill(pid: number, signal: number): number;
  killProcessGroup(pgid: number, signal: number): number;
  /** Milliseconds, monotonic. */
  now(): number;
  /** Microseconds since the epoch (systemd's timestamps on D-Bus and in status). */
  realtimeUsec(): number;
  /** A new INVOCATION_ID: 128 random bits as 32 hex digits (sd_id128 format), one per run of a unit. */
  newInvocationId(): string;
  setTimer(ms: number, callback: () => void): TimerHandle;
  /**
   * All processes but tsd itself that descend from tsd (orphans re-parented to it included).
   * The real port may answer from one scan for all callers until the running JavaScript
   * yields or tsd spawns: callers must not modify the array.
   */
  descendants(): ProcessInfo[];
  /** Pids whose environment carries INVOCATION_ID=id: a unit's processes, even after a double fork. */
  processesWithInvocationId(id: string, among: ProcessInfo[]): number[];
  /** Reads a small file (PIDFile=, /etc/default/...); null if it cannot be read. */
  readFile(path: string): string | null;
  /** Reads a small file as bytes (EnvironmentFile=: UTF-8 is checked, not assumed); null if it cannot be read. */
  readFileBytes(path: string): Uint8Array | null;
  /** The names in a directory, for wildcards (EnvironmentFile=/etc/env.d/*); null if it cannot be listed. */
  listDirectory(path: string): string[] | null;
  /**
   * Makes a directory of RuntimeDirectory= & co. (exec-directories.ts): its missing parents with
   * mode 0755, then the directory with `mode`. With an owner, the mode is set even if the
   * directory existed, and the directory is handed to the owner: with everything below it,
   * unless it is the owner's already ("As an optimization, if the specified directories are
   * already owned by the right user and group, files and directories below of them are left
   * as-is"). Without one, an existing directory is left as it is. Reports the mode it has.
   */
  prepareDirectory(path: string, mode: number, owner: DirectoryOwner | null): PreparedDirectory;
  /** "DIR:LINK": makes `link` (with missing parents, 0755) a relative symbolic link to `target`; fine if it is that link already. Null, or why it failed. */
  makeSymlink(target: string, link: string): string | null;
  /** Removes a directory and everything in it (rm -rf); null, or why it failed. A missing one is no failure. */
  removeTree(path: string): string | null;
  /** The user and group database (NSS), consulted in tsd before fork. */
  lookupUser(nameOrId: string): UserRecord | null;
  lookupGroup(nameOrId: string): number | null;
  groupList(user: string, gid: number): number[];
}

export interface UserRecord {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export interface DirectoryOwner {
  uid: number;
  gid: number;
}

/** What prepareDirectory() did: whether the directory was there already, and its mode now; or the error (strerror text). */
export type PreparedDirectory = { ok: true; existed: boolean; mode: number } | { ok: false; error: string };
