// [Socket], [Timer], [Path], [Mount], [Automount], [Swap], [Slice], [Scope]: validated with their
// grammar and kept raw in Unit.other until tsd implements socket activation, timers, ...
// (systemd.socket(5), systemd.timer(5), systemd.path(5), systemd.mount(5), systemd.automount(5),
// systemd.swap(5)).

import type { z } from 'zod';
import type { RawSection, Unit } from '../model.js';
import { type DirectiveRow, type SectionName, row } from './row.js';
import { unitNames } from './list-values.js';
import { boolean, integer, mode, oneOf, size, text, timeSpan, timeSpanZeroInfinity, unsigned } from './value-schemas.js';
import { execContextRows } from './exec-context.js';
import { killContextRows } from './kill-context.js';
import { resourceControlRows } from './resource-control.js';
import { parseExecLine } from '../exec-line.js';

function raw(u: Unit, section: string): RawSection {
  return (u.other[section] ??= {});
}

/** A row whose value is validated by `schema` and stored as written (after specifiers). */
function stored(section: SectionName, name: string, schema: z.ZodType<unknown, string>, specifiers: 'value' | 'none' = 'value'): DirectiveRow {
  return row<unknown>({
    name, section, schema, support: 'stored', specifiers,
    apply: (u, _v, ctx) => {
      (raw(u, section)[name] ??= []).push({ value: ctx.text, source: { file: ctx.entry.file, line: ctx.entry.line } });
    },
    reset: (u) => { raw(u, section)[name] = []; },
  });
}

/** Exec lines of sockets, mounts and swaps: checked with the Exec grammar, kept raw. */
function execStored(section: SectionName, name: string): DirectiveRow<string> {
  return row({
    name, section, schema: text, support: 'stored', specifiers: 'words',
    apply: (u, v, ctx) => {
      const r = parseExecLine(v, ctx.expand);
      for (const w of r.warnings ?? []) ctx.warn(w);
      if (r.error) (r.ignorable ? ctx.warn : ctx.fail)(r.error);
      (raw(u, section)[name] ??= []).push({ value: v, source: { file: ctx.entry.file, line: ctx.entry.line } });
    },
    reset: (u) => { raw(u, section)[name] = []; },
  });
}

const S = (n: string, s: z.ZodType<unknown, string>, sp: 'value' | 'none' = 'value') => stored('Socket', n, s, sp);
const SOCKET: DirectiveRow[] = [
  ...['ListenStream', 'ListenDatagram', 'ListenSequentialPacket', 'ListenFIFO', 'ListenNetlink', 'ListenSpecial',
    'ListenMessageQueue', 'ListenUSBFunction', 'SocketProtocol', 'BindToDevice', 'SocketUser', 'SocketGroup',
    'Timestamping', 'TCPCongestion', 'Symlinks', 'FileDescriptorName', 'SmackLabel', 'SmackLabelIPIn', 'SmackLabelIPOut', 'IPTOS']
    .map((n) => S(n, text)),
  S('BindIPv6Only', oneOf('BindIPv6Only= value', ['default', 'both', 'ipv6-only'] as const), 'none'),
  ...['Backlog', 'MaxConnections', 'MaxConnectionsPerSource', 'KeepAliveProbes', 'TriggerLimitBurst'].map((n) => S(n, unsigned, 'none')),
  ...['Priority', 'IPTTL', 'Mark', 'MessageQueueMaxMessages', 'MessageQueueMessageSize'].map((n) => S(n, integer, 'none')),
  ...['ReceiveBuffer', 'SendBuffer', 'PipeSize'].map((n) => S(n, size, 'none')),
  ...['Accept', 'FlushPending', 'Writable', 'KeepAlive', 'NoDelay', 'FreeBind', 'Transparent', 'Broadcast',
    'PassCredentials', 'PassSecurity', 'PassPacketInfo', 'ReusePort', 'RemoveOnStop', 'SELinuxContextFromNet']
    .map((n) => S(n, boolean, 'none')),
  ...['KeepAliveTimeSec', 'KeepAliveIntervalSec', 'DeferAcceptSec', 'TriggerLimitIntervalSec'].map((n) => S(n, timeSpan, 'none')),
  S('TimeoutSec', timeSpanZeroInfinity, 'none'),
  ...['SocketMode', 'DirectoryMode'].map((n) => S(n, mode, 'none')),
  S('Service', unitNames),
  ...['ExecStartPre', 'ExecStartPost', 'ExecStopPre', 'ExecStopPost'].map((n) => execStored('Socket', n)),
];

