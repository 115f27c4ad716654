// [Socket], [Timer], [Path], [Mount], [Automount], [Swap], [Slice], [Scope]: validated with their
// grammar and kept raw in Unit.other until tsd implements socket activation, timers, ...
// (systemd.socket(5), systemd.timer(5), systemd.path(5), systemd.mount(5), systemd.automount(5),
// systemd.swap(5)).

import type { RawSection, Unit } from '../model.js';
import { type DirectiveRow, type SectionName, row } from './row.js';
import { unitNames } from './list-values.js';
import { boolean, grammar, integer, mode, oneOf, size, text, timeSpan, timeSpanZeroInfinity, unsigned, type ValueSchema } from './value-schemas.js';
import { execContextRows } from './exec-context.js';
import { killContextRows } from './kill-context.js';
import { resourceControlRows } from './resource-control.js';
import { parseExecLine } from '../exec-line.js';
import { parseUnitName } from '../unit-name.js';
import { socketAddressError } from '../socket-address.js';
import { parseTimeSpan } from '../time-span.js';
import { parseBoolean } from '../boolean.js';
import { userName } from './exec-context.js';

function raw(u: Unit, section: string): RawSection {
  return (u.other[section] ??= {});
}

/** An empty Listen*=, On*= or Path*= resets all listeners, timers or paths, not just its own list. */
const GROUPS = [
  ['ListenStream', 'ListenDatagram', 'ListenSequentialPacket', 'ListenFIFO', 'ListenNetlink', 'ListenSpecial', 'ListenMessageQueue', 'ListenUSBFunction'],
  ['OnCalendar', 'OnActiveSec', 'OnBootSec', 'OnStartupSec', 'OnUnitActiveSec', 'OnUnitInactiveSec'],
  ['PathExists', 'PathExistsGlob', 'PathChanged', 'PathModified', 'DirectoryNotEmpty'],
];
function resetGroup(name: string): string[] {
  return GROUPS.find((g) => g.includes(name)) ?? [name];
}

/** Schemas whose settings are lists: an empty value empties them. Scalars refuse an empty value. */
const LIST_SCHEMAS = new Set<unknown>();

/** A row whose value is validated by `schema` and stored as written (after specifiers). */
function stored(section: SectionName, name: string, schema: ValueSchema<unknown>, specifiers: 'value' | 'none' = 'value'): DirectiveRow {
  return row<unknown>({
    name, section, schema, support: 'stored', specifiers,
    apply: (u, _v, ctx) => {
      (raw(u, section)[name] ??= []).push({ value: ctx.text, source: { file: ctx.entry.file, line: ctx.entry.line } });
    },
    ...(LIST_SCHEMAS.has(schema) || schema === text ? { reset: (u: Unit) => { for (const k of resetGroup(name)) raw(u, section)[k] = []; } } : {}),
  });
}

