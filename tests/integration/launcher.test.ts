// tsd's executable (scripts/launcher.cjs) runs the bundle from the V8 code cache made at build
// time. V8 silently rejects a cache made under other flags or another Node: this checks that
// the one the build made is accepted under the flags the executable runs node with and the
// V8 flags its launcher sets.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCHER_V8_FLAGS, NODE_FLAGS, TSD_MAIN } from '../helpers/tsd-process.js';

describe("tsd's executable", () => {
  it('has a code cache for its bundle that V8 accepts', () => {
    const bundle = join(TSD_MAIN, '..', 'tsd-main.cjs');
    const check = `
      const { readFileSync } = require('node:fs');
      const { Script } = require('node:vm');
      require('node:v8').setFlagsFromString(${JSON.stringify(LAUNCHER_V8_FLAGS)});
      const file = ${JSON.stringify(bundle)};
      const source = '(function (exports, require, module, __filename, __dirname) {' + readFileSync(file, 'utf8') + '\\n})';
      const script = new Script(source, { filename: file, cachedData: readFileSync(file + '.v8cache') });
      process.stdout.write(String(script.cachedDataRejected));`;
    expect(execFileSync(process.execPath, [...NODE_FLAGS, '-e', check], { encoding: 'utf8' })).toBe('false');
  });

  it('names the node that built it on its #! line, the one its core and cache are made for', () => {
    const shebang = readFileSync(TSD_MAIN, 'utf8').split('\n', 1)[0];
    expect(shebang).toBe(`#!${process.execPath} ${NODE_FLAGS.join(' ')}`);
  });

  it('runs the bundle through it (--version)', () => {
    expect(execFileSync(TSD_MAIN, ['--version'], { encoding: 'utf8' })).toMatch(/^tsd \d+\.\d+\.\d+\n$/);
  });
});