const T = (n: string, s: z.ZodType<unknown, string>, sp: 'value' | 'none' = 'none') => stored('Timer', n, s, sp);
const TIMER: DirectiveRow[] = [
  T('OnCalendar', text, 'value'),
  ...['OnActiveSec', 'OnBootSec', 'OnStartupSec', 'OnUnitActiveSec', 'OnUnitInactiveSec', 'AccuracySec', 'RandomizedDelaySec'].map((n) => T(n, timeSpan)),
  ...['OnClockChange', 'OnTimezoneChange', 'Persistent', 'WakeSystem', 'RemainAfterElapse', 'FixedRandomDelay'].map((n) => T(n, boolean)),
  T('Unit', unitNames, 'value'),
];

const P = (n: string, s: z.ZodType<unknown, string>, sp: 'value' | 'none' = 'value') => stored('Path', n, s, sp);
const PATH: DirectiveRow[] = [
  ...['PathExists', 'PathExistsGlob', 'PathChanged', 'PathModified', 'DirectoryNotEmpty'].map((n) => P(n, text)),
  P('Unit', unitNames),
  P('MakeDirectory', boolean, 'none'),
  P('DirectoryMode', mode, 'none'),
  P('TriggerLimitIntervalSec', timeSpan, 'none'),
  P('TriggerLimitBurst', unsigned, 'none'),
];

const MOUNT: DirectiveRow[] = [
  ...['What', 'Where', 'Options', 'Type'].map((n) => stored('Mount', n, text)),
  stored('Mount', 'TimeoutSec', timeSpanZeroInfinity, 'none'),
  stored('Mount', 'DirectoryMode', mode, 'none'),
  ...['SloppyOptions', 'LazyUnmount', 'ForceUnmount', 'ReadWriteOnly'].map((n) => stored('Mount', n, boolean, 'none')),
];

const AUTOMOUNT: DirectiveRow[] = [
  stored('Automount', 'Where', text),
  stored('Automount', 'ExtraOptions', text),
  stored('Automount', 'DirectoryMode', mode, 'none'),
  stored('Automount', 'TimeoutIdleSec', timeSpanZeroInfinity, 'none'),
];

const SWAP: DirectiveRow[] = [
  stored('Swap', 'What', text),
  stored('Swap', 'Priority', integer, 'none'),
  stored('Swap', 'Options', text),
  stored('Swap', 'TimeoutSec', timeSpanZeroInfinity, 'none'),
];

const SCOPE: DirectiveRow[] = [
  stored('Scope', 'RuntimeMaxSec', timeSpan, 'none'),
  stored('Scope', 'RuntimeRandomizedExtraSec', timeSpan, 'none'),
  stored('Scope', 'TimeoutStopSec', timeSpan, 'none'),
  stored('Scope', 'OOMPolicy', oneOf('OOM policy', ['continue', 'stop', 'kill'] as const), 'none'),
];

export const OTHER_SECTIONS: DirectiveRow[] = [
  ...SOCKET, ...execContextRows('Socket'), ...resourceControlRows('Socket'), ...killContextRows('Socket'),
  ...MOUNT, ...execContextRows('Mount'), ...resourceControlRows('Mount'), ...killContextRows('Mount'),
  ...AUTOMOUNT,
  ...SWAP, ...execContextRows('Swap'), ...resourceControlRows('Swap'), ...killContextRows('Swap'),
  ...TIMER,
  ...PATH,
  ...resourceControlRows('Slice'),
  ...resourceControlRows('Scope'), ...killContextRows('Scope'), ...SCOPE,
];
