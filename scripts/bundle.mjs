// Bundles tsd's entry point (src/cli/main.ts) into dist/bundle/: a few files instead of ~90
// modules. Resolving and compiling each ES module costs Node about a millisecond at start,
// and PID 1's start is on the critical path of every container; tsc still type-checks and
// emits dist/ for the tools that import single modules.
//
// Kept outside the bundle: the native addon (loaded with require from build/Release) and
// pino, which loads its own files at run time and is only imported for --log-format json.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Chunk names carry content hashes: clear the old ones.
rmSync(new URL('../dist/bundle', import.meta.url), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true, // `tsd verify`, `tsd cat` and the daemon load only what they use
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['pino', 'dbus-next'],
  sourcemap: 'linked',
  logLevel: 'warning',
});
