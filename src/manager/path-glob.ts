// Wildcard paths as glob(3) expands them with no flags (systemd's safe_glob() for
// EnvironmentFile=: "The argument passed should be an absolute filename or wildcard
// expression"): "*", "?" and "[...]" match within one path component, a backslash quotes the
// next character, a leading "." is only matched by a pattern that starts with one, and the
// matches come sorted. ("[[:alpha:]]" classes are not supported.)

import { readdirSync } from 'node:fs';

export interface DirectoryLister {
  /** The names in a directory ("." and ".." not included); null if it cannot be listed. */
  listDirectory(path: string): string[] | null;
}

/** readdir(3) as a DirectoryLister: the real file system. */
export function listDirectory(path: string): string[] | null {
  try {
    return readdirSync(path);
  } catch {
    return null;
  }
}

function hasWildcard(component: string): boolean {
  for (let i = 0; i < component.length; i++) {
    const c = component[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

function unquote(component: string): string {
  return component.replace(/\\(.)/gs, '$1');
}

const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;
const quoteRegExp = (s: string): string => s.replace(REGEXP_SPECIAL, '\\$&');

/** fnmatch(3) without flags for one component, as a regular expression. */
export function componentPattern(component: string): RegExp {
  let source = '';
  for (let i = 0; i < component.length; i++) {
    const c = component[i]!;
    if (c === '\\' && i + 1 < component.length) source += quoteRegExp(component[++i]!);
    else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      // "[!...]" or "[^...]" negates; a "]" right after the opening (and "!") is a member.
      let j = i + 1;
      const negate = component[j] === '!' || component[j] === '^';
      if (negate) j++;
      let set = '';
      let first = true;
      for (; j < component.length && (first || component[j] !== ']'); j++, first = false) {
        const m = component[j]!;
        if (m === '\\' && j + 1 < component.length) set += quoteRegExp(component[++j]!);
        else if (m === '-' && !first && component[j + 1] !== ']') set += '-';
        else set += quoteRegExp(m);
      }
      if (j >= component.length) source += '\\['; // no closing "]": a literal "["
      else {
        source += `[${negate ? '^' : ''}${set}]`;
        i = j;
      }
    } else source += quoteRegExp(c);
  }
  return new RegExp(`^${source}$`, 's');
}

/** The existing paths `pattern` (absolute) names, sorted; empty when nothing matches. */
export function globPaths(pattern: string, fs: DirectoryLister): string[] {
  const components = pattern.split('/').filter((c) => c !== '');
  const firstWildcard = components.findIndex(hasWildcard);
  // Without wildcards the path is its own match: reading it tells whether it exists.
  if (firstWildcard < 0) return [pattern.includes('\\') ? `/${components.map(unquote).join('/')}` : pattern];
  let found = [components.slice(0, firstWildcard).map(unquote).map((c) => `/${c}`).join('')];
  for (const component of components.slice(firstWildcard)) {
    const next: string[] = [];
    const wildcard = hasWildcard(component);
    const literal = unquote(component);
    const regexp = wildcard ? componentPattern(component) : undefined;
    for (const dir of found) {
      const names = fs.listDirectory(dir === '' ? '/' : dir);
      if (!names) continue;
      if (!regexp) {
        if (names.includes(literal)) next.push(`${dir}/${literal}`);
        continue;
      }
      for (const name of names) {
        // A leading dot is matched only by a dot in the pattern (no GLOB_PERIOD).
        if (name.startsWith('.') && !component.startsWith('.')) continue;
        if (regexp.test(name)) next.push(`${dir}/${name}`);
      }
    }
    found = next;
    if (found.length === 0) return [];
  }
  // glob(3) sorts with strcoll(), which in PID 1's C locale is byte order.
  return found.sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
}
