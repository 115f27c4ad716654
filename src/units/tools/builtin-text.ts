// `tsd cat` of a unit tsd synthesises (special targets): its settings written as a unit file.

import type { Unit } from '../model.js';

const KEYS: Array<[keyof Unit['unit'], string]> = [
  ['requires', 'Requires'], ['wants', 'Wants'], ['conflicts', 'Conflicts'], ['before', 'Before'], ['after', 'After'],
];

export function describeBuiltin(u: Unit): string {
  const lines = [`# ${u.name} (built into tsd, no unit file)`, '[Unit]'];
  if (u.unit.description) lines.push(`Description=${u.unit.description}`);
  for (const [k, name] of KEYS) {
    const v = u.unit[k] as string[];
    if (v.length > 0) lines.push(`${name}=${v.join(' ')}`);
  }
  if (!u.unit.defaultDependencies) lines.push('DefaultDependencies=no');
  if (u.unit.allowIsolate) lines.push('AllowIsolate=yes');
  if (u.unit.refuseManualStart) lines.push('RefuseManualStart=yes');
  return `${lines.join('\n')}\n`;
}
