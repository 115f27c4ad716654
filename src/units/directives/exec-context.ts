// The execution environment directives of systemd.exec(5), shared by [Service], [Socket],
// [Mount] and [Swap]. Sandboxing is the container's job: those rows are 'sandbox' (accepted,
// one warning per unit, ignored); the rest shape the process tsd spawns.

import { parseEnvironmentAssignments } from '../environment-assignments.js';
import { isValidEnvName } from '../exec-line.js';
import { newExecContext } from '../defaults.js';
import type { z } from 'zod';
import type { ExecContext, Unit } from '../model.js';
import { LIMIT_KINDS } from '../resource-limit.js';
import { type DirectiveRow, type SectionName, row } from './row.js';
import { expandWords, quotedWords } from './list-values.js';
import { boolean, grammar, intRange, mode, oneOf, resourceLimit, text, timeSpan, unsigned } from './value-schemas.js';
import { parseTimeSpan } from '../time-span.js';

function ec(u: Unit): ExecContext {
  if (!u.exec) u.exec = newExecContext();
  return u.exec;
}

const SYSLOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const syslogLevel = grammar('syslog level', (v) => {
  const i = SYSLOG_LEVELS.indexOf(v);
  if (i >= 0) return i;
  return /^[0-7]$/.test(v) ? Number(v) : undefined;
});

/** StandardInput=, StandardOutput=, StandardError= (systemd.exec(5), "Logging and Standard Input/Output"). */
const inputValue = grammar('standard input', (v) =>
  /^(null|tty|tty-force|tty-fail|data|socket)$/.test(v) || /^(file:\/|fd(:.+)?$)/.test(v) ? v : undefined);
const outputValue = grammar('standard output', (v) =>
  /^(inherit|null|tty|journal|kmsg|journal\+console|kmsg\+console|socket)$/.test(v) || /^(file:\/|append:\/|truncate:\/|fd(:.+)?$)/.test(v)
    ? v : undefined);

const workingDirectory = grammar('working directory', (v) => {
  const optional = v.startsWith('-');
  const path = optional ? v.slice(1) : v;
  return path === '~' || path.startsWith('/') ? { path, optional } : undefined;
});

const envFile = grammar('environment file', (v) => {
  const optional = v.startsWith('-');
  const path = optional ? v.slice(1) : v;
  return path.startsWith('/') ? { path, optional } : undefined;
});

/** Personality=: the architecture names systemd knows. */
const personality = grammar('personality', (v) =>
  /^(x86|x86-64|arm|arm-be|arm64|arm64-be|alpha|ia64|mips|mips-le|mips64|mips64-le|parisc|parisc64|ppc|ppc-le|ppc64|ppc64-le|s390|s390x|sh|sh64|sparc|sparc64|riscv32|riscv64|loongarch64|arc|arc-be|cris|nios2|tilegx|m68k)$/.test(v) ? v : undefined);

type DirKey = 'runtimeDirectory' | 'stateDirectory' | 'cacheDirectory' | 'logsDirectory' | 'configurationDirectory';
type DirModeKey = 'runtimeDirectoryMode' | 'stateDirectoryMode' | 'cacheDirectoryMode' | 'logsDirectoryMode' | 'configurationDirectoryMode';

