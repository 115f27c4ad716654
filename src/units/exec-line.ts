// Exec*= command lines (systemd.service(5), "Command lines"): prefixes, quoting, C escapes,
// ";" as a command separator, and the exec-time expansion of $VAR / ${VAR}.

import { statSync } from 'node:fs';
import { posix } from 'node:path';
import type { ExecCommand, SourceRef } from './model.js';
import { extractWord, WordSyntaxError } from './extract-word.js';
import { hasRawBytes, showInvalidUtf8 } from './utf8.js';

/** "a fixed search path ... /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" */
export const EXEC_SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export interface ExecParseResult {
  commands: ExecCommand[];
  /** why (part of) the line was rejected, in systemd's wording; the commands before it are kept */
  error?: string;
  /** the rejected command had the "-" prefix: systemd only warns and drops it */
  ignorable?: boolean;
  /** accepted with a warning, e.g. "Ignoring unknown escape sequences" */
  warnings?: string[];
}

const WORD_FLAGS = { unquote: true, cunescape: true } as const;
const RELAXED_FLAGS = { unquote: true, cunescape: true, relaxEscapes: true } as const;

/** extract_first_word_and_warn(): an unknown escape is kept as written, with a warning. */
function extractExecWord(value: string, p: number, warnings: string[]): { word: string; next: number } | undefined {
  try {
    return extractWord(value, p, WORD_FLAGS);
  } catch (e) {
    if (!(e instanceof WordSyntaxError) || !e.badEscape) throw e;
    const r = extractWord(value, p, RELAXED_FLAGS);
    if (r) warnings.push(`Ignoring unknown escape sequences: "${r.word}"`);
    return r;
  }
}

function isSpace(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s[i])) i++;
  return i;
}

/** A valid file name (no "/", not "." or "..") may be searched in the fixed PATH. */
function isFileName(s: string): boolean {
  return s !== '' && s !== '.' && s !== '..' && !s.includes('/') && s.length <= 255;
}

/**
 * Parses one Exec*= value into commands. `expand` applies unit specifiers to each word after
 * unquoting (systemd expands "%i" even inside quotes); it may throw to reject the line.
 */
export function parseExecLine(value: string, expand: (word: string) => string = (w) => w, source?: SourceRef): ExecParseResult {
  const commands: ExecCommand[] = [];
  let p = 0;
  // systemd only warns about a first word it cannot split; later words fail the setting unless "-".
  let inFirstWord = true;
  let ignorable = false;
  const warnings: string[] = [];
  const done = (r: ExecParseResult): ExecParseResult => (warnings.length > 0 ? { ...r, warnings } : r);
  try {
    for (;;) {
      p = skipSpace(value, p);
      if (p >= value.length) return done({ commands });
      inFirstWord = true;
      const first = extractExecWord(value, p, warnings);
      inFirstWord = false;
      if (!first) return done({ commands });
      p = first.next;
      let word = first.word;
      // "A lone ; is a separator": an empty command between two separators is skipped.
      if (word === ';') continue;
      const cmd: ExecCommand = {
        path: '', argv: [], ignoreFailure: false, fullPrivileges: false, noSetuid: false,
        ambientFallback: false, noEnvironmentExpansion: false, ...(source ? { source } : {}),
      };
      let separateArgv0 = false;
      // Prefixes "@", "-", ":" and one of "+", "!", "!!" may be combined, in any order; each is
      // taken once, "!" twice is "!!", and "+"/"!"/"!!" exclude each other.
      let f = 0;
      for (; f < word.length; f++) {
        const c = word[f];
        const privileged = cmd.fullPrivileges || cmd.noSetuid || cmd.ambientFallback;
        if (c === '-' && !cmd.ignoreFailure) cmd.ignoreFailure = true;
        else if (c === '@' && !separateArgv0) separateArgv0 = true;
        else if (c === ':' && !cmd.noEnvironmentExpansion) cmd.noEnvironmentExpansion = true;
        else if (c === '+' && !privileged) cmd.fullPrivileges = true;
        else if (c === '!' && !privileged) cmd.noSetuid = true;
        else if (c === '!' && !cmd.fullPrivileges && !cmd.ambientFallback) {
          cmd.noSetuid = false;
          cmd.ambientFallback = true;
        } else break;
      }
      word = word.slice(f);
      ignorable = cmd.ignoreFailure;
      // With "-", a broken command is dropped with a warning instead of failing the unit.
      const bad = (message: string, detail: string): ExecParseResult =>
        done({ commands, error: `${message}${cmd.ignoreFailure ? ', ignoring' : ''}: ${detail}`, ignorable: cmd.ignoreFailure });
      let path: string;
      try {
        path = expand(word);
      } catch (e) {
        return bad('Failed to resolve unit specifiers in', `'${word}': ${(e as Error).message}`);
      }
      if (path === '') return bad('Empty path in command line', `'${value}'`);
      if (/[\x00-\x1f\x7f\\"']/.test(path)) return bad('Executable name contains special characters', path);
      if (path.endsWith('/')) return bad('Executable path specifies a directory', path);
      if (!path.startsWith('/') && !isFileName(path)) return bad('Neither a valid executable name nor an absolute path', path);
      // path_simplify(): duplicate slashes and "." components go, ".." stays.
      cmd.path = path.startsWith('/') ? path.replace(/\/+/g, '/').replace(/\/(\.\/)+/g, '/').replace(/\/\.$/, '') || '/' : path;
      const argv: string[] = [];
      let ended = false;
      while (!ended) {
        p = skipSpace(value, p);
        if (p >= value.length) break;
        // "a lone semicolon ... separates commands"; "\;" is a literal ";" argument.
        if (value[p] === ';' && isSpace(value[p + 1])) {
          p++;
          ended = true;
          break;
        }
        if (value[p] === '\\' && value[p + 1] === ';' && isSpace(value[p + 2])) {
          argv.push(';');
          p += 2;
          continue;
        }
        const w = extractExecWord(value, p, warnings);
        if (!w) break;
        p = w.next;
        try {
          argv.push(expand(w.word));
        } catch (e) {
          return done({ commands, error: `Failed to resolve unit specifiers in ${w.word}${cmd.ignoreFailure ? ', ignoring' : ''}: ${(e as Error).message}`, ignorable: cmd.ignoreFailure });
        }
      }
      if (separateArgv0) {
        // "@": the second token is argv[0], the first is only the binary.
        if (argv.length === 0) return bad('Empty executable name or zeroeth argument', value);
        cmd.argv = argv;
      } else {
        cmd.argv = [cmd.path, ...argv];
      }
      // systemd passes such bytes on as they are; tsd's spawn takes text, so it cannot yet.
      for (const w of new Set([cmd.path, ...cmd.argv])) {
        if (hasRawBytes(w)) warnings.push(`Command line word is not valid UTF-8, tsd passes U+FFFD for its invalid bytes: "${showInvalidUtf8(w)}"`);
      }
      commands.push(cmd);
      if (!ended) return done({ commands });
    }
  } catch (e) {
    if (e instanceof WordSyntaxError) {
      // A first word that cannot be split only costs a warning; later words fail the setting
      // unless the command has "-". systemd words both "Unbalanced quoting, ignoring".
      return done({ commands, error: `Unbalanced quoting, ignoring: "${value}"`, ignorable: inFirstWord || ignorable });
    }
    throw e;
  }
}

function isEnvNameChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

/** ${VAR} substitution inside a word (replace_env()): unset -> empty, "$$" -> "$", other "$" literal. */
export function substituteVariables(word: string, env: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c !== '$') { out += c; continue; }
    const n = word[i + 1];
    if (n === '$') { out += '$'; i++; continue; }
    if (n === '{') {
      const close = word.indexOf('}', i + 2);
      if (close < 0) { out += word.slice(i); break; }
      out += env[word.slice(i + 2, close)] ?? '';
      i = close;
      continue;
    }
    out += c;
  }
  return out;
}

