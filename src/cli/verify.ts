// `tsd verify [--unit-path DIR] [--root DIR] FILE-or-UNIT...`: load units like systemd-analyze
// verify does and print every problem as `file:line: message`. Exit status 1 when a unit cannot
// be used, 2 on a usage error.

import { toolArgsOrUsage, toolLoader } from '../units/tools/tool-options.js';
import { formatDiagnostic, verifyUnits } from '../units/tools/verify-units.js';

export async function runVerify(args: string[]): Promise<number> {
  const opts = toolArgsOrUsage('verify', 'tsd verify [--unit-path DIR] [--root DIR] FILE-or-UNIT...', args);
  if (!opts) return 2;
  const loader = toolLoader(opts);
  const result = verifyUnits(loader, opts.units, opts.root ? loader.root : '');
  const out = result.diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join('');
  process.stdout.write(out);
  return result.ok ? 0 : 1;
}
