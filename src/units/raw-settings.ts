// Reading the settings of sections kept raw in Unit.other ([Socket], [Timer], [Mount]...).

import type { Unit } from './model.js';

/** The value in effect for a single-valued setting: the last one, undefined when unset or reset. */
export function lastRawValue(u: Unit, section: string, key: string): string | undefined {
  const values = u.other[section]?.[key];
  return values && values.length > 0 ? values[values.length - 1]!.value : undefined;
}
