// The execution environment directives of systemd.exec(5), shared by [Service], [Socket],
// [Mount] and [Swap] (only services run: elsewhere they are 'stored'). Sandboxing is the
// container's job: those rows are 'sandbox' (accepted, one warning per unit, ignored); the
// rest shape the process tsd spawns, but for the few marked 'unsupported' (RootDirectory=...).

import { parseEnvironmentAssignments } from '../environment-assignments.js';
import { isValidEnvName } from '../exec-line.js';
import { newExecContext } from '../defaults.js';
import type { ExecContext, Unit } from '../model.js';
import { LIMIT_KINDS } from '../resource-limit.js';
import { type DirectiveRow, type SectionName, row, supportIn } from './row.js';
import { expandWords, quotedWords, words } from './list-values.js';
import { parseExecDirectoryValue } from '../exec-directory-value.js';

/** Directory lists are unquoted and C-unescaped (EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE). */
const escapedWords = words({ unquote: true, cunescape: true });
/** SupplementaryGroups= tolerates unbalanced quotes (EXTRACT_UNQUOTE|EXTRACT_RELAX). */
const relaxedWords = words({ unquote: true, relax: true });
import { boolean, grammar, intRange, mode, oneOf, resourceLimit, text, timeSpan, unsigned, type ValueSchema } from './value-schemas.js';
import { parseNanoseconds } from '../time-span.js';
import { parseCUnsigned } from '../c-integer.js';
import { isUserName } from '../user-name.js';

function ec(u: Unit): ExecContext {
  if (!u.exec) u.exec = newExecContext();
  return u.exec;
}

const SYSLOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
/** log_level_from_string(): a name, or a number up to 7 read like safe_atou() ("07", "0x7"). */
const syslogLevel = grammar('syslog level', (v) => {
  const i = SYSLOG_LEVELS.indexOf(v);
  return i >= 0 ? i : parseCUnsigned(v, 7);
});

/** StandardInput=, StandardOutput=, StandardError= (systemd.exec(5), "Logging and Standard Input/Output"). */
const inputValue = grammar('standard input', (v) =>
  /^(null|tty|tty-force|tty-fail|data|socket)$/.test(v) || /^(file:\/|fd(:.+)?$)/.test(v) ? v : undefined);
const outputValue = grammar('standard output', (v) =>
  /^(inherit|null|tty|journal|kmsg|journal\+console|kmsg\+console|socket)$/.test(v) || /^(file:\/|append:\/|truncate:\/|fd(:.+)?$)/.test(v)
    ? v : undefined);

/** The output settings tsd cannot honour yet go to the journal, as the default would. */
function warnOutputFallback(key: string, value: string, warn: (message: string) => void): void {
  if (value === 'socket' || value.startsWith('fd')) warn(`${key}=${value} is not supported by tsd yet; the output goes to the journal.`);
}

const workingDirectory = grammar('working directory', (v) => {
  const optional = v.startsWith('-');
  return { path: optional ? v.slice(1) : v, optional };
});

const envFile = grammar('environment file', (v) => {
  const optional = v.startsWith('-');
  const path = optional ? v.slice(1) : v;
  return path.startsWith('/') ? { path, optional } : undefined;
});

/** Personality=: the architecture names systemd knows. */
const personality = grammar('personality', (v) =>
  /^(x86|x86-64|arm|arm-be|arm64|arm64-be|alpha|ia64|mips|mips-le|mips64|mips64-le|parisc|parisc64|ppc|ppc-le|ppc64|ppc64-le|s390|s390x|sh|sh64|sparc|sparc64|riscv32|riscv64|loongarch64|arc|arc-be|cris|nios2|tilegx|m68k)$/.test(v) ? v : undefined);

