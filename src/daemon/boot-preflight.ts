// What tsd checks before it boots: the directories named with --unit-path, and the boot
// target itself. A typo in either would otherwise boot nothing, silently.
import { errnoText } from '../manager/errno-text.js';
import type { Unit } from '../units/model.js';

/**
 * One warning per --unit-path directory that cannot be read as one. systemd skips a missing
 * directory of its search path in silence; a directory the user named is their own units,
 * and booting without them must show. tsd still runs (README: the directory may be a volume
 * mounted only in some containers, and wrapper mode needs no units at all). `listingError`
 * says why a directory cannot be listed (an error code), the loader's own listing of it.
 */
export function unitPathWarnings(dirs: string[], listingError: (dir: string) => string | undefined): string[] {
  const warnings: string[] = [];
  for (const dir of dirs) {
    const code = listingError(dir);
    if (code !== undefined) warnings.push(`--unit-path ${dir}: ${errnoText(code) ?? code}; no units are loaded from it.`);
  }
  return warnings;
}

/** Why the boot target cannot be booted (not found, masked, a bad setting...); null if it can. */
export function bootTargetProblem(name: string, unit: Unit | undefined): string | null {
  if (unit && unit.loadState === 'loaded') return null;
  const why = unit?.loadError ?? `Unit ${name} could not be loaded.`;
  return `Cannot boot ${name}: ${why} (load state: ${unit?.loadState ?? 'error'})`;
}
