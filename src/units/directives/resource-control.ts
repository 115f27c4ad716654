// systemd.resource-control(5): cgroup settings of [Service], [Socket], [Mount], [Swap], [Slice]
// and [Scope]. tsd runs inside the container's cgroup and does not delegate per-unit cgroups:
// every row is accepted with the one sandbox warning (the container's own limits apply).

import { parseSize } from '../size.js';
import { parseCUnsigned } from '../c-integer.js';
import { parsePermyriad, parsePermyriadUnbounded } from '../permyriad.js';
import { parseTimeSpan } from '../time-span.js';
import { parseUnitName } from '../unit-name.js';
import { type DirectiveRow, type SectionName, row } from './row.js';
import { boolean, grammar, text, type ValueSchema } from './value-schemas.js';

/**
 * MemoryMax= & co. (config_parse_memory_limit()): a size, a percentage of RAM, or "infinity";
 * 0 (or 0%) only for MemoryLow=, MemoryMin=, MemorySwapMax= and their defaults, and no
 * size of 2^64-1 or more ("Memory limit '0' out of range").
 */
const ZERO_ALLOWED = new Set(['MemorySwapMax', 'MemoryLow', 'MemoryMin', 'DefaultMemoryLow', 'DefaultMemoryMin']);
const memoryLimit = (name: string) => grammar('memory limit', (v) => {
  if (v === 'infinity') return v;
  const proportion = parsePermyriad(v);
  const bytes = proportion !== undefined ? proportion : parseSize(v);
  if (bytes === undefined || bytes >= 2 ** 64) return undefined;
  return bytes > 0 || ZERO_ALLOWED.has(name) ? v : undefined;
});
/** TasksMax=: a percentage (0% included), a number 1..2^64-2 (read like safe_atou64()), or "infinity". */
const tasksMax = grammar('maximum tasks value', (v) => {
  if (v === 'infinity' || parsePermyriad(v) !== undefined) return v;
  const n = parseCUnsigned(v, (1n << 64n) - 1n);
  return n !== undefined && n > 0 && n < 2 ** 64 ? v : undefined;
});
/** CPUQuota=: a percentage above 0, may exceed 100% (parse_permyriad_unbounded()). */
const cpuQuota = grammar('CPU quota', (v) => ((parsePermyriadUnbounded(v) ?? 0) > 0 ? v : undefined));
const weight = grammar('weight', (v) => (v === 'idle' || (/^[0-9]+$/.test(v) && Number(v) >= 1 && Number(v) <= 10000) ? v : undefined));
const range = (what: string, min: number, max: number) => grammar(what, (v) => (/^[0-9]+$/.test(v) && Number(v) >= min && Number(v) <= max ? v : undefined));
/** "0-3,5 7": CPU or NUMA node lists. */
const cpuSet = grammar('CPU set', (v) => (v.trim() === '' || /^([0-9]+(-[0-9]+)?)([,\s]+[0-9]+(-[0-9]+)?)*$/.test(v.trim()) ? v : undefined));
/** "DEVICE SIZE" (IOReadBandwidthMax=/dev/sda 10M) */
const deviceLimit = grammar('device node and limit', (v) => (/^\/\S+\s+\S+$/.test(v.trim()) ? v : undefined));
const ipPrefixes = grammar('address prefix list', (v) => (v.split(/\s+/).filter(Boolean).every((w) => /^(any|localhost|link-local|multicast|[0-9.]+(\/[0-9]+)?|[0-9a-fA-F:]+(\/[0-9]+)?)$/.test(w)) ? v : undefined));
/** Settings whose empty value systemd 252 refuses instead of resetting them. */
const EMPTY_IS_ERROR = new Set(['DevicePolicy', 'ManagedOOMPreference']);
const CONTROLLER = /^(cpu|cpuacct|cpuset|io|blkio|memory|devices|pids|bpf-firewall|bpf-devices|bpf-foreign|bpf-socket-bind|bpf-restrict-network-interfaces)$/;
const controllers = (what: string, allowBool: boolean) => grammar(what, (v) =>
  (allowBool && /^(1|yes|true|on|0|no|false|off)$/i.test(v)) || v.split(/\s+/).filter(Boolean).every((c) => CONTROLLER.test(c)) ? v : undefined);
