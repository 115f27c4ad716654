// [Service] directives of systemd.service(5) (the exec, kill and resource-control ones live in
// exec-context.ts, kill-context.ts and resource-control.ts, shared with other unit types).

import { parseExecLine } from '../exec-line.js';
import type { ExecCommand, ServiceSection, Unit } from '../model.js';
import { newServiceSection } from '../defaults.js';
import { type DirectiveRow, row, supportUnless } from './row.js';
import { addUnitNames, unitNames } from './list-values.js';
import { emergencyAction } from './unit-section.js';
import { boolean, exitStatusSet, grammar, oneOf, text, timeSpan, timeSpanZeroInfinity, unsigned } from './value-schemas.js';

function service(u: Unit): ServiceSection {
  if (!u.service) u.service = newServiceSection();
  return u.service;
}

/** A D-Bus well-known name: at least two dot-separated elements of [A-Za-z0-9_-], not starting with a digit. */
const busName = grammar('bus name', (v) =>
  v.length <= 255 && /^[A-Za-z_-][A-Za-z0-9_-]*(\.[A-Za-z_-][A-Za-z0-9_-]*)+$/.test(v) ? v : undefined);

type ExecKey = 'execCondition' | 'execStartPre' | 'execStart' | 'execStartPost' | 'execReload' | 'execStop' | 'execStopPost';
function exec(name: string, key: ExecKey, unsupported?: string): DirectiveRow<string> {
  return row({
    name, section: 'Service', schema: text, specifiers: 'words',
    ...supportUnless(unsupported, 'implemented'),
    apply: (u, v, ctx) => {
      const r = parseExecLine(v, ctx.expand, { file: ctx.entry.file, line: ctx.entry.line });
      service(u)[key].push(...r.commands);
      for (const w of r.warnings ?? []) ctx.warn(w);
      // systemd refuses the unit on a bad command line (ENOEXEC -> "bad-setting"), unless the
      // command has the "-" prefix: then it is only dropped.
      if (r.error) (r.ignorable ? ctx.warn : ctx.fail)(r.error);
    },
    reset: (u) => { service(u)[key] = [] as ExecCommand[]; },
  });
}

type StatusKey = 'successExitStatus' | 'restartPreventExitStatus' | 'restartForceExitStatus';
function statusSet(name: string, key: StatusKey): DirectiveRow {
  return row({
    name, section: 'Service', schema: exitStatusSet, support: 'implemented', specifiers: 'none',
    apply: (u, v, ctx) => {
      const s = service(u)[key];
      s.statuses.push(...v.set.statuses.filter((x) => !s.statuses.includes(x)));
      s.signals.push(...v.set.signals.filter((x) => !s.signals.includes(x)));
      // config_parse_set_status(): a bad word is skipped, the others are kept.
      for (const word of v.invalid) ctx.warn(`Failed to parse value, ignoring: ${word}`);
      if (v.error) ctx.warn(`Failed to parse ${name}=${ctx.text}, ignoring: Invalid argument`);
    },
    reset: (u) => { service(u)[key] = { statuses: [], signals: [] }; },
  });
}

const ignored = (name: string, note?: string): DirectiveRow =>
  row({ name, section: 'Service', schema: text, support: 'ignored', specifiers: 'none', apply: () => {}, ...(note ? { note } : {}) });

