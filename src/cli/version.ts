// tsd's version, from package.json (read once, only when asked).
import { readFileSync } from 'node:fs';

export function tsdVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
