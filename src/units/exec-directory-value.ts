// The values of RuntimeDirectory=, StateDirectory=, CacheDirectory=, LogsDirectory= and
// ConfigurationDirectory=, read as systemd 252's config_parse_exec_directories() does: words
// (quotes removed, a backslash kept as is: it quotes neither a space nor a quote), each "DIR[:LINK]" split at the first unescaped ":" ("\:" is a
// colon, C escapes decoded, more parts ignored), DIR and LINK relative, normalized paths after
// specifier expansion ("a/./b" is "a/b", "a/../b" is refused), DIR not "private". "The second
// parameter will be interpreted as a destination path that will be created as a symlink".

import { unescapeOne } from './c-escape.js';
import { extractWord, WordSyntaxError } from './extract-word.js';
import { isValidUtf8, settleRawBytes } from './utf8.js';

export interface ExecDirectoryEntry {
  /** relative to the directive's base (/run, /var/lib...) */
  path: string;
  /** LINK: a relative path to make a symbolic link to `path` */
  link?: string;
}

export interface ExecDirectoryValue {
  entries: ExecDirectoryEntry[];
  /** one per refused part, in systemd's words */
  warnings: string[];
}

/** extract_many_words(":", EXTRACT_CUNESCAPE|EXTRACT_UNESCAPE_SEPARATORS) for two words; undefined for a syntax error. */
function splitTuple(tuple: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  while (words.length < 2) {
    while (tuple[i] === ':') i++; // separators coalesce, leading ones are skipped
    if (i >= tuple.length) break;
    let word = '';
    for (; i < tuple.length && tuple[i] !== ':'; i++) {
      if (tuple[i] !== '\\') {
        word += tuple[i];
        continue;
      }
      if (tuple[i + 1] === ':') {
        word += ':';
        i++;
        continue;
      }
      const u = unescapeOne(tuple, i + 1);
      if (!u) return undefined; // an unknown escape, or a trailing backslash
      word += u.text;
      i += u.length;
    }
    words.push(settleRawBytes(word));
  }
  return words.length > 0 ? words : undefined;
}

/** path_simplify_and_warn(PATH_CHECK_RELATIVE): the simplified path, or why it is refused. */
function relativePath(path: string, directive: string): { path: string } | { warning: string } {
  if (!isValidUtf8(path)) return { warning: `String is not UTF-8 clean, ignoring assignment: ${path}` };
  if (path.startsWith('/')) return { warning: `${directive}= path is absolute, ignoring: ${path}` };
  const simplified = path.split('/').filter((c) => c !== '' && c !== '.').join('/') || '.';
  if (Buffer.byteLength(simplified) >= 4096 || simplified.split('/').some((c) => Buffer.byteLength(c) > 255)) {
    return { warning: `${directive}= path has invalid length (${Buffer.byteLength(simplified)} bytes), ignoring.` };
  }
  if (simplified === '.' || simplified.split('/').includes('..')) return { warning: `${directive}= path is not normalized, ignoring: ${simplified}` };
  return { path: simplified };
}

export function parseExecDirectoryValue(value: string, directive: string, expand: (text: string) => string): ExecDirectoryValue {
  const result: ExecDirectoryValue = { entries: [], warnings: [] };
  const warn = (message: string): void => { result.warnings.push(message); };
  for (let p = 0; ;) {
    let word: { word: string; next: number } | undefined;
    try {
      word = extractWord(value, p, { unquote: true, retainEscape: true });
    } catch (e) {
      if (!(e instanceof WordSyntaxError)) throw e;
      warn(`Invalid syntax ${directive}=${value}, ignoring: Invalid argument`);
      return result;
    }
    if (!word) return result;
    p = word.next;
    const tuple = word.word;
    const parts = splitTuple(tuple);
    if (!parts) {
      warn(`Invalid syntax in ${directive}=, ignoring: ${tuple}`);
      continue;
    }
    const resolved: string[] = [];
    for (const part of parts) {
      try {
        resolved.push(expand(part));
      } catch (e) {
        warn(`Failed to resolve unit specifiers in ${part}, ignoring: ${(e as Error).message}`);
        break;
      }
    }
    if (resolved.length < parts.length) continue;
    const dir = relativePath(resolved[0]!, directive);
    if ('warning' in dir) {
      warn(dir.warning);
      continue;
    }
    if (dir.path === 'private' || dir.path.startsWith('private/')) {
      warn(`${directive}= path can't be 'private', ignoring assignment: ${tuple}`);
      continue;
    }
    let link: string | undefined;
    if (resolved[1] !== undefined && resolved[1] !== '') {
      if (directive === 'ConfigurationDirectory') {
        warn(`Destination parameter is not supported for ConfigurationDirectory, ignoring: ${tuple}`);
        continue;
      }
      const dest = relativePath(resolved[1], directive);
      if ('warning' in dest) {
        warn(dest.warning);
        continue;
      }
      link = dest.path;
    }
    result.entries.push(link === undefined ? { path: dir.path } : { path: dir.path, link });
  }
}