const userName = grammar('user/group name or numeric ID', (v) => (isUserName(v) ? v : undefined));
export { userName };
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
/** BindPaths=: "[-]SOURCE[:DEST[:OPTIONS]]" entries with absolute paths. */
const bindPaths = grammar('list of bind mounts', (v) => {
  const words = v.split(/\s+/).filter(Boolean);
  return words.every((w) => /^-?\/[^:]*(:\/[^:]*(:(rbind|norbind))?)?$/.test(w)) ? v : undefined;
});
const absolute = (what: string) => grammar(what, (v) => (v.startsWith('/') ? v : undefined));
const SANDBOX_SCHEMAS: Record<string, ValueSchema<unknown>> = {
  ExtensionDirectories: pathList, BindPaths: bindPaths, BindReadOnlyPaths: bindPaths,
  RootImage: absolute('absolute path'), RootVerity: absolute('absolute path'),
  SystemCallErrorNumber: grammar('error number', (v) => (/^(E[A-Z0-9]+|[0-9]+|kill|log)$/.test(v) ? v : undefined)),
  SystemCallArchitectures: grammar('system call architecture list', (v) => (v.split(/\s+/).filter(Boolean).every((a) => /^(native|x86|x86-64|x32|arm|arm64|mips.*|ppc.*|s390x?|riscv64|loongarch64|parisc.*|alpha|ia64|sh.*|sparc.*)$/.test(a)) ? v : undefined)),
  NetworkNamespacePath: absolute('absolute path'), IPCNamespacePath: absolute('absolute path'),
  TemporaryFileSystem: grammar('list of absolute paths', (v) => (v.split(/\s+/).filter(Boolean).every((w) => w.startsWith('/')) ? v : undefined)),
  ExtensionImages: grammar('list of images', (v) => (v.split(/\s+/).filter(Boolean).every((w) => /^-?\//.test(w) || /^[a-z]+:/.test(w)) ? v : undefined)),
  MountImages: grammar('list of images', (v) => (v.split(/\s+/).filter(Boolean).every((w) => /^-?\//.test(w) || /^[a-z]+:/.test(w)) ? v : undefined)),
  RestrictAddressFamilies: grammar('address family list', (v) => (v === 'none' || v.replace(/^~/, '').split(/\s+/).filter(Boolean).every((f) => /^AF_[A-Z0-9]+$/.test(f)) ? v : undefined)),
  RootHashSignature: grammar('root hash signature', (v) => (v.startsWith('/') || v.startsWith('base64:') ? v : undefined)),
  SetCredential: grammar('credential', (v) => (/^[A-Za-z0-9_.@-]+:/.test(v) ? v : undefined)),
  SetCredentialEncrypted: grammar('credential', (v) => (/^[A-Za-z0-9_.@-]+:/.test(v) ? v : undefined)),
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
const IGNORED_CHOICES: Record<string, ValueSchema<unknown>> = {
  IOSchedulingClass: grammar('IO scheduling class', (v) => (/^(none|realtime|best-effort|idle|[0-3])$/.test(v) ? v : undefined)),
  IOSchedulingPriority: intRange('IO priority', 0, 7),
  CPUSchedulingPolicy: grammar('CPU scheduling policy', (v) => (/^(other|batch|idle|fifo|rr)$/.test(v) ? v : undefined)),
  CPUSchedulingPriority: intRange('CPU scheduling priority', 0, 99),
};
/** Accepted silently but validated the way systemd does; an empty value is an error for these. */
const IGNORED_STRICT: Record<string, ValueSchema<unknown>> = {
  SyslogFacility: grammar('log facility', (v) => (/^(kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])$/.test(v) ? v : undefined)),
  LogLevelMax: syslogLevel,
  LogRateLimitIntervalSec: timeSpan,
  LogRateLimitBurst: unsigned,
  TimerSlackNSec: grammar('nsec value', parseNanoseconds),
  TimeoutCleanSec: timeSpan,
  UtmpMode: grammar('utmp mode', (v) => (/^(init|login|user)$/.test(v) ? v : undefined)),
  TTYRows: unsigned,
  TTYColumns: unsigned,
  ExecSearchPath: grammar('colon-separated absolute paths', (v) => (v.split(':').every((p) => p.startsWith('/')) ? v : undefined)),
  LogNamespace: grammar('log namespace name', (v) => (/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(v) ? v : undefined)),
  LogExtraFields: grammar('journal field list', (v) => (v.split(/\s+/).filter(Boolean).every((f) => /^[A-Z0-9_]+=/.test(f.replace(/^"/, ''))) ? v : undefined)),
  StandardInputData: grammar('base64 data', (v) => (/^[A-Za-z0-9+/=\s]+$/.test(v) ? v : undefined)),
  NUMAMask: grammar('NUMA node mask', (v) => (v === 'all' || /^([0-9]+(-[0-9]+)?)([,\s]+[0-9]+(-[0-9]+)?)*$/.test(v.trim()) ? v : undefined)),
};
/** Scheduling and logging knobs tsd does not apply (yet); accepted silently. */
const IGNORED_TEXT = ['CoredumpFilter', 'CPUAffinity', 'NUMAPolicy', 'StandardInputText', 'PAMName', 'UtmpIdentifier'];
const IGNORED_BOOLEANS = ['CPUSchedulingResetOnFork', 'TTYReset', 'TTYVHangup', 'TTYVTDisallocate'];

export function execContextRows(section: SectionName): DirectiveRow[] {
  const r = <T>(d: Omit<DirectiveRow<T>, 'section'>): DirectiveRow<T> => row({ ...d, section, support: supportIn(section, d.support) });
  const dirRows = (name: string, key: DirKey, modeKey: DirModeKey): DirectiveRow[] => [
    // "DIR[:LINK]" words, checked as config_parse_exec_directories() does (exec-directory-value.ts).
    r({ name, schema: text, support: 'implemented', specifiers: 'words',
      apply: (u, v, ctx) => {
        const parsed = parseExecDirectoryValue(v, name, ctx.expand);
        for (const warning of parsed.warnings) ctx.warn(warning);
        const links = (ec(u).directorySymlinks[key] ??= {});
        for (const { path, link } of parsed.entries) {
          if (!ec(u)[key].includes(path)) ec(u)[key].push(path);
          if (link !== undefined && !(links[path] ??= []).includes(link)) links[path]!.push(link);
        }
      },
      reset: (u) => { ec(u)[key] = []; delete ec(u).directorySymlinks[key]; } }),
    r({ name: `${name}Mode`, schema: mode, support: 'implemented', specifiers: 'none', apply: (u, v) => { ec(u)[modeKey] = v; } }),
  ];
  return [
    // A relative path is fatal ("path is not absolute"), unless "-" makes the setting optional.
    r({ name: 'WorkingDirectory', schema: workingDirectory, support: 'implemented', specifiers: 'value', fatal: true,
      apply: (u, v, ctx) => {
        if (v.path === '~' || v.path.startsWith('/')) ec(u).workingDirectory = v;
        else if (v.optional) ctx.warn(`WorkingDirectory= path is not absolute, ignoring: ${v.path}`);
        else ctx.fail(`WorkingDirectory= path is not absolute: ${v.path}`);
      },
      reset: (u) => { delete ec(u).workingDirectory; } }),
    r({ name: 'RootDirectory', schema: text, support: 'unsupported', specifiers: 'value', fatal: true,
      note: "the service runs in the container's root directory",
      apply: (u, v, ctx) => {
        if (v.startsWith('/')) ec(u).rootDirectory = v;
        else ctx.fail(`RootDirectory= path is not absolute: ${v}`);
      },
      reset: (u) => { delete ec(u).rootDirectory; } }),
    r({ name: 'User', schema: userName, support: 'implemented', specifiers: 'value', fatal: true,
      apply: (u, v) => { ec(u).user = v; }, reset: (u) => { delete ec(u).user; } }),
    r({ name: 'Group', schema: userName, support: 'implemented', specifiers: 'value', fatal: true,
      apply: (u, v) => { ec(u).group = v; }, reset: (u) => { delete ec(u).group; } }),
    r({ name: 'SupplementaryGroups', schema: relaxedWords, support: 'implemented', specifiers: 'words',
      apply: (u, v, ctx) => {
        const groups: string[] = [];
        for (const w of v) {
          try {
            groups.push(ctx.expand(w));
          } catch (e) {
            ctx.fail(`Failed to resolve unit specifiers in ${w}: ${(e as Error).message}`);
          }
        }
        for (const g of groups) {
          if (g === '') continue;
          if (isUserName(g)) ec(u).supplementaryGroups.push(g);
          else ctx.fail(`Invalid user/group name or numeric ID: ${g}`);
        }
      },
      reset: (u) => { ec(u).supplementaryGroups = []; } }),
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
    r({ name: 'UnsetEnvironment', schema: escapedWords, support: 'implemented', specifiers: 'words',
      apply: (u, v, ctx) => {
        for (const w of expandWords(v, ctx)) {
          // A name ("FOO") or a whole assignment ("FOO=bar") to remove.
          const name = w.includes('=') ? w.slice(0, w.indexOf('=')) : w;
          if (isValidEnvName(name)) ec(u).unsetEnvironment.push(w);
          else ctx.warn(`Invalid environment name or assignment UnsetEnvironment, ignoring: ${w}`);
        }
      },
      reset: (u) => { ec(u).unsetEnvironment = []; } }),
    r({ name: 'StandardInput', schema: inputValue, support: 'implemented', specifiers: 'value', apply: (u, v, ctx) => {
      ec(u).standardInput = v;
      if (!/^(null|tty|tty-force|tty-fail)$/.test(v)) ctx.unsupported(`StandardInput=${v} is not supported by tsd yet; the service reads /dev/null.`);
    } }),
    r({ name: 'StandardOutput', schema: outputValue, support: 'implemented', specifiers: 'value', apply: (u, v, ctx) => {
      ec(u).standardOutput = v;
      warnOutputFallback('StandardOutput', v, ctx.unsupported);
    } }),
    r({ name: 'StandardError', schema: outputValue, support: 'implemented', specifiers: 'value', apply: (u, v, ctx) => {
      ec(u).standardError = v;
      warnOutputFallback('StandardError', v, ctx.unsupported);
    } }),
    r({ name: 'TTYPath', schema: grammar('absolute path', (v) => (v.startsWith('/') ? v : undefined)), support: 'unsupported', specifiers: 'value',
      note: "StandardInput=tty is tsd's own standard input",
      apply: (u, v) => { ec(u).ttyPath = v; }, reset: (u) => { delete ec(u).ttyPath; } }),
    r({ name: 'SyslogIdentifier', schema: text, support: 'implemented', specifiers: 'value',
      apply: (u, v) => { ec(u).syslogIdentifier = v; }, reset: (u) => { delete ec(u).syslogIdentifier; } }),
    r({ name: 'SyslogLevel', schema: syslogLevel, support: 'implemented', specifiers: 'none', apply: (u, v) => { ec(u).syslogLevel = v; } }),
    r({ name: 'SyslogLevelPrefix', schema: boolean, support: 'implemented', specifiers: 'none', apply: (u, v) => { ec(u).syslogLevelPrefix = v; } }),
    r({ name: 'IgnoreSIGPIPE', schema: boolean, support: 'implemented', specifiers: 'none', apply: (u, v) => { ec(u).ignoreSIGPIPE = v; } }),
    r({ name: 'AmbientCapabilities', schema: relaxedWords, support: 'unsupported', specifiers: 'none',
      note: 'no ambient capability is raised: a service with User= has none',
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
      ...(EMPTY_IS_ERROR.has(name) ? {} : { reset: () => {} }), ...(name === 'RootImage' || name === 'RootVerity' ? { fatal: true } : {}) })),
    ...IGNORED_TEXT.map((name) => r({ name, schema: text, support: 'ignored', specifiers: 'value', apply: () => {} })),
    // systemd resets these on an empty value, except CPUSchedulingPriority=.
    ...Object.entries(IGNORED_CHOICES).map(([name, schema]) => r({ name, schema, support: 'ignored', specifiers: 'none', apply: () => {}, ...(name === 'CPUSchedulingPriority' ? {} : { reset: () => {} }) })),
    ...Object.entries(IGNORED_STRICT).map(([name, schema]) => r({ name, schema, support: 'ignored', specifiers: 'none', apply: () => {},
      ...(EMPTY_IS_ERROR.has(name) ? {} : { reset: () => {} }) })),
    r({ name: 'Personality', schema: personality, support: 'sandbox', specifiers: 'none', apply: () => {}, reset: () => {} }),
    ...IGNORED_BOOLEANS.map((name) => r({ name, schema: boolean, support: 'ignored', specifiers: 'none', apply: () => {} })),
  ];
}

