// Test fixtures that need building (a C program that makes orphans fast) or writing (scripts).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './tsd-process.js';

const BUILD_DIR = join(ROOT, 'build', 'test-fixtures');

/** Compiles tests/fixtures/NAME.c once per run; returns the binary's path. */
export function cFixture(name: string): string {
  const out = join(BUILD_DIR, name);
  if (!existsSync(out)) {
    mkdirSync(BUILD_DIR, { recursive: true });
    execFileSync('cc', ['-O2', '-o', out, join(ROOT, 'tests/fixtures', `${name}.c`)]);
  }
  return out;
}

/** Writes an executable shell script and returns its path. */
export function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
