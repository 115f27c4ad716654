// Bundles tsd's entry point (src/cli/main.ts) into one CommonJS file, dist/bundle/tsd-main.cjs,
// next to tsd's executable dist/bundle/tsd.cjs (scripts/launcher.cjs) and the V8 code cache it uses.
// PID 1's start is on the critical path of every container, and what it costs is mostly
// loading code: each ES module costs Node a resolution, a compile and a link, and each
// `import ... from 'node:fs'` builds an ES facade that touches every export of the builtin
// (fs's streams, for one). One CommonJS file that require()s its builtins skips all of it.
// tsc still type-checks and emits dist/ for the tools that import single modules.
//
// The executable (bin/tsd links to it): its first line runs node with NODE_FLAGS, which the
// tests read back from there, and the code cache is made under the same flags (V8 rejects a
// cache made under others).
//   --no-memory-reducer: V8's reducer wakes an idle process seconds after boot to shrink its
//     heap; tsd shrinks its heap once itself when boot ends (native/lifecycle.cc), then sleeps.
//   (launcher.cjs sets --interrupt-budget itself: on this line it would cost Node its own
//     code cache.)
//
// Kept outside the bundle: the native addon (loaded with require from build/Release) and
// pino, which loads its own files at run time and is only imported for --log-format json.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NODE_FLAGS = ['--no-memory-reducer'];

// The #! line names the node that runs this build (process.execPath) rather than asking env to
// find one on PATH: tsd's native core is built for that node's ABI and its code cache for that
// node's V8, so it is the node tsd must run on anyway (another one could not load the core), and
// the kernel starting it directly spares every container start an exec of /usr/bin/env and its
// PATH search (~1.5 ms, median of 41 interleaved runs). The kernel hands what follows the
// interpreter to it as one argument, which is enough for one flag; more flags, or a path the
// kernel's 127-byte line cannot hold or that has blanks, fall back to env.
function interpreterLine() {
  const direct = `#!${process.execPath} ${NODE_FLAGS.join(' ')}`;
  if (NODE_FLAGS.length <= 1 && direct.length <= 127 && !/\s/.test(process.execPath)) return direct;
  return `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`;
}

// Node's own CommonJS wrapper, around the whole bundle (see launcher.cjs).
const WRAPPER_OPEN = '(function (exports, require, module, __filename, __dirname) {';
const WRAPPER_CLOSE = '})';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../dist/bundle', import.meta.url), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/bundle/tsd-main.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['pino', 'dbus-next'],
  // The sources are ES modules that find their neighbours (the addon, package.json) through
  // import.meta.url; in the bundle that is the bundle's own URL, two levels below the root
  // as dist/<dir>/<module>.js is. Made when first asked for: boot does not need it.
  // The banner comes first, so it carries the "use strict" that esbuild's own would lose by
  // no longer being the first statement: the sources are ES modules, strict like dist/.
  // The file is one function expression, Node's CommonJS wrapper, which the launcher compiles
  // and calls: it reads the text into an external string, with no wrapper to add around it.
  banner: {
    js: `${WRAPPER_OPEN}"use strict"; let __tsd_url; const __tsd_import_meta = { get url() { return __tsd_url ??= require("node:url").pathToFileURL(__filename).href; } };`,
  },
  footer: { js: WRAPPER_CLOSE },
  // ASCII (esbuild escapes the rest), which the launcher's external Latin-1 string relies on.
  charset: 'ascii',
  define: {
    'import.meta.url': '__tsd_import_meta.url',
    TSD_BUILT_VERSION: JSON.stringify(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version),
  },
  sourcemap: 'linked',
  logLevel: 'warning',
});

const bundled = readFileSync(new URL('../dist/bundle/tsd-main.cjs', import.meta.url), 'latin1');
// The launcher runs the bundle in a vm.Script, which cannot import(): externals are require()d.
if (/\bimport\(/.test(bundled)) {
  throw new Error('dist/bundle/tsd-main.cjs calls import(): require() the external module instead');
}
// A non-ASCII byte would only cost the fast start (the launcher then decodes the file itself).
if (/[^\x00-\x7f]/.test(bundled)) console.warn('bundle: dist/bundle/tsd-main.cjs is not ASCII; the launcher will decode it');
const executable = new URL('../dist/bundle/tsd.cjs', import.meta.url);
const launcher = readFileSync(new URL('launcher.cjs', import.meta.url), 'utf8');
writeFileSync(executable, `${interpreterLine()}\n${launcher}`);
chmodSync(executable, 0o755);
// The code cache, made by a short session of tsd itself (see launcher.cjs); if that cannot
// run here, the cache of the compiled script alone.
const writeCache = (mode) => spawnSync(process.execPath, [...NODE_FLAGS, fileURLToPath(executable)], {
  env: { ...process.env, TSD_WRITE_CODE_CACHE: mode },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const cacheFile = new URL('../dist/bundle/tsd-main.cjs.v8cache', import.meta.url);
if (writeCache('session').status !== 0 || !existsSync(cacheFile)) {
  console.warn('bundle: the code-cache session did not complete; caching the compiled script only');
  const cache = writeCache('compile');
  if (cache.status !== 0) throw new Error(`writing the code cache failed (${cache.status ?? cache.signal})`);
}
