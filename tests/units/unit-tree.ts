// Builds a throw-away unit directory tree for loader tests.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** files: relative path -> contents, or { link: target } for a symlink. */
export function unitTree(files: Record<string, string | { link: string }>): string {
  const root = mkdtempSync(join(tmpdir(), 'tsd-units-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    if (typeof content === 'string') writeFileSync(p, content);
    else symlinkSync(content.link, p);
  }
  return root;
}
