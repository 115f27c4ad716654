// Condition*= and Assert*= evaluated on a real file tree (systemd.unit(5)).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateConditions } from '../../src/manager/conditions.js';
import type { Condition } from '../../src/units/model.js';

const root = mkdtempSync(join(tmpdir(), 'tsd-conditions-'));
mkdirSync(join(root, 'conf.d/a'), { recursive: true });
writeFileSync(join(root, 'conf.d/a/x.conf'), '');
writeFileSync(join(root, 'empty'), '');

const cond = (key: string, value: string, opts: Partial<Condition> = {}): Condition =>
  ({ key: `Condition${key}`, isAssert: false, triggering: false, negate: false, value, ...opts });
const holds = (...conditions: Condition[]): boolean => evaluateConditions(conditions, false).ok;

describe('conditions', () => {
  it.each([
    [`${root}/conf.d/*/x.conf`, true],
    [`${root}/conf.d/a/*.conf`, true],
    [`${root}/conf.d/?/x.conf`, true],
    [`${root}/conf.d/[ab]/x.conf`, true],
    [`${root}/conf.d/*/y.conf`, false],
    [`${root}/conf.d/a/x.conf`, true],
    [`${root}/nowhere/*`, false],
  ])('ConditionPathExistsGlob=%s is %s, wildcards in any component', (pattern, expected) => {
    expect(holds(cond('PathExistsGlob', pattern))).toBe(expected);
  });

  it('negates with "!" and needs one triggering "|" condition to hold', () => {
    expect(holds(cond('PathExists', `${root}/empty`, { negate: true }))).toBe(false);
    expect(holds(cond('FileNotEmpty', `${root}/empty`, { triggering: true }), cond('PathExists', root, { triggering: true }))).toBe(true);
    expect(holds(cond('FileNotEmpty', `${root}/empty`, { triggering: true }))).toBe(false);
  });
});
