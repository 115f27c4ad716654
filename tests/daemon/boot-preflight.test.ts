import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unitPathWarnings } from '../../src/daemon/boot-preflight.js';
import { UnitLoader } from '../../src/units/loader.js';

const scratch = mkdtempSync(join(tmpdir(), 'tsd-preflight-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('unitPathWarnings', () => {
  it("names each --unit-path directory the loader cannot list, with the kernel's reason", () => {
    const good = join(scratch, 'units');
    const file = join(scratch, 'a-file');
    const locked = join(scratch, 'locked');
    mkdirSync(good);
    writeFileSync(file, '');
    mkdirSync(locked);
    chmodSync(locked, 0);
    const dirs = [good, join(scratch, 'missing'), file, locked];
    const loader = new UnitLoader({ searchPath: dirs, installEnabledDirs: dirs });
    const warnings = unitPathWarnings(dirs, (dir) => loader.directoryError(dir));
    // root reads a mode-0 directory all the same (CAP_DAC_OVERRIDE): no warning for it then.
    expect(warnings.slice(0, 2)).toEqual([
      `--unit-path ${join(scratch, 'missing')}: No such file or directory; no units are loaded from it.`,
      `--unit-path ${file}: Not a directory; no units are loaded from it.`,
    ]);
    expect(warnings.length).toBe(process.getuid?.() === 0 ? 2 : 3);
  });
});
