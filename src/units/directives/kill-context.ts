// systemd.kill(5): how a unit's processes are stopped. Shared by [Service], [Socket], [Mount],
// [Swap] and [Scope].

import { newKillContext } from '../defaults.js';
import type { KillContext, Unit } from '../model.js';
import { type DirectiveRow, type SectionName, row, supportIn } from './row.js';
import { boolean, oneOf, signal } from './value-schemas.js';

function kc(u: Unit): KillContext {
  if (!u.kill) u.kill = newKillContext();
  return u.kill;
}

export function killContextRows(section: SectionName): DirectiveRow[] {
  const rows: DirectiveRow[] = [
    row({ name: 'SendSIGKILL', section, schema: boolean, support: 'implemented', specifiers: 'none', apply: (u, v) => { kc(u).sendSIGKILL = v; } }),
    row({ name: 'SendSIGHUP', section, schema: boolean, support: 'implemented', specifiers: 'none', apply: (u, v) => { kc(u).sendSIGHUP = v; } }),
    row({ name: 'KillMode', section, schema: oneOf('kill mode', ['control-group', 'mixed', 'process', 'none'] as const), support: 'implemented', specifiers: 'none',
      apply: (u, v) => { kc(u).killMode = v; }, reset: (u) => { kc(u).killMode = 'control-group'; } }),
    row({ name: 'KillSignal', section, schema: signal, support: 'implemented', specifiers: 'none', apply: (u, v) => { kc(u).killSignal = v; } }),
    row({ name: 'RestartKillSignal', section, schema: signal, support: 'unsupported', specifiers: 'none',
      note: 'KillSignal= is sent on restarts too', apply: (u, v) => { kc(u).restartKillSignal = v; } }),
    row({ name: 'FinalKillSignal', section, schema: signal, support: 'implemented', specifiers: 'none', apply: (u, v) => { kc(u).finalKillSignal = v; } }),
    row({ name: 'WatchdogSignal', section, schema: signal, support: 'unsupported', specifiers: 'none',
      note: 'there is no watchdog', apply: (u, v) => { kc(u).watchdogSignal = v; } }),
  ];
  return rows.map((r) => ({ ...r, support: supportIn(section, r.support) }));
}
