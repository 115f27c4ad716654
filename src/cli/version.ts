// tsd's version: the bundle has it built in (scripts/bundle.mjs defines TSD_BUILT_VERSION, so
// PID 1 does not read and parse package.json on its way to its first service); dist/ reads
// package.json once asked.
import { readFileSync } from 'node:fs';

declare const TSD_BUILT_VERSION: string | undefined;

export function tsdVersion(): string {
  if (typeof TSD_BUILT_VERSION === 'string') return TSD_BUILT_VERSION;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