export const SERVICE_SECTION: DirectiveRow[] = [
  row({ name: 'PIDFile', section: 'Service', schema: text, support: 'implemented', specifiers: 'value',
    // "If this path is not absolute, it is prefixed with /run/" (systemd 252 does so with a warning).
    apply: (u, v) => { service(u).pidFile = v.startsWith('/') ? v : `/run/${v}`; },
    reset: (u) => { delete service(u).pidFile; } }),
  exec('ExecCondition', 'execCondition', 'the commands are not run: the service starts as if they had succeeded'),
  exec('ExecStartPre', 'execStartPre'),
  exec('ExecStart', 'execStart'),
  exec('ExecStartPost', 'execStartPost'),
  exec('ExecReload', 'execReload'),
  exec('ExecStop', 'execStop'),
  exec('ExecStopPost', 'execStopPost'),
  row({ name: 'RestartSec', section: 'Service', schema: timeSpan, support: 'implemented', specifiers: 'none',
    apply: (u, v) => { service(u).restartSec = v; } }),
  // "TimeoutSec=: A shorthand for configuring both TimeoutStartSec= and TimeoutStopSec="; 0 disables.
  row({ name: 'TimeoutSec', section: 'Service', schema: timeSpanZeroInfinity, support: 'implemented', specifiers: 'none',
    apply: (u, v) => { service(u).timeoutStartSec = v; service(u).timeoutStopSec = v; } }),
  row({ name: 'TimeoutStartSec', section: 'Service', schema: timeSpanZeroInfinity, support: 'implemented', specifiers: 'none',
    apply: (u, v) => { service(u).timeoutStartSec = v; } }),
  row({ name: 'TimeoutStopSec', section: 'Service', schema: timeSpanZeroInfinity, support: 'implemented', specifiers: 'none',
    apply: (u, v) => { service(u).timeoutStopSec = v; } }),
  row({ name: 'TimeoutAbortSec', section: 'Service', schema: timeSpanZeroInfinity, support: 'unsupported', specifiers: 'none',
    note: 'there is no watchdog to abort a service; a stop that times out ends with FinalKillSignal= after TimeoutStopSec=',
    apply: (u, v) => { service(u).timeoutAbortSec = v; }, reset: (u) => { delete service(u).timeoutAbortSec; } }),
  row({ name: 'TimeoutStartFailureMode', section: 'Service', schema: oneOf('timeout failure mode', ['terminate', 'abort', 'kill'] as const), support: 'stored', specifiers: 'none', apply: () => {} }),
  row({ name: 'TimeoutStopFailureMode', section: 'Service', schema: oneOf('timeout failure mode', ['terminate', 'abort', 'kill'] as const), support: 'stored', specifiers: 'none', apply: () => {} }),
  row({ name: 'RuntimeMaxSec', section: 'Service', schema: timeSpan, support: 'unsupported', specifiers: 'none',
    note: 'the service runs for as long as it likes',
    apply: (u, v) => { service(u).runtimeMaxSec = v; } }),
  row({ name: 'RuntimeRandomizedExtraSec', section: 'Service', schema: timeSpan, support: 'stored', specifiers: 'none', apply: () => {} }),
  row({ name: 'WatchdogSec', section: 'Service', schema: timeSpan, support: 'unsupported', specifiers: 'none',
    note: 'WATCHDOG_USEC is not set, and a service that stops sending WATCHDOG=1 is not stopped',
    apply: (u, v) => { service(u).watchdogSec = v; } }),
  // "The following five only exist for compatibility, they moved into [Unit]".
  row({ name: 'StartLimitInterval', section: 'Service', schema: timeSpan, support: 'implemented', specifiers: 'none',
    apply: (u, v) => { u.unit.startLimitIntervalSec = v; }, replacedBy: 'StartLimitIntervalSec= in [Unit]' }),
  row({ name: 'StartLimitBurst', section: 'Service', schema: unsigned, support: 'implemented', specifiers: 'none',
    apply: (u, v) => { u.unit.startLimitBurst = v; }, replacedBy: 'StartLimitBurst= in [Unit]' }),
  row({ name: 'StartLimitAction', section: 'Service', schema: emergencyAction, support: 'unsupported', specifiers: 'none',
    note: 'hitting the start limit only fails the unit; tsd keeps running',
    apply: (u, v) => { u.unit.startLimitAction = v; }, replacedBy: 'StartLimitAction= in [Unit]' }),
  row({ name: 'FailureAction', section: 'Service', schema: emergencyAction, support: 'unsupported', specifiers: 'none',
    note: 'a failure only fails the unit; tsd keeps running',
    apply: (u, v) => { u.unit.failureAction = v; }, replacedBy: 'FailureAction= in [Unit]' }),
  ignored('RebootArgument'),
  row({ name: 'Type', section: 'Service', schema: oneOf('service type', ['simple', 'exec', 'forking', 'oneshot', 'dbus', 'notify', 'notify-reload', 'idle'] as const),
    support: 'implemented', specifiers: 'none', apply: (u, v) => { service(u).type = v; } }),
  row({ name: 'ExitType', section: 'Service', schema: oneOf('exit type', ['main', 'cgroup'] as const), support: 'stored', specifiers: 'none', apply: () => {} }),
  row({ name: 'Restart', section: 'Service', schema: oneOf('restart setting', ['no', 'on-success', 'on-failure', 'on-abnormal', 'on-watchdog', 'on-abort', 'always'] as const),
    support: 'implemented', specifiers: 'none', apply: (u, v) => { service(u).restart = v; } }),
  // Deprecated: "PermissionsStartOnly=yes" = the "+" prefix on every command but ExecStart=.
  row({ name: 'PermissionsStartOnly', section: 'Service', schema: boolean, support: 'implemented', specifiers: 'none',
    apply: (u, v) => { service(u).permissionsStartOnly = v; }, replacedBy: 'the "+" prefix' }),
  row({ name: 'RootDirectoryStartOnly', section: 'Service', schema: boolean, support: 'ignored', specifiers: 'none', apply: () => {} }),
  row({ name: 'RemainAfterExit', section: 'Service', schema: boolean, support: 'implemented', specifiers: 'none', apply: (u, v) => { service(u).remainAfterExit = v; } }),
  row({ name: 'GuessMainPID', section: 'Service', schema: boolean, support: 'implemented', specifiers: 'none', apply: (u, v) => { service(u).guessMainPID = v; } }),
  statusSet('RestartPreventExitStatus', 'restartPreventExitStatus'),
  statusSet('RestartForceExitStatus', 'restartForceExitStatus'),
  statusSet('SuccessExitStatus', 'successExitStatus'),
  row({ name: 'SysVStartPriority', section: 'Service', schema: text, support: 'legacy', specifiers: 'none', apply: () => {} }),
  row({ name: 'NonBlocking', section: 'Service', schema: boolean, support: 'stored', specifiers: 'none', apply: () => {} }),
  // Still read by the loader: a service with BusName= and no Type= is Type=dbus.
  row({ name: 'BusName', section: 'Service', schema: busName, support: 'unsupported', specifiers: 'value',
    note: 'there is no D-Bus: Type=dbus is started like Type=simple, without waiting for the name',
    apply: (u, v) => { service(u).busName = v; } }),
  row({ name: 'FileDescriptorStoreMax', section: 'Service', schema: unsigned, support: 'unsupported', specifiers: 'none',
    note: 'descriptors sent with FDSTORE=1 are closed, not kept for a restart',
    apply: (u, v) => { service(u).fileDescriptorStoreMax = v; } }),
  row({ name: 'NotifyAccess', section: 'Service', schema: oneOf('notify access', ['none', 'main', 'exec', 'all'] as const),
    support: 'implemented', specifiers: 'none', apply: (u, v) => { service(u).notifyAccess = v; } }),
  row({ name: 'Sockets', section: 'Service', schema: unitNames, support: 'unsupported', specifiers: 'words',
    note: 'there is no socket activation: no socket is passed to the service',
    apply: (u, v, ctx) => {
      const names: string[] = [];
      addUnitNames(names, v, ctx);
      for (const n of names) {
        if (!n.endsWith('.socket')) ctx.warn(`Unit must be of type socket, ignoring: ${n}`);
        else if (!service(u).sockets.includes(n)) service(u).sockets.push(n);
      }
    },
    reset: (u) => { service(u).sockets = []; } }),
  row({ name: 'BusPolicy', section: 'Service', schema: text, support: 'legacy', specifiers: 'none', apply: () => {} }),
  ...['USBFunctionDescriptors', 'USBFunctionStrings'].map((name) => row({
    name, section: 'Service', schema: grammar('absolute path', (v) => (v.startsWith('/') ? v : undefined)), support: 'ignored', specifiers: 'value', apply: () => {}, reset: () => {},
  })),
  row({ name: 'OOMPolicy', section: 'Service', schema: oneOf('OOM policy', ['continue', 'stop', 'kill'] as const), support: 'ignored', specifiers: 'none', apply: () => {} }),
];