/** SocketBindAllow=: "any" or "[ipv4:|ipv6:][tcp:|udp:]PORT[-PORT]". */
const socketBind = grammar('socket bind rule', (v) => (/^((ipv4|ipv6):)?((tcp|udp):)?(any|[0-9]+(-[0-9]+)?)$/.test(v) ? v : undefined));
const SCHEMAS: Record<string, ValueSchema<string>> = {
  Delegate: controllers('delegation setting', true), DisableControllers: controllers('controller list', false),
  SocketBindAllow: socketBind, SocketBindDeny: socketBind,
  ManagedOOMMemoryPressureLimit: grammar('memory pressure limit', (v) => (parsePermyriad(v) !== undefined ? v : undefined)),
  IPIngressFilterPath: grammar('absolute path', (v) => (v.startsWith('/') ? v : undefined)),
  IPEgressFilterPath: grammar('absolute path', (v) => (v.startsWith('/') ? v : undefined)),
  CPUQuotaPeriodSec: grammar('time span', (v) => (parseTimeSpan(v) !== undefined ? v : undefined)),
  DeviceAllow: grammar('device node', (v) => (/^(\/|char-|block-)/.test(v) ? v : undefined)),
  BPFProgram: grammar('BPF program', (v) => (/^[a-z_-]+:\/\S+$/.test(v) ? v : undefined)),
  BlockIOWeight: range('block IO weight', 10, 1000), StartupBlockIOWeight: range('block IO weight', 10, 1000),
  CPUShares: range('CPU shares', 2, 262144), StartupCPUShares: range('CPU shares', 2, 262144),
  AllowedCPUs: cpuSet, StartupAllowedCPUs: cpuSet, AllowedMemoryNodes: cpuSet, StartupAllowedMemoryNodes: cpuSet,
  IOReadBandwidthMax: deviceLimit, IOWriteBandwidthMax: deviceLimit, IOReadIOPSMax: deviceLimit, IOWriteIOPSMax: deviceLimit,
  IODeviceWeight: deviceLimit, IODeviceLatencyTargetSec: deviceLimit, BlockIODeviceWeight: deviceLimit,
  BlockIOReadBandwidth: deviceLimit, BlockIOWriteBandwidth: deviceLimit,
  IPAddressAllow: ipPrefixes, IPAddressDeny: ipPrefixes,
  DevicePolicy: grammar('device policy', (v) => (/^(auto|closed|strict)$/.test(v) ? v : undefined)),
  ManagedOOMSwap: grammar('ManagedOOMSwap= mode', (v) => (/^(auto|kill)$/.test(v) ? v : undefined)),
  ManagedOOMMemoryPressure: grammar('ManagedOOMMemoryPressure= mode', (v) => (/^(auto|kill)$/.test(v) ? v : undefined)),
  ManagedOOMPreference: grammar('ManagedOOMPreference= value', (v) => (/^(none|avoid|omit)$/.test(v) ? v : undefined)),
  ...Object.fromEntries(['MemoryMin', 'DefaultMemoryMin', 'DefaultMemoryLow', 'MemoryLow', 'MemoryHigh', 'MemoryMax', 'MemorySwapMax', 'MemoryLimit']
    .map((name) => [name, memoryLimit(name)])),
  TasksMax: tasksMax, CPUQuota: cpuQuota, CPUWeight: weight, StartupCPUWeight: weight, IOWeight: weight, StartupIOWeight: weight,
};

const BOOLEANS = ['CPUAccounting', 'MemoryAccounting', 'IOAccounting', 'BlockIOAccounting', 'TasksAccounting', 'IPAccounting'];
const VALUES = [
  'AllowedCPUs', 'StartupAllowedCPUs', 'AllowedMemoryNodes', 'StartupAllowedMemoryNodes', 'CPUWeight', 'StartupCPUWeight',
  'CPUShares', 'StartupCPUShares', 'CPUQuota', 'CPUQuotaPeriodSec', 'MemoryMin', 'DefaultMemoryMin', 'DefaultMemoryLow',
  'MemoryLow', 'MemoryHigh', 'MemoryMax', 'MemorySwapMax', 'MemoryLimit', 'DeviceAllow', 'DevicePolicy', 'IOWeight',
  'StartupIOWeight', 'IODeviceWeight', 'IOReadBandwidthMax', 'IOWriteBandwidthMax', 'IOReadIOPSMax', 'IOWriteIOPSMax',
  'IODeviceLatencyTargetSec', 'BlockIOWeight', 'StartupBlockIOWeight', 'BlockIODeviceWeight', 'BlockIOReadBandwidth',
  'BlockIOWriteBandwidth', 'TasksMax', 'Delegate', 'DisableControllers', 'IPAddressAllow', 'IPAddressDeny',
  'IPIngressFilterPath', 'IPEgressFilterPath', 'ManagedOOMSwap', 'ManagedOOMMemoryPressure',
  'ManagedOOMMemoryPressureLimit', 'ManagedOOMPreference', 'BPFProgram', 'SocketBindAllow', 'SocketBindDeny',
  'RestrictNetworkInterfaces',
];

export function resourceControlRows(section: SectionName): DirectiveRow[] {
  return [
    // Slice= names a slice unit; tsd has no slices, so the assignment has no effect.
    row({ name: 'Slice', section, schema: grammar('slice unit name', (v) => (parseUnitName(v)?.type === 'slice' ? v : undefined)), support: 'ignored', specifiers: 'value', apply: () => {} }),
    row({ name: 'NetClass', section, schema: text, support: 'legacy', specifiers: 'none', apply: () => {} }),
    ...BOOLEANS.map((name) => row({ name, section, schema: boolean, support: 'sandbox', specifiers: 'none', apply: () => {} })),
    // An empty value resets these in systemd; the grammars apply to non-empty values.
    ...VALUES.map((name) => row({ name, section, schema: SCHEMAS[name] ?? text, support: 'sandbox', specifiers: 'value', apply: () => {},
      ...(SCHEMAS[name] && !EMPTY_IS_ERROR.has(name) ? { reset: () => {} } : {}) })),
  ];
}
