// systemd.resource-control(5): cgroup settings of [Service], [Socket], [Mount], [Swap], [Slice]
// and [Scope]. tsd runs inside the container's cgroup and does not delegate per-unit cgroups:
// every row is accepted with the one sandbox warning (the container's own limits apply).

import { type DirectiveRow, type SectionName, row } from './row.js';
import { boolean, text } from './value-schemas.js';

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
    row({ name: 'Slice', section, schema: text, support: 'ignored', specifiers: 'value', apply: () => {} }),
    row({ name: 'NetClass', section, schema: text, support: 'ignored', specifiers: 'none', apply: () => {}, note: 'removed in systemd, no effect' }),
    ...BOOLEANS.map((name) => row({ name, section, schema: boolean, support: 'sandbox', specifiers: 'none', apply: () => {} })),
    ...VALUES.map((name) => row({ name, section, schema: text, support: 'sandbox', specifiers: 'value', apply: () => {} })),
  ];
}
