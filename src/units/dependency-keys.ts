// The [Unit] dependency lists of a Unit, each naming other units: what alias resolution rewrites
// and what `tsd verify` follows to load every unit a unit refers to.

export const DEPENDENCY_KEYS = [
  'requires', 'requisite', 'wants', 'bindsTo', 'partOf', 'upholds', 'conflicts', 'before', 'after',
  'onFailure', 'onSuccess', 'propagatesReloadTo', 'reloadPropagatedFrom',
] as const;
