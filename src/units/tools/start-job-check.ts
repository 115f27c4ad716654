// What `systemd-analyze verify` learns by asking for a start job (manager_add_job() in test
// mode): the transaction pulls in every required unit, recursively, and fails when one of them
// cannot be used; wanted units that cannot be used are dropped with a warning. systemd 252's
// transaction_add_job_and_dependencies(), as `systemd-analyze verify` shows it:
//   Requires=/BindsTo= (recursively) and Requisite= on an unusable unit:
//     "a.service: Failed to create a.service/start: Unit c.service not found."  (exit status 1)
//   Wants=/Upholds= on a unit that cannot start because of a bad setting or a load error:
//     "b.service: Cannot add dependency job, ignoring: Unit b.service has a bad unit file setting."
//   Wants=/Upholds= on a missing or masked unit (or one requiring such a unit): silence.

import type { Diagnostic, Unit } from '../model.js';

/** Why a unit cannot get a job (bus_unit_validate_load_state()); `quiet`: missing or masked. */
export interface Unusable {
  message: string;
  quiet: boolean;
}

export function unusable(u: Unit): Unusable | undefined {
  switch (u.loadState) {
    case 'loaded': return undefined;
    case 'not-found': return { message: `Unit ${u.name} not found.`, quiet: true };
    case 'masked': return { message: `Unit ${u.name} is masked.`, quiet: true };
    case 'bad-setting': return { message: `Unit ${u.name} has a bad unit file setting.`, quiet: false };
    default: return { message: u.loadError ?? `Unit ${u.name} failed to load properly.`, quiet: false };
  }
}

/**
 * Simulates the start job of `top`: returns the problems systemd would print (the failure, as an
 * error naming `top`, and the warnings for wanted units dropped on the way).
 */
export function checkStartJob(top: Unit, load: (name: string) => Unit): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const added = new Set<string>();
  const addStart = (u: Unit): Unusable | undefined => {
    // The load state is checked on every visit; the dependencies only when the job is new.
    const why = unusable(u);
    if (why || added.has(u.name)) return why;
    added.add(u.name);
    for (const dep of [...u.unit.requires, ...u.unit.bindsTo]) {
      const failed = addStart(load(dep));
      if (failed) return failed;
    }
    // Requisite= adds a job that only checks the unit is active: no dependencies of its own.
    for (const dep of u.unit.requisite) {
      const failed = unusable(load(dep));
      if (failed) return failed;
    }
    for (const dep of [...u.unit.wants, ...u.unit.upholds]) {
      const wanted = load(dep);
      const failed = addStart(wanted);
      if (failed && !failed.quiet) {
        problems.push({ severity: 'warning', unit: wanted.name, message: `Cannot add dependency job, ignoring: ${failed.message}` });
      }
    }
    return undefined;
  };
  const failed = addStart(top);
  if (failed) problems.push({ severity: 'error', unit: top.name, message: `Failed to create ${top.name}/start: ${failed.message}` });
  return problems;
}
