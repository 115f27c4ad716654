'use strict';
// tsd's executable (scripts/bundle.mjs writes it to dist/bundle/tsd.cjs under a #! line):
// runs the bundle, tsd-main.cjs, compiled with the V8 code cache the build made for it.
// require() would parse all ~400 KB of the bundle on every start, a good part of PID 1's
// time from exec to its first service; with the cache V8 skips that. A cache made by
// another Node version or with other V8 flags is rejected by V8 itself, and the bundle is
// then simply compiled from source, as require() would.
//
// TSD_WRITE_CODE_CACHE=1: compile, write the cache next to the bundle, and exit (the build).
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const file = join(__dirname, 'tsd-main.cjs');
const cacheFile = `${file}.v8cache`;
// Node's own CommonJS wrapper, on the first line so that line numbers stay the bundle's.
// The bundle may not use import() of anything outside it: a vm.Script has no module loader
// (its external pino is require()d).
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;

if (process.env.TSD_WRITE_CODE_CACHE === '1') {
  writeFileSync(cacheFile, new Script(source, { filename: file }).createCachedData());
} else {
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache (not built yet, or removed): compile from source
  }
  const main = new Script(source, { filename: file, cachedData }).runInThisContext();
  const mainModule = { exports: {}, filename: file, id: '.', loaded: false };
  main.call(mainModule.exports, mainModule.exports, createRequire(file), mainModule, file, __dirname);
}
