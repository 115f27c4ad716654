// `tsd cat [--unit-path DIR] [--root DIR] UNIT...`: the unit as loaded, like `systemctl cat`:
// the fragment, then each drop-in, each after a "# /path" header line.

import { readFileSync } from 'node:fs';
import { toolArgsOrUsage, toolLoader } from '../units/tools/tool-options.js';
import { describeBuiltin } from '../units/tools/builtin-text.js';

export async function runCat(args: string[]): Promise<number> {
  const opts = toolArgsOrUsage('cat', 'tsd cat [--unit-path DIR] [--root DIR] UNIT...', args);
  if (!opts) return 2;
  const loader = toolLoader(opts);
  let status = 0;
  const parts: string[] = [];
  for (const name of opts.units) {
    const u = loader.load(name);
    if (u.builtin) {
      parts.push(describeBuiltin(u));
      continue;
    }
    if (u.loadState === 'masked') {
      parts.push(`# Unit ${u.name} is masked.\n`);
      continue;
    }
    if (!u.fragmentPath) {
      process.stderr.write(`No files found for ${name}.\n`);
      status = 1;
      continue;
    }
    for (const file of [u.fragmentPath, ...u.dropInPaths]) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        process.stderr.write(`Failed to read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        status = 1;
        continue;
      }
      parts.push(`# ${loader.displayPath(file)}\n${text.endsWith('\n') || text === '' ? text : `${text}\n`}`);
    }
  }
  process.stdout.write(parts.join('\n'));
  return status;
}
