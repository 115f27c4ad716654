// Condition*= and Assert*= (systemd.unit(5)). A failed condition skips the unit; a failed
// assertion fails its start job. Evaluated in the container tsd runs in: e.g.
// ConditionVirtualization=container holds, ConditionACPower=true holds when the machine
// reports no power supply (so logrotate still runs).
import { accessSync, constants, existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import type { Condition } from '../units/model.js';
import { kernelHostname } from '../units/specifiers.js';
import { globPaths, listDirectory } from './path-glob.js';

type Check = (value: string) => boolean;

function safe(check: Check): Check {
  return (value) => {
    try {
      return check(value);
    } catch {
      return false;
    }
  };
}


const CHECKS: Record<string, Check> = {
  PathExists: (v) => existsSync(v),
  // glob(3) as for EnvironmentFile=: wildcards in any component; a plain path must exist.
  PathExistsGlob: safe((v) => globPaths(v, { listDirectory }).some((path) => existsSync(path))),
  PathIsDirectory: safe((v) => statSync(v).isDirectory()),
  PathIsSymbolicLink: safe((v) => lstatSync(v).isSymbolicLink()),
  PathIsMountPoint: safe((v) => v === '/' || statSync(v).dev !== statSync(`${v}/..`).dev),
  PathIsReadWrite: safe((v) => { accessSync(v, constants.W_OK); return true; }),
  DirectoryNotEmpty: safe((v) => statSync(v).isDirectory() && readdirSync(v).length > 0),
  FileNotEmpty: safe((v) => { const s = statSync(v); return s.isFile() && s.size > 0; }),
  FileIsExecutable: safe((v) => { const s = statSync(v); accessSync(v, constants.X_OK); return s.isFile(); }),
  Virtualization: (v) => ['yes', 'true', '1', 'container', 'docker', 'podman'].includes(v.toLowerCase()),
  ACPower: () => true,
  Capability: () => process.getuid?.() === 0,
  Host: (v) => v === kernelHostname(),
  User: (v) => v === String(process.getuid?.()) || (v === 'root' && process.getuid?.() === 0) || v === '@system',
  Group: (v) => v === String(process.getgid?.()) || (v === 'root' && process.getgid?.() === 0),
  FirstBoot: (v) => ['no', 'false', '0'].includes(v.toLowerCase()),
  NeedsUpdate: () => false,
  Security: () => false,
  KernelCommandLine: () => false,
};

/** The condition keyword without its Condition/Assert prefix: 'PathExists'. */
function kindOf(condition: Condition): string {
  return condition.key.replace(/^(Condition|Assert)/, '');
}

function holds(condition: Condition): boolean {
  const check = CHECKS[kindOf(condition)];
  // Conditions tsd cannot evaluate in a container (ConditionKernelVersion, ...) are taken as met.
  const result = check ? check(condition.value) : true;
  return condition.negate ? !result : result;
}

export interface ConditionVerdict {
  ok: boolean;
  /** The first failing condition, for "Condition check resulted in X being skipped." messages. */
  failed?: Condition;
}

/** systemd's rule: all non-triggering conditions must hold, and at least one triggering (|) one if any. */
export function evaluateConditions(conditions: Condition[], asserts: boolean): ConditionVerdict {
  const list = conditions.filter((c) => c.isAssert === asserts);
  let triggered = false;
  let anyTriggering = false;
  let firstTriggering: Condition | undefined;
  for (const condition of list) {
    const ok = holds(condition);
    if (condition.triggering) {
      anyTriggering = true;
      firstTriggering ??= condition;
      if (ok) triggered = true;
    } else if (!ok) {
      return { ok: false, failed: condition };
    }
  }
  if (anyTriggering && !triggered) return { ok: false, failed: firstTriggering };
  return { ok: true };
}