/** Splits a variable's value at whitespace with quotes removed (EXTRACT_RELAX|EXTRACT_UNQUOTE). */
function splitValue(value: string): string[] {
  const out: string[] = [];
  let p = 0;
  for (;;) {
    const w = extractWord(value, p, { unquote: true, relax: true });
    if (!w) return out;
    out.push(w.word);
    p = w.next;
  }
}

/**
 * Exec-time variable expansion (systemd.service(5)): "Use "$FOO" as a separate word on the command
 * line, in which case it will be replaced by the value of the environment variable split at
 * whitespace, resulting in zero or more arguments" — zero when unset or empty. "${FOO}" is
 * substituted as part of a word; a "$FOO" embedded in a larger word is left alone; "$$" is "$".
 * Like systemd, the whole rest of a word starting with "$" is the variable name.
 */
export function expandExecArgv(argv: string[], env: Record<string, string>): string[] {
  const out: string[] = [];
  for (const word of argv) {
    if (word[0] === '$' && word[1] !== '{' && word[1] !== '$') {
      const value = Object.prototype.hasOwnProperty.call(env, word.slice(1)) ? env[word.slice(1)] : undefined;
      if (value !== undefined) out.push(...splitValue(value));
      continue;
    }
    out.push(substituteVariables(word, env));
  }
  return out;
}

/** Whether a name is a valid environment variable name (letters, digits, "_", no leading digit). */
export function isValidEnvName(name: string): boolean {
  if (name === '' || (name[0]! >= '0' && name[0]! <= '9')) return false;
  for (const c of name) if (!isEnvNameChar(c)) return false;
  return true;
}

function isExecutableFile(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * The binary to execute: an absolute path stays; a bare name is searched in systemd's fixed
 * PATH (under `root` when given, like systemd-analyze --root). Returns the path as seen inside
 * `root`, or null when a bare name is found nowhere.
 */
export function resolveExecPath(path: string, root?: string): string | null {
  const under = (p: string): string => (root ? posix.join(root, p) : p);
  // An absolute path is used as is: exec() reports a missing binary better than a lookup could.
  if (path.startsWith('/')) return path;
  if (!isFileName(path)) return null;
  for (const dir of EXEC_SEARCH_PATH) {
    const candidate = `${dir}/${path}`;
    if (isExecutableFile(under(candidate))) return candidate;
  }
  return null;
}