const absolutePath = (key: string) => grammar(`absolute path (${key}= path is not absolute)`, (v) => (v.startsWith('/') ? v : undefined));
/** ListenStream= & co.: checked as socket_address_parse() does (socket-address.ts). */
const socketAddress = grammar('socket address', (v) => (socketAddressError(v) === undefined ? v : undefined));
/** OnCalendar=: the shorthands, or dates and times made of digits, "*", ",", "/", "..", "~", weekdays, a time zone. */
const calendar = grammar('calendar specification', (v) =>
  /^(minutely|hourly|daily|weekly|monthly|yearly|annually|quarterly|semiannually)$/.test(v)
  || /[-:*]/.test(v) && /^((Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)([.,-]+(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*)*\s+)?[0-9*][0-9*,./:~ -]*(\s+[A-Za-z_/+-]+)?$/.test(v.trim()) ? v : undefined);
/** "Units cannot trigger themselves": Unit= naming the timer or path unit itself is refused. */
function notSelf(r: DirectiveRow): DirectiveRow {
  return {
    ...r,
    apply: (u, v, ctx) => {
      if (ctx.text === u.name) ctx.warn(`Units cannot trigger themselves, ignoring: ${ctx.entry.value}`);
      else r.apply(u, v, ctx);
    },
  };
}

/** Timer Unit=/Path Unit=: a valid, non-template unit name ("Unit type not valid" otherwise). */
function triggered(): ValueSchema<unknown> {
  return grammar('unit name (Unit type not valid)', (v) => {
    const p = parseUnitName(v);
    return p && p.instance !== '' ? v : undefined;
  });
}
const timestamping = oneOf('timestamping precision', ['off', 'us', 'usec', 'µs', 'ns', 'nsec'] as const);
for (const s of [text, unitNames]) LIST_SCHEMAS.add(s);

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

/** List-valued variants (an empty value resets them). */
const socketAddressList = socketAddress;
const calendarList = calendar;
const pathLists = new Map<string, ValueSchema<unknown>>();
function pathList(key: string): ValueSchema<unknown> {
  let s = pathLists.get(key);
  if (!s) { s = absolutePath(key); pathLists.set(key, s); LIST_SCHEMAS.add(s); }
  return s;
}
/**
 * Mount Where=, Automount Where=, Swap What= (config_parse_unit_path_printf()): absolute and
 * without ".." ("Where= path is not normalized, ignoring"); an empty value unsets it, and the
 * unit name's path is used.
 */
const mountPaths = new Map<string, ValueSchema<unknown>>();
function mountPath(key: string): ValueSchema<unknown> {
  let s = mountPaths.get(key);
  if (!s) {
    s = grammar(`normalized absolute path (${key}= path is not absolute or not normalized)`,
      (v) => (v.startsWith('/') && !v.split('/').includes('..') ? v : undefined));
    mountPaths.set(key, s);
    LIST_SCHEMAS.add(s);
  }
  return s;
}
const unixAddress = grammar('AF_UNIX socket address', (v) => (/^(\/.*|@\S+)$/.test(v) ? v : undefined));
LIST_SCHEMAS.add(unixAddress);
const netlink = grammar('netlink family', (v) => (/^(route|inet-diag|selinux|iscsi|audit|fib-lookup|connector|netfilter|ip6-fw|dnrtmsg|kobject-uevent|generic|scsitransport|ecryptfs|rdma|crypto|smc|xfrm|firewall|nflog|usersock|sock-diag|[0-9]+)(\s+[0-9]+)?$/.test(v) ? v : undefined));
LIST_SCHEMAS.add(netlink);
const timerSpan = grammar('time span', (v) => parseTimeSpan(v));
LIST_SCHEMAS.add(timerSpan);
LIST_SCHEMAS.add(socketAddress);
LIST_SCHEMAS.add(calendar);

const S = (n: string, s: ValueSchema<unknown>, sp: 'value' | 'none' = 'value') => stored('Socket', n, s, sp);
const socketRows = (): DirectiveRow[] => [
  ...['ListenStream', 'ListenDatagram'].map((n) => S(n, socketAddressList)),
  // SOCK_SEQPACKET: AF_UNIX only ("Address family not supported" otherwise).
  S('ListenSequentialPacket', unixAddress),
  ...['ListenFIFO', 'ListenSpecial', 'ListenMessageQueue', 'ListenUSBFunction'].map((n) => S(n, pathList(n))),
  // Read as written (no specifiers), like systemd: "%" is not allowed in interface names.
  S('BindToDevice', grammar('interface name', (v) => (v === '' || v === '*' || /^[\x21-\x7e]{1,15}$/.test(v) && !/[/:%]/.test(v) && !/^[0-9]+$/.test(v) ? v : undefined)), 'none'),
  S('FileDescriptorName', grammar('file descriptor name', (v) => (/^[\x20-\x7e]{0,255}$/.test(v) && !v.includes(':') ? v : undefined))),
  S('ListenNetlink', netlink),
  ...['SocketUser', 'SocketGroup'].map((n) => ({ ...S(n, userName), fatal: true, reset: (u: Unit) => { raw(u, 'Socket')[n] = []; } })),
  ...[
    'TCPCongestion', 'SmackLabel', 'SmackLabelIPIn', 'SmackLabelIPOut']
    .map((n) => S(n, text)),
  S('Symlinks', grammar('list of absolute paths', (v) => (v.split(/\s+/).filter(Boolean).every((p) => p.startsWith('/')) ? v : undefined))),
  S('SocketProtocol', oneOf('socket protocol', ['udplite', 'sctp'] as const), 'none'),
  S('IPTOS', grammar('IP TOS value', (v) => (v === '' || /^(low-delay|throughput|reliability|low-cost)$/.test(v) || (/^[0-9]+$/.test(v) && Number(v) <= 255) ? v : undefined)), 'none'),
  S('Timestamping', timestamping, 'none'),
  S('BindIPv6Only', grammar('BindIPv6Only= value', (v) => (/^(default|both|ipv6-only)$/.test(v) || parseBoolean(v) !== undefined ? v : undefined)), 'none'),
  ...['Backlog', 'MaxConnections', 'MaxConnectionsPerSource', 'KeepAliveProbes', 'TriggerLimitBurst'].map((n) => S(n, unsigned, 'none')),
  ...['Priority', 'IPTTL', 'Mark', 'MessageQueueMaxMessages', 'MessageQueueMessageSize'].map((n) => S(n, integer, 'none')),
  ...['ReceiveBuffer', 'SendBuffer', 'PipeSize'].map((n) => S(n, size, 'none')),
  ...['Accept', 'FlushPending', 'Writable', 'KeepAlive', 'NoDelay', 'FreeBind', 'Transparent', 'Broadcast',
    'PassCredentials', 'PassSecurity', 'PassPacketInfo', 'ReusePort', 'RemoveOnStop', 'SELinuxContextFromNet']
    .map((n) => S(n, boolean, 'none')),
  ...['KeepAliveTimeSec', 'KeepAliveIntervalSec', 'DeferAcceptSec', 'TriggerLimitIntervalSec'].map((n) => S(n, timeSpan, 'none')),
  S('TimeoutSec', timeSpanZeroInfinity, 'none'),
  ...['SocketMode', 'DirectoryMode'].map((n) => S(n, mode, 'none')),
  S('Service', grammar('service unit name (Unit must be of type service)', (v) => (parseUnitName(v)?.type === 'service' ? v : undefined))),
  ...['ExecStartPre', 'ExecStartPost', 'ExecStopPre', 'ExecStopPost'].map((n) => execStored('Socket', n)),
];

const T = (n: string, s: ValueSchema<unknown>, sp: 'value' | 'none' = 'none') => stored('Timer', n, s, sp);
const timerRows = (): DirectiveRow[] => [
  T('OnCalendar', calendarList, 'value'),
  // "If the empty string is assigned to any of these options, the list of timers is reset".
  ...['OnActiveSec', 'OnBootSec', 'OnStartupSec', 'OnUnitActiveSec', 'OnUnitInactiveSec'].map((n) => T(n, timerSpan, 'value')),
  ...['AccuracySec', 'RandomizedDelaySec'].map((n) => T(n, timeSpan)),
  ...['OnClockChange', 'OnTimezoneChange', 'Persistent', 'WakeSystem', 'RemainAfterElapse', 'FixedRandomDelay'].map((n) => T(n, boolean)),
  notSelf(T('Unit', triggered(), 'value')),
];

const P = (n: string, s: ValueSchema<unknown>, sp: 'value' | 'none' = 'value') => stored('Path', n, s, sp);
const pathRows = (): DirectiveRow[] => [
  ...['PathExists', 'PathExistsGlob', 'PathChanged', 'PathModified', 'DirectoryNotEmpty'].map((n) => P(n, pathList(n))),
  notSelf(P('Unit', triggered())),
  P('MakeDirectory', boolean, 'none'),
  P('DirectoryMode', mode, 'none'),
  P('TriggerLimitIntervalSec', timeSpan, 'none'),
  P('TriggerLimitBurst', unsigned, 'none'),
];

const mountRows = (): DirectiveRow[] => [
  ...['What', 'Options', 'Type'].map((n) => stored('Mount', n, text)),
  stored('Mount', 'Where', mountPath('Where')),
  stored('Mount', 'TimeoutSec', timeSpanZeroInfinity, 'none'),
  stored('Mount', 'DirectoryMode', mode, 'none'),
  ...['SloppyOptions', 'LazyUnmount', 'ForceUnmount', 'ReadWriteOnly'].map((n) => stored('Mount', n, boolean, 'none')),
];

const automountRows = (): DirectiveRow[] => [
  stored('Automount', 'Where', mountPath('Where')),
  stored('Automount', 'ExtraOptions', text),
  stored('Automount', 'DirectoryMode', mode, 'none'),
  stored('Automount', 'TimeoutIdleSec', timeSpanZeroInfinity, 'none'),
];

const swapRows = (): DirectiveRow[] => [
  stored('Swap', 'What', mountPath('What')),
  stored('Swap', 'Priority', integer, 'none'),
  stored('Swap', 'Options', text),
  stored('Swap', 'TimeoutSec', timeSpanZeroInfinity, 'none'),
];

const scopeRows = (): DirectiveRow[] => [
  stored('Scope', 'RuntimeMaxSec', timeSpan, 'none'),
  stored('Scope', 'RuntimeRandomizedExtraSec', timeSpan, 'none'),
  stored('Scope', 'TimeoutStopSec', timeSpan, 'none'),
  stored('Scope', 'OOMPolicy', oneOf('OOM policy', ['continue', 'stop', 'kill'] as const), 'none'),
];

/**
 * The rows of each section other than [Unit], [Service] and [Install], built on first use: most
 * containers have no .socket, .mount or .timer unit, and building ~700 rows (with their
 * schemas) costs every boot milliseconds on PID 1's critical path.
 */
export const OTHER_SECTION_ROWS: Readonly<Partial<Record<SectionName, () => DirectiveRow[]>>> = {
  Socket: () => [...socketRows(), ...execContextRows('Socket'), ...resourceControlRows('Socket'), ...killContextRows('Socket')],
  Mount: () => [...mountRows(), ...execContextRows('Mount'), ...resourceControlRows('Mount'), ...killContextRows('Mount')],
  Automount: automountRows,
  Swap: () => [...swapRows(), ...execContextRows('Swap'), ...resourceControlRows('Swap'), ...killContextRows('Swap')],
  Timer: timerRows,
  Path: pathRows,
  Slice: () => resourceControlRows('Slice'),
  Scope: () => [...resourceControlRows('Scope'), ...killContextRows('Scope'), ...scopeRows()],
};
