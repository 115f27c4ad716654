import { describe, expect, it } from 'vitest';
import { componentPattern, globPaths } from '../../src/manager/path-glob.js';

describe('wildcard paths, as glob(3) without flags', () => {
  const tree: Record<string, string[]> = {
    '/': ['etc'], '/etc': ['a', 'b', 'default'], '/etc/a': ['x.env', '.hidden.env', 'y.conf'], '/etc/b': ['x.env'], '/etc/default': ['app', 'a*b'],
  };
  const fs = { listDirectory: (p: string) => tree[p] ?? null };
  it.each([
    ['/etc/*/x.env', ['/etc/a/x.env', '/etc/b/x.env']],
    ['/etc/a/*.env', ['/etc/a/x.env']],
    ['/etc/a/.*', ['/etc/a/.hidden.env']],
    ['/etc/[ab]/x.env', ['/etc/a/x.env', '/etc/b/x.env']],
    ['/etc/[!a]/x.env', ['/etc/b/x.env']],
    ['/etc/?/y.conf', ['/etc/a/y.conf']],
    ['/etc/default/a\\*b', ['/etc/default/a*b']],
    ['/etc/*/none', []],
    ['/nowhere/*', []],
    // without a wildcard the path is its own match (reading it tells whether it exists)
    ['/etc/default/missing', ['/etc/default/missing']],
  ])('%s', (pattern, expected) => expect(globPaths(pattern, fs)).toEqual(expected));

  it.each([['[a-c]x', 'bx', true], ['[]]', ']', true], ['[!]]', 'a', true], ['a[', 'a[', true], ['*.env', 'x.conf', false], ['\\?', '?', true], ['\\?', 'a', false]])(
    'fnmatch %j ~ %j', (pattern, name, matches) => expect(componentPattern(pattern).test(name)).toBe(matches));
});
