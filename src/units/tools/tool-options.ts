// The options `tsd verify` and `tsd cat` share: --unit-path DIR (repeatable, colon-separated),
// --root DIR, then unit names or unit file paths.

import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { resolveSearchPath } from '../search-path.js';
import { UnitLoader } from '../loader.js';

export interface UnitToolOptions {
  unitPath: string[];
  root?: string;
  /** unit names to load */
  units: string[];
  /** directories of FILE arguments: searched first, as systemd-analyze verify does */
  fileDirs: string[];
}

export class ToolUsageError extends Error {}

export function parseUnitToolArgs(args: string[]): UnitToolOptions {
  const o: UnitToolOptions = { unitPath: [], units: [], fileDirs: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new ToolUsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--unit-path') o.unitPath.push(value());
    else if (a.startsWith('--unit-path=')) o.unitPath.push(a.slice('--unit-path='.length));
    else if (a === '--root') o.root = value();
    else if (a.startsWith('--root=')) o.root = a.slice('--root='.length);
    else if (a.startsWith('-') && a !== '-') throw new ToolUsageError(`unknown option ${a}`);
    else if (a.includes('/') || (existsSync(a) && statSync(a).isFile())) {
      const abs = resolve(a);
      if (!o.fileDirs.includes(dirname(abs))) o.fileDirs.push(dirname(abs));
      o.units.push(basename(abs));
    } else o.units.push(a);
  }
  return o;
}

/** A loader for the tools: FILE directories first, then --unit-path (or the default path). */
export function toolLoader(o: UnitToolOptions): UnitLoader {
  const unitPath = o.unitPath.flatMap((p) => p.split(':')).filter((p) => p !== '').map((p) => resolve(p));
  const base = resolveSearchPath(process.env, unitPath.length > 0 ? unitPath : undefined);
  // The loader puts every search directory under --root; FILE arguments given with the root
  // prefix ("/r/lib/systemd/system/x.service") are mapped back inside it.
  const root = o.root ? resolve(o.root) : '';
  const fileDirs = o.fileDirs.map((d) => (root && d.startsWith(`${root}/`) ? d.slice(root.length) : d));
  const searchPath = [...fileDirs, ...base.filter((d) => !fileDirs.includes(d))];
  return new UnitLoader({
    searchPath,
    installEnabledDirs: [...fileDirs, ...unitPath],
    notes: true,
    ...(root ? { root } : {}),
  });
}

/** The options of `tsd NAME`, at least one unit required; on a usage error prints it with
 *  `usage` to stderr and returns null (the caller exits 2). */
export function toolArgsOrUsage(name: string, usage: string, args: string[]): UnitToolOptions | null {
  try {
    const opts = parseUnitToolArgs(args);
    if (opts.units.length === 0) throw new ToolUsageError('no unit given');
    return opts;
  } catch (e) {
    if (!(e instanceof ToolUsageError)) throw e;
    process.stderr.write(`tsd ${name}: ${e.message}\nusage: ${usage}\n`);
    return null;
  }
}
