#!/usr/bin/env node
// Loads 1,000 generated units (each with two drop-ins, plus type drop-ins, templates and
// .wants symlinks) from a temp tree through the compiled loader and prints units/s.
// Usage: node bench/load-units.bench.mjs [--src] [count]   (npm run bench:load -- [--src] [count])
// Uses dist/units/loader.js when built (npm run build); otherwise, or with --src (to measure the
// sources as they are, whatever dist/ holds), compiles src/units alone into a temp directory first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const fromSource = args.includes('--src');
const count = Number(args.find((a) => a !== '--src') ?? 1000);

async function loaderModule() {
  const built = join(repo, 'dist/units/loader.js');
  if (existsSync(built) && !fromSource) return import(pathToFileURL(built).href);
  // Inside node_modules so the compiled files still resolve zod.
  const out = join(repo, 'node_modules/.cache/tsd-bench-units');
  if (!isStale(out)) return import(pathToFileURL(join(out, 'units/loader.js')).href);
  execFileSync(join(repo, 'node_modules/.bin/tsc'), [
    '--outDir', out, '--rootDir', join(repo, 'src'), '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
    '--target', 'ES2022', '--strict', '--skipLibCheck', '--types', 'node', join(repo, 'src/units/loader.ts'),
  ], { stdio: 'inherit', cwd: repo });
  return import(pathToFileURL(join(out, 'units/loader.js')).href);
}

/** The temp build is stale when any src/units file is newer than its loader.js. */
function isStale(out) {
  const built = join(out, 'units/loader.js');
  if (!existsSync(built)) return true;
  const t = statSync(built).mtimeMs;
  const walk = (d) => readdirSync(d, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') && statSync(join(d, e.name)).mtimeMs > t);
  return walk(join(repo, 'src/units'));
}

function generate(n) {
  const root = mkdtempSync(join(tmpdir(), 'tsd-bench-units-'));
  const lib = join(root, 'lib');
  const etc = join(root, 'etc');
  mkdirSync(join(lib, 'service.d'), { recursive: true });
  mkdirSync(join(etc, 'multi-user.target.wants'), { recursive: true });
  writeFileSync(join(lib, 'service.d', '00-all.conf'), '[Service]\nTimeoutStopSec=20\n');
  writeFileSync(join(lib, 'worker@.service'), '[Unit]\nDescription=Worker %i\n[Service]\nExecStart=/usr/bin/worker --id %i\n');
  for (let i = 0; i < n; i++) {
    const name = `svc-${i}.service`;
    writeFileSync(join(lib, name), `[Unit]
Description=Benchmark service ${i}
Documentation=man:svc(8) https://example.org/svc
After=network.target svc-${Math.max(0, i - 1)}.service
Wants=network-online.target

[Service]
Type=notify
EnvironmentFile=-/etc/default/svc-${i}
Environment="A=1" "B=two words" C=3
ExecStartPre=/bin/mkdir -p /run/svc-${i}
ExecStart=/usr/sbin/svc -f --name %n $EXTRA_OPTS
ExecReload=/bin/kill -HUP $MAINPID
Restart=on-failure
RestartSec=5s
User=svc
LimitNOFILE=65536
RuntimeDirectory=svc-${i}
PrivateTmp=yes
ProtectSystem=full

[Install]
WantedBy=multi-user.target
`);
    mkdirSync(join(etc, `${name}.d`));
    writeFileSync(join(etc, `${name}.d`, '10-override.conf'), '[Service]\nRestartSec=10\nEnvironment=D=4\n');
    writeFileSync(join(etc, `${name}.d`, '20-exec.conf'), '[Service]\nExecStart=\nExecStart=/usr/sbin/svc -f --name %n\n');
    if (i % 2 === 0) symlinkSync(join(lib, name), join(etc, 'multi-user.target.wants', name));
  }
  return root;
}

const { UnitLoader } = await loaderModule();
const root = generate(count);
const names = Array.from({ length: count }, (_, i) => `svc-${i}.service`);
const rates = [];
try {
  for (let round = 0; round < 7; round++) {
    const t0 = process.hrtime.bigint();
    const loader = new UnitLoader({ searchPath: [join(root, 'etc'), join(root, 'lib')], specifiers: { hostname: 'bench', machineId: 'm', bootId: 'b' } });
    for (const n of names) loader.load(n);
    loader.load('multi-user.target');
    for (let i = 0; i < 50; i++) loader.load(`worker@${i}.service`);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const loaded = loader.loadedUnits().length;
    const bad = loader.loadedUnits().filter((u) => u.loadState !== 'loaded' && !u.builtin && u.loadState !== 'not-found').length;
    if (bad) throw new Error(`${bad} units failed to load`);
    rates.push({ ms, loaded, rate: loaded / (ms / 1000) });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
rates.sort((a, b) => b.rate - a.rate);
const median = rates[Math.floor(rates.length / 2)];
process.stdout.write(`load-units: ${median.loaded} units (${count} with 2 drop-ins each + type drop-in, 50 template instances) `
  + `in ${median.ms.toFixed(1)} ms (median of ${rates.length}) = ${Math.round(median.rate)} units/s; best ${Math.round(rates[0].rate)} units/s\n`);