/** Security and namespace settings: "the container is the sandbox". */
const SANDBOX_BOOLEANS = [
  'DynamicUser', 'RemoveIPC', 'NoNewPrivileges', 'MemoryDenyWriteExecute', 'RestrictRealtime', 'RestrictSUIDSGID',
  'LockPersonality', 'PrivateTmp', 'PrivateDevices', 'ProtectKernelTunables', 'ProtectKernelModules',
  'ProtectKernelLogs', 'ProtectClock', 'ProtectControlGroups', 'PrivateNetwork', 'PrivateUsers', 'PrivateMounts',
  'PrivateIPC', 'ProtectHostname',
];
/** Path lists of the namespace settings: each entry absolute, optionally prefixed with "-" and/or "+". */
const pathList = grammar('list of absolute paths', (v) => {
  const words = v.split(/\s+/).filter(Boolean);
  return words.every((w) => /^[-+]{0,2}\//.test(w.replace(/^"|"$/g, ''))) ? v : undefined;
});
const SANDBOX_SCHEMAS: Record<string, z.ZodType<unknown, string>> = {
  KeyringMode: grammar('keyring mode', (v) => (/^(inherit|private|shared)$/.test(v) ? v : undefined)),
  ReadWritePaths: pathList, ReadOnlyPaths: pathList, InaccessiblePaths: pathList, ExecPaths: pathList, NoExecPaths: pathList,
  ReadWriteDirectories: pathList, ReadOnlyDirectories: pathList, InaccessibleDirectories: pathList,
  ProtectProc: grammar('/proc/ protection mode', (v) => (/^(noaccess|invisible|ptraceable|default)$/.test(v) ? v : undefined)),
  ProcSubset: grammar('/proc/ subset mode', (v) => (/^(all|pid)$/.test(v) ? v : undefined)),
  MountFlags: grammar('mount flag', (v) => (/^(shared|slave|private)$/.test(v) ? v : undefined)),
  RootHash: grammar('root hash', (v) => (/^([0-9a-fA-F]{2})+$/.test(v) || v.startsWith('/') ? v : undefined)),
};
/** Settings whose empty value systemd 252 refuses instead of resetting them. */
const EMPTY_IS_ERROR = new Set([
  'KeyringMode', 'ProtectProc', 'ProcSubset', 'SyslogFacility', 'LogLevelMax', 'LogRateLimitIntervalSec',
  'LogRateLimitBurst', 'TimerSlackNSec', 'TimeoutCleanSec', 'UtmpMode',
]);
const SANDBOX_TEXT = [
  'RootImage', 'RootImageOptions', 'RootHash', 'RootHashSignature', 'RootVerity', 'ExtensionDirectories',
  'ExtensionImages', 'MountImages', 'SecureBits', 'CapabilityBoundingSet', 'KeyringMode', 'ProtectProc', 'ProcSubset',
  'SystemCallFilter', 'SystemCallArchitectures', 'SystemCallErrorNumber', 'SystemCallLog', 'RestrictNamespaces',
  'RestrictAddressFamilies', 'RestrictFileSystems', 'ReadWritePaths', 'ReadOnlyPaths', 'InaccessiblePaths',
  'ExecPaths', 'NoExecPaths', 'BindPaths', 'BindReadOnlyPaths', 'TemporaryFileSystem', 'NetworkNamespacePath',
  'IPCNamespacePath', 'MountFlags', 'MountAPIVFS', 'SELinuxContext', 'AppArmorProfile', 'SmackProcessLabel',
  'LoadCredential', 'LoadCredentialEncrypted', 'SetCredential', 'SetCredentialEncrypted',
];
const PROTECT_SYSTEM = ['yes', 'no', 'true', 'false', 'on', 'off', '1', '0', 'full', 'strict'] as const;
const PROTECT_HOME = ['yes', 'no', 'true', 'false', 'on', 'off', '1', '0', 'read-only', 'tmpfs'] as const;
/** Scheduling knobs tsd does not apply (yet), still validated like systemd does. */
const IGNORED_CHOICES: Record<string, z.ZodType<unknown, string>> = {
  IOSchedulingClass: grammar('IO scheduling class', (v) => (/^(none|realtime|best-effort|idle|[0-3])$/.test(v) ? v : undefined)),
  IOSchedulingPriority: intRange('IO priority', 0, 7),
  CPUSchedulingPolicy: grammar('CPU scheduling policy', (v) => (/^(other|batch|idle|fifo|rr)$/.test(v) ? v : undefined)),
  CPUSchedulingPriority: intRange('CPU scheduling priority', 0, 99),
};
/** Accepted silently but validated the way systemd does; an empty value is an error for these. */
const IGNORED_STRICT: Record<string, z.ZodType<unknown, string>> = {
  SyslogFacility: grammar('log facility', (v) => (/^(kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])$/.test(v) ? v : undefined)),
  LogLevelMax: grammar('log level', (v) => (/^(emerg|alert|crit|err|warning|notice|info|debug|[0-7])$/.test(v) ? v : undefined)),
  LogRateLimitIntervalSec: timeSpan,
  LogRateLimitBurst: unsigned,
  TimerSlackNSec: grammar('nsec value', (v) => parseTimeSpan(v, 0.000001)),
  TimeoutCleanSec: timeSpan,
  UtmpMode: grammar('utmp mode', (v) => (/^(init|login|user)$/.test(v) ? v : undefined)),
  TTYRows: unsigned,
  TTYColumns: unsigned,
};
/** Scheduling and logging knobs tsd does not apply (yet); accepted silently. */
const IGNORED_TEXT = [
  'CoredumpFilter',
  'CPUAffinity', 'NUMAPolicy', 'NUMAMask', 'StandardInputText', 'StandardInputData',
  'LogExtraFields', 'LogNamespace', 'ExecSearchPath', 'PAMName', 'UtmpIdentifier',
];
const IGNORED_BOOLEANS = ['CPUSchedulingResetOnFork', 'TTYReset', 'TTYVHangup', 'TTYVTDisallocate'];

