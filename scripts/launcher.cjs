'use strict';
// tsd's executable (scripts/bundle.mjs writes it to dist/bundle/tsd.cjs under a #! line):
// runs the bundle, tsd-main.cjs, compiled with the V8 code cache the build made for it.
// require() would parse all ~400 KB of the bundle on every start, and compile each function
// the first time it runs, on PID 1's way to its first service and again on its way out at
// docker stop; with the cache V8 skips both. A cache made by another Node version or with
// other V8 flags is rejected by V8 itself, and the bundle is then simply compiled from
// source, as require() would.
//
// TSD_WRITE_CODE_CACHE (the build):
//   session  run a short wrapper-mode session (a oneshot unit that prints a line, then
//            `-- /bin/true`: boot, spawn, journal, exits, shutdown) and write the cache as
//            it exits, with every function it ran compiled;
//   compile  write the cache of the compiled script alone (the fallback).
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

// V8 flags tsd wants are set here, once Node has booted, not on the #! line: there a flag that
// enters V8's flag hash makes V8 reject Node's own code cache, and Node compiles the JavaScript
// it runs to reach the script from source (measured: `node --interrupt-budget=1000000 f.cjs`
// reached its first line 13 ms later than `node f.cjs`, median of 25 interleaved runs).
// --interrupt-budget (15x V8's default): boot code runs once per unit; at the default budget
// 50 units make it "hot", and TurboFan compiling it pages ~3.5 MB of the compiler into a
// process that will never need it again. Truly hot paths still get optimized, a little later.
// Set before the bundle is compiled, at the build as at every start, so the code cache made
// under them (which V8 checks against the flag hash) stays valid. The native core, which tsd
// loads anyway, sets them; node:v8 would cost loading that module (~2 ms) first. Without a
// built core, tsd only gets as far as saying so, and node:v8 sets the same flags.
// The core is loaded with process.dlopen (require()'s resolver costs more than the load) and
// left where src/native/core.ts looks first: a second load would start a second core.
const V8_FLAGS = '--interrupt-budget=1000000';
try {
  const core = { exports: {} };
  process.dlopen(core, join(__dirname, '..', '..', 'build', 'Release', 'tsd_core.node'));
  globalThis[Symbol.for('tsd.nativeCore')] = core.exports;
  core.exports.setV8Flags(V8_FLAGS);
} catch {
  require('node:v8').setFlagsFromString(V8_FLAGS);
}

const file = join(__dirname, 'tsd-main.cjs');
const cacheFile = `${file}.v8cache`;
// The bundle is one function expression, Node's own CommonJS wrapper (scripts/bundle.mjs).
// The native core reads it into a string V8 reads in place, outside its heap; readFileSync
// would decode ~340 KB into the young generation, on PID 1's way to its first service.
// The bundle may not use import() of anything outside it: a vm.Script has no module loader
// (its external pino is require()d).
const source = globalThis[Symbol.for('tsd.nativeCore')]?.readScriptSource?.(file) ?? readFileSync(file, 'utf8');

// The bundle's require is the launcher's own: the two files sit side by side, so it resolves
// what the bundle asks for as a createRequire() of the bundle's path would, without the ~0.3 ms
// that making one costs.
function run(script) {
  const main = script.runInThisContext();
  const mainModule = { exports: {}, filename: file, id: '.', loaded: false };
  main.call(mainModule.exports, mainModule.exports, require, mainModule, file, __dirname);
}

const mode = process.env.TSD_WRITE_CODE_CACHE;
if (mode === 'compile') {
  writeFileSync(cacheFile, new Script(source, { filename: file }).createCachedData());
} else if (mode === 'session') {
  const script = new Script(source, { filename: file });
  const units = mkdtempSync(join(require('node:os').tmpdir(), 'tsd-code-cache-'));
  writeFileSync(join(units, 'warm.service'), [
    '[Unit]', 'Description=code cache warm-up', '[Service]', 'Type=oneshot', 'ExecStart=/bin/echo warm',
    '[Install]', 'WantedBy=multi-user.target', '',
  ].join('\n'));
  // run-daemon calls this right before it exits (see beforeExitHook there).
  globalThis[Symbol.for('tsd.beforeExit')] = () => {
    writeFileSync(cacheFile, script.createCachedData());
    rmSync(units, { recursive: true, force: true });
  };
  process.argv.splice(2, Infinity, '--unit-path', units, '--', '/bin/true');
  run(script);
} else {
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache (not built yet, or removed): compile from source
  }
  run(new Script(source, { filename: file, cachedData }));
}
