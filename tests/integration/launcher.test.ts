// tsd's executable (scripts/launcher.cjs) runs the bundle from the V8 code cache made at build
// time. V8 silently rejects a cache made under other flags or another Node: this checks that
// the one the build made is accepted under the flags the executable runs node with and the
// V8 flags its launcher sets.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCHER_V8_FLAGS, NODE_FLAGS, ROOT, TSD_MAIN } from '../helpers/tsd-process.js';

describe("tsd's executable", () => {
  it('has a code cache for its bundle that V8 accepts', () => {
    const bundle = join(TSD_MAIN, '..', 'tsd-main.cjs');
    // Read as the launcher reads it (an external string from the core) and as its fallback does.
    const check = `
      const { readFileSync } = require('node:fs');
      const { Script } = require('node:vm');
      require('node:v8').setFlagsFromString(${JSON.stringify(LAUNCHER_V8_FLAGS)});
      const core = { exports: {} };
      process.dlopen(core, ${JSON.stringify(join(ROOT, 'build/Release/tsd_core.node'))});
      const file = ${JSON.stringify(bundle)};
      const cachedData = readFileSync(file + '.v8cache');
      const rejected = [core.exports.readScriptSource(file), readFileSync(file, 'utf8')]
        .map((source) => new Script(source, { filename: file, cachedData }).cachedDataRejected);
      process.stdout.write(JSON.stringify(rejected));`;
    expect(execFileSync(process.execPath, [...NODE_FLAGS, '-e', check], { encoding: 'utf8' })).toBe('[false,false]');
  });

  it('is one function expression in ASCII, which the core reads as it is', () => {
    const text = readFileSync(join(TSD_MAIN, '..', 'tsd-main.cjs'), 'latin1');
    expect(text.startsWith('(function (exports, require, module, __filename, __dirname) {"use strict";')).toBe(true);
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
  });

  it('names the node that built it on its #! line, the one its core and cache are made for', () => {
    const shebang = readFileSync(TSD_MAIN, 'utf8').split('\n', 1)[0];
    expect(shebang).toBe(`#!${process.execPath} ${NODE_FLAGS.join(' ')}`);
  });

  it('runs the bundle through it (--version)', () => {
    expect(execFileSync(TSD_MAIN, ['--version'], { encoding: 'utf8' })).toMatch(/^tsd \d+\.\d+\.\d+\n$/);
  });
});