export function execContextRows(section: SectionName): DirectiveRow[] {
  const r = <T>(d: Omit<DirectiveRow<T>, 'section'>): DirectiveRow<T> => row({ ...d, section });
  const dirRows = (name: string, key: DirKey, modeKey: DirModeKey): DirectiveRow[] => [
    r({ name, schema: quotedWords, support: 'implemented', specifiers: 'words',
      apply: (u, v, ctx) => {
        for (const d of expandWords(v, ctx)) {
          // "must be relative ... must not contain '..'" (colon form "dir:symlink" is accepted: first part used)
          const dir = d.split(':')[0]!;
          if (dir.startsWith('/') || dir.split('/').includes('..') || dir === '') ctx.warn(`${name}= path is not valid, ignoring assignment: ${d}`);
          else if (!ec(u)[key].includes(dir)) ec(u)[key].push(dir);
        }
      },
      reset: (u) => { ec(u)[key] = []; } }),
    r({ name: `${name}Mode`, schema: mode, support: 'implemented', specifiers: 'none', apply: (u, v) => { ec(u)[modeKey] = v; } }),
  ];
  return [
    r({ name: 'WorkingDirectory', schema: workingDirectory, support: 'implemented', specifiers: 'value', fatal: true,
      apply: (u, v) => { ec(u).workingDirectory = v; }, reset: (u) => { delete ec(u).workingDirectory; } }),
    r({ name: 'RootDirectory', schema: grammar('absolute path', (v) => (v.startsWith('/') ? v : undefined)), support: 'implemented', specifiers: 'value', fatal: true,
      apply: (u, v) => { ec(u).rootDirectory = v; }, reset: (u) => { delete ec(u).rootDirectory; } }),
    r({ name: 'User', schema: text, support: 'implemented', specifiers: 'value',
      apply: (u, v) => { ec(u).user = v; }, reset: (u) => { delete ec(u).user; } }),
    r({ name: 'Group', schema: text, support: 'implemented', specifiers: 'value',
      apply: (u, v) => { ec(u).group = v; }, reset: (u) => { delete ec(u).group; } }),
    r({ name: 'SupplementaryGroups', schema: quotedWords, support: 'implemented', specifiers: 'words',
      apply: (u, v, ctx) => { ec(u).supplementaryGroups.push(...expandWords(v, ctx)); }, reset: (u) => { ec(u).supplementaryGroups = []; } }),
    r({ name: 'Nice', schema: intRange('nice level', -20, 19), support: 'implemented', specifiers: 'none',
      apply: (u, v) => { ec(u).nice = v; }, reset: (u) => { delete ec(u).nice; } }),
    r({ name: 'OOMScoreAdjust', schema: intRange('OOM score adjustment', -1000, 1000), support: 'implemented', specifiers: 'none',
      apply: (u, v) => { ec(u).oomScoreAdjust = v; }, reset: (u) => { delete ec(u).oomScoreAdjust; } }),
    r({ name: 'UMask', schema: mode, support: 'implemented', specifiers: 'none', apply: (u, v) => { ec(u).umask = v; } }),
    r({ name: 'Environment', schema: text, support: 'implemented', specifiers: 'words',
      apply: (u, v, ctx) => {
        const res = parseEnvironmentAssignments(v, ctx.expand);
        // Like strv_env_replace(): a variable set again keeps its place and takes the new value.
        const env = ec(u).environment;
        for (const [name, value] of res.assignments) {
          const i = env.findIndex(([n]) => n === name);
          if (i >= 0) env[i] = [name, value];
          else env.push([name, value]);
        }
        for (const e of res.errors) ctx.warn(e);
      },
      reset: (u) => { ec(u).environment = []; } }),
    r({ name: 'EnvironmentFile', schema: envFile, support: 'implemented', specifiers: 'value',
      apply: (u, v) => { ec(u).environmentFiles.push(v); }, reset: (u) => { ec(u).environmentFiles = []; } }),
    r({ name: 'PassEnvironment', schema: quotedWords, support: 'implemented', specifiers: 'words',
      apply: (u, v, ctx) => {
        for (const n of expandWords(v, ctx)) {
          if (isValidEnvName(n)) ec(u).passEnvironment.push(n);
          else ctx.warn(`Invalid environment name for PassEnvironment, ignoring: ${n}`);
        }
      },
      reset: (u) => { ec(u).passEnvironment = []; } }),
    r({ name: 'UnsetEnvironment', schema: quotedWords, support: 'implemented', specifiers: 'words',
      apply: (u, v, ctx) => { ec(u).unsetEnvironment.push(...expandWords(v, ctx)); }, reset: (u) => { ec(u).unsetEnvironment = []; } }),
    r({ name: 'StandardInput', schema: inputValue, support: 'implemented', specifiers: 'value', apply: (u, v) => { ec(u).standardInput = v; } }),
    r({ name: 'StandardOutput', schema: outputValue, support: 'implemented', specifiers: 'value', apply: (u, v) => { ec(u).standardOutput = v; } }),
    r({ name: 'StandardError', schema: outputValue, support: 'implemented', specifiers: 'value', apply: (u, v) => { ec(u).standardError = v; } }),
    r({ name: 'TTYPath', schema: text, support: 'implemented', specifiers: 'value', apply: (u, v) => { ec(u).ttyPath = v; } }),
    r({ name: 'SyslogIdentifier', schema: text, support: 'implemented', specifiers: 'value',
      apply: (u, v) => { ec(u).syslogIdentifier = v; }, reset: (u) => { delete ec(u).syslogIdentifier; } }),
    r({ name: 'SyslogLevel', schema: syslogLevel, support: 'implemented', specifiers: 'none', apply: (u, v) => { ec(u).syslogLevel = v; } }),
    r({ name: 'SyslogLevelPrefix', schema: boolean, support: 'implemented', specifiers: 'none', apply: (u, v) => { ec(u).syslogLevelPrefix = v; } }),
    r({ name: 'IgnoreSIGPIPE', schema: boolean, support: 'implemented', specifiers: 'none', apply: (u, v) => { ec(u).ignoreSIGPIPE = v; } }),
    r({ name: 'AmbientCapabilities', schema: quotedWords, support: 'implemented', specifiers: 'none',
      apply: (u, v) => { (ec(u).ambientCapabilities ??= []).push(...v); }, reset: (u) => { ec(u).ambientCapabilities = []; } }),
    ...Object.entries(LIMIT_KINDS).map(([key, kind]) =>
      r({ name: `Limit${key.toUpperCase()}`, schema: resourceLimit(kind), support: 'implemented', specifiers: 'none',
        apply: (u, v) => { ec(u).limits[key] = v; } })),
    ...dirRows('RuntimeDirectory', 'runtimeDirectory', 'runtimeDirectoryMode'),
    ...dirRows('StateDirectory', 'stateDirectory', 'stateDirectoryMode'),
    ...dirRows('CacheDirectory', 'cacheDirectory', 'cacheDirectoryMode'),
    ...dirRows('LogsDirectory', 'logsDirectory', 'logsDirectoryMode'),
    ...dirRows('ConfigurationDirectory', 'configurationDirectory', 'configurationDirectoryMode'),
    r({ name: 'RuntimeDirectoryPreserve', schema: oneOf('RuntimeDirectoryPreserve= value', ['no', 'yes', 'restart', 'false', 'true', '0', '1', 'off', 'on'] as const),
      support: 'implemented', specifiers: 'none',
      apply: (u, v) => { ec(u).runtimeDirectoryPreserve = v === 'restart' ? 'restart' : ['yes', 'true', '1', 'on'].includes(v) ? 'yes' : 'no'; } }),
    r({ name: 'ProtectSystem', schema: oneOf('ProtectSystem= value', PROTECT_SYSTEM), support: 'sandbox', specifiers: 'none', apply: () => {} }),
    r({ name: 'ProtectHome', schema: oneOf('ProtectHome= value', PROTECT_HOME), support: 'sandbox', specifiers: 'none', apply: () => {} }),
    // Deprecated spellings of ReadWritePaths= & co. ("still accepted").
    r({ name: 'ReadWriteDirectories', schema: pathList, support: 'sandbox', specifiers: 'value', apply: () => {}, replacedBy: 'ReadWritePaths' }),
    r({ name: 'ReadOnlyDirectories', schema: pathList, support: 'sandbox', specifiers: 'value', apply: () => {}, replacedBy: 'ReadOnlyPaths' }),
    r({ name: 'InaccessibleDirectories', schema: pathList, support: 'sandbox', specifiers: 'value', apply: () => {}, replacedBy: 'InaccessiblePaths' }),
    r({ name: 'Capabilities', schema: text, support: 'legacy', specifiers: 'none', apply: () => {} }),
    ...SANDBOX_BOOLEANS.map((name) => r({ name, schema: boolean, support: 'sandbox', specifiers: 'none', apply: () => {}, ...(name === 'DynamicUser' ? { fatal: true } : {}) })),
    ...SANDBOX_TEXT.map((name) => r({ name, schema: SANDBOX_SCHEMAS[name] ?? text, support: 'sandbox', specifiers: 'value', apply: () => {},
      ...(EMPTY_IS_ERROR.has(name) ? {} : { reset: () => {} }) })),
    ...IGNORED_TEXT.map((name) => r({ name, schema: text, support: 'ignored', specifiers: 'value', apply: () => {} })),
    // systemd resets these on an empty value, except CPUSchedulingPriority=.
    ...Object.entries(IGNORED_CHOICES).map(([name, schema]) => r({ name, schema, support: 'ignored', specifiers: 'none', apply: () => {}, ...(name === 'CPUSchedulingPriority' ? {} : { reset: () => {} }) })),
    ...Object.entries(IGNORED_STRICT).map(([name, schema]) => r({ name, schema, support: 'ignored', specifiers: 'none', apply: () => {},
      ...(EMPTY_IS_ERROR.has(name) ? {} : { reset: () => {} }) })),
    r({ name: 'Personality', schema: personality, support: 'sandbox', specifiers: 'none', apply: () => {}, reset: () => {} }),
    ...IGNORED_BOOLEANS.map((name) => r({ name, schema: boolean, support: 'ignored', specifiers: 'none', apply: () => {} })),
  ];
}

