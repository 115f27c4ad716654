// What tsd checks before it boots: the directories named with --unit-path, and the boot
// target itself. A typo in either would otherwise boot nothing, silently.
import { statSync } from 'node:fs';
import { errnoText } from '../manager/errno-text.js';
import type { Unit } from '../units/model.js';

/**
 * One warning per --unit-path directory that cannot be read as one. systemd skips a missing
 * directory of its search path in silence; a directory the user named is their own units,
 * and booting without them must show. tsd still runs (README: the directory may be a volume
 * mounted only in some containers, and wrapper mode needs no units at all).
 */
export function unitPathWarnings(dirs: string[]): string[] {
  const warnings: string[] = [];
  for (const dir of dirs) {
    let why: string | null = null;
    try {
      if (!statSync(dir).isDirectory()) why = errnoText('ENOTDIR')!;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      why = errnoText(code) ?? (code || (error as Error).message);
    }
    if (why) warnings.push(`--unit-path ${dir}: ${why}; no units are loaded from it.`);
  }
  return warnings;
}

/** Why the boot target cannot be booted (not found, masked, a bad setting...); null if it can. */
export function bootTargetProblem(name: string, unit: Unit | undefined): string | null {
  if (unit && unit.loadState === 'loaded') return null;
  const why = unit?.loadError ?? `Unit ${name} could not be loaded.`;
  return `Cannot boot ${name}: ${why} (load state: ${unit?.loadState ?? 'error'})`;
}
