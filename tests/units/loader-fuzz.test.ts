// Property: whatever the files contain, the loader never throws, never hangs (each case must
// finish within CASE_TIME_LIMIT_MS), and answers with units whose problems are diagnostics naming
// a file and line (or the unit).
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnitLoader } from '../../src/units/loader.js';
import { allDirectives } from '../../src/units/directives/table.js';
import { parseUnitFileText } from '../../src/units/unit-file-syntax.js';

const KEYS = [...new Set(allDirectives().map((d) => d.name))];
const SECTIONS = ['Unit', 'Service', 'Install', 'Socket', 'Timer', 'X-Foo', 'Bogus'];
const VALUE_BITS = ['', ' ', '"', "'", '\\', ';', ' ; ', '\\;', '$', '${', '$FOO', '%', '%i', '%z', '%%', '-', '@', '+', '!', '!!', ':', '/bin/true', 'yes', 'no', '5s', 'infinity', 'SIGTERM', '0755', '\\x41', '\\', '\n', '#', '=', 'a b', 'multi-user.target', 'foo@.service', '\t', 'ü', '\u0000'];

const valueArb = fc.array(fc.oneof(fc.constantFrom(...VALUE_BITS), fc.string({ maxLength: 8 })), { maxLength: 8 }).map((a) => a.join(''));
const lineArb = fc.oneof(
  fc.tuple(fc.constantFrom(...KEYS, 'Foo', 'X-Thing'), valueArb).map(([k, v]) => `${k}=${v}`),
  fc.constantFrom(...SECTIONS).map((s) => `[${s}]`),
  fc.constantFrom('# comment', '; comment', '', '[Broken', 'no equals', '=x', '\\', 'Key=value \\'),
  fc.string({ maxLength: 30 }),
);
const fileArb = fc.array(lineArb, { maxLength: 30 }).map((l) => l.join('\n'));

/** A valid unit file mutated: lines dropped, duplicated, truncated, characters flipped. */
const BASE = '[Unit]\nDescription=x\nAfter=network.target\n[Service]\nType=notify\nExecStart=/usr/bin/x -f "$OPTS" \\;\nEnvironment="A=1" B=2\nRestart=on-failure\nRestartSec=5\n[Install]\nWantedBy=multi-user.target\n';
const mutatedArb = fc.array(fc.tuple(fc.nat(BASE.length), fc.oneof(fc.constantFrom('', '\\', '"', '\n', '%', '$', '[', '=', ';'), fc.string({ maxLength: 3 }))), { maxLength: 10 })
  .map((muts) => muts.reduce((t, [at, s]) => t.slice(0, at % (t.length + 1)) + s + t.slice((at % (t.length + 1)) + (s.length % 2)), BASE));

const NAMES = ['a.service', 'b@x.service', 'c.socket', 'd.timer', 'e.target', 'f.path', 'g.mount'];

/** A case (writing the files, loading ~12 units) takes a few milliseconds; 2 s means a runaway. */
const CASE_TIME_LIMIT_MS = 2000;

/** Runs one case and fails it when it takes longer than CASE_TIME_LIMIT_MS. */
function timed(run: () => void): void {
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  expect(ms, `one case took ${Math.round(ms)} ms`).toBeLessThan(CASE_TIME_LIMIT_MS);
}

function check(files: string[], dropIn: string): void {
  const root = mkdtempSync(join(tmpdir(), 'tsd-fuzz-'));
  try {
    NAMES.forEach((n, i) => writeFileSync(join(root, n.replace('@x', '@')), files[i % files.length] ?? ''));
    mkdirSync(join(root, 'a.service.d'));
    writeFileSync(join(root, 'a.service.d', 'x.conf'), dropIn);
    // Links of every kind next to the random files: alias, loop, mask, dangling, .wants.
    symlinkSync('a.service', join(root, 'alias.service'));
    symlinkSync('loop2.service', join(root, 'loop1.service'));
    symlinkSync('loop1.service', join(root, 'loop2.service'));
    symlinkSync('/dev/null', join(root, 'masked.service'));
    symlinkSync('/nowhere/x.service', join(root, 'dangling.service'));
    mkdirSync(join(root, 'multi-user.target.wants'));
    symlinkSync('../a.service', join(root, 'multi-user.target.wants', 'a.service'));
    const l = new UnitLoader({ searchPath: [root], installEnabledDirs: [root], specifiers: { hostname: 'h', machineId: 'm', bootId: 'b' } });
    for (const n of [...NAMES, 'multi-user.target', 'alias.service', 'loop1.service', 'masked.service', 'dangling.service']) {
      const u = l.load(n);
      expect(['loaded', 'not-found', 'bad-setting', 'error', 'masked']).toContain(u.loadState);
      expect(u.names[0]).toBe(u.name);
    }
    l.listUnitFiles();
    for (const d of l.diagnostics) {
      // load() guards against its own bugs with an "Internal error" unit: none may happen.
      expect(d.message).not.toMatch(/^Internal error/);
      expect(typeof d.message).toBe('string');
      expect(d.file !== undefined || d.unit !== undefined).toBe(true);
      if (d.file && d.code !== 'bad-setting' && d.code !== 'sandbox') expect(d.line).toBeGreaterThan(0);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('loader robustness (property-based)', () => {
  it('random unit files never throw and yield units or file:line diagnostics', () => {
    fc.assert(fc.property(fc.array(fileArb, { minLength: 1, maxLength: 3 }), fileArb, (files, dropIn) => timed(() => check(files, dropIn))), { numRuns: 150 });
  }, 60_000);

  it('mutated valid unit files never throw', () => {
    fc.assert(fc.property(mutatedArb, mutatedArb, (a, b) => timed(() => check([a, b], b))), { numRuns: 150 });
  }, 60_000);

  it('the syntax parser is linear: a huge continued line parses quickly', () => {
    const text = `[Service]\nExecStart=/bin/echo ${'x \\\n'.repeat(20_000)}end\n`;
    timed(() => expect(parseUnitFileText(text, 'big.service').entries).toHaveLength(1));
  });
});
