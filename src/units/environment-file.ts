// EnvironmentFile= contents: the shell-like format of Debian's /etc/default/* files, read the
// way systemd's load_env_file() does. "#" and ";" start a comment only at the start of a line;
// '...' is literal; in "..." a backslash escapes only " \ ` $ (and newline), elsewhere it is
// kept, like the shell; unquoted, a backslash takes the next character and "\<newline>"
// continues the line; trailing whitespace of an unquoted value is dropped.
// One tsd extension: a leading "export " is skipped (Debian files written for `. file` use it;
// systemd 252 would reject the line as an invalid variable name).
// A key or value that is not valid UTF-8 makes systemd refuse the whole file (load_env_file()
// fails with EINVAL after "invalid UTF-8 value for key X: '...', ignoring."), so the bytes are
// decoded without losing any (utf8.ts) and checked.

import { readFileSync } from 'node:fs';
import { isValidEnvName } from './exec-line.js';
import { decodeText, isValidUtf8, showInvalidUtf8 } from './utf8.js';

const SHELL_NEED_ESCAPE = '"\\`$';

export type EnvFileWarning = (line: number, message: string) => void;

export interface EnvironmentFileContents {
  /** in order; later ones win at use */
  assignments: Array<[string, string]>;
  /** the first key or value that is not valid UTF-8: the file is refused as a whole */
  invalidUtf8?: { line: number; message: string };
}

/** Parses the text of an environment file into assignments in order (later ones win at use). */
export function parseEnvironmentFile(text: string, warn: EnvFileWarning = () => {}): Array<[string, string]> {
  return parseEnvironmentText(text, warn).assignments;
}

/** Like parseEnvironmentFile(), and stops at the first assignment that is not valid UTF-8. */
export function parseEnvironmentText(text: string, warn: EnvFileWarning = () => {}): EnvironmentFileContents {
  const out: Array<[string, string]> = [];
  let invalidUtf8: EnvironmentFileContents['invalidUtf8'];
  let line = 1;
  let state: 'preKey' | 'key' | 'preValue' | 'value' | 'valueEscape' | 'single' | 'double' | 'doubleEscape' | 'comment' | 'commentEscape' = 'preKey';
  let key = '';
  let value: string | undefined;
  let valueTrailingWs = -1;

  const push = (lineNo: number): void => {
    let k = key.trimEnd();
    if (k.startsWith('export') && /^export[ \t]+/.test(k)) k = k.replace(/^export[ \t]+/, '');
    if (!isValidUtf8(k)) invalidUtf8 ??= { line: lineNo, message: `invalid UTF-8 in key '${showInvalidUtf8(k)}', ignoring.` };
    else if (value !== undefined && !isValidUtf8(value)) {
      invalidUtf8 ??= { line: lineNo, message: `invalid UTF-8 value for key ${k}: '${showInvalidUtf8(value)}', ignoring.` };
    } else if (!isValidEnvName(k)) warn(lineNo, `Ignoring invalid environment assignment '${k}'.`);
    else out.push([k, value ?? '']);
    key = '';
    value = undefined;
    valueTrailingWs = -1;
  };
  const append = (c: string): void => { value = (value ?? '') + c; };

  for (let i = 0; i < text.length && !invalidUtf8; i++) {
    const c = text[i]!;
    const nl = c === '\n' || c === '\r';
    const ws = c === ' ' || c === '\t' || nl;
    switch (state) {
      case 'preKey':
        if (c === '#' || c === ';') state = 'comment';
        else if (nl) line++;
        else if (!ws) { state = 'key'; key = c; }
        break;
      case 'key':
        if (nl) { state = 'preKey'; line++; key = ''; }
        else if (c === '=') { state = 'preValue'; valueTrailingWs = -1; }
        else key += c;
        break;
      case 'preValue':
        if (nl) { push(line); state = 'preKey'; line++; }
        else if (c === "'") state = 'single';
        else if (c === '"') state = 'double';
        else if (c === '\\') state = 'valueEscape';
        else if (!ws) { state = 'value'; append(c); }
        break;
      case 'value':
        if (nl) {
          if (valueTrailingWs >= 0 && value !== undefined) value = value.slice(0, valueTrailingWs);
          push(line); state = 'preKey'; line++;
        } else if (c === '\\') { state = 'valueEscape'; valueTrailingWs = -1; }
        else {
          if (!ws) valueTrailingWs = -1;
          else if (valueTrailingWs < 0) valueTrailingWs = (value ?? '').length;
          append(c);
        }
        break;
      case 'valueEscape':
        state = 'value';
        if (c === '\n') line++; // an escaped newline is eaten up entirely
        else append(c);
        break;
      case 'single':
        if (c === "'") state = 'preValue';
        else { if (c === '\n') line++; append(c); }
        break;
      case 'double':
        if (c === '"') state = 'preValue';
        else if (c === '\\') state = 'doubleEscape';
        else { if (c === '\n') line++; append(c); }
        break;
      case 'doubleEscape':
        state = 'double';
        if (SHELL_NEED_ESCAPE.includes(c)) append(c);
        else if (c === '\n') line++;
        else append(`\\${c}`);
        break;
      case 'comment':
        if (c === '\\') state = 'commentEscape';
        else if (nl) { state = 'preKey'; line++; }
        break;
      case 'commentEscape':
        state = 'comment';
        if (c === '\n') line++;
        break;
    }
  }
  if (state === 'value' && valueTrailingWs >= 0 && value !== undefined) value = value.slice(0, valueTrailingWs);
  if (!invalidUtf8 && state !== 'preKey' && state !== 'key' && state !== 'comment' && state !== 'commentEscape') push(line);
  return invalidUtf8 ? { assignments: out, invalidUtf8 } : { assignments: out };
}

/** An environment file's bytes, decoded without losing any, then parsed. */
export function parseEnvironmentFileBytes(bytes: Uint8Array, warn?: EnvFileWarning): EnvironmentFileContents {
  return parseEnvironmentText(decodeText(bytes), warn);
}

/** Reads an environment file. Throws when unreadable. */
export function readEnvironmentFile(path: string, warn?: EnvFileWarning): Array<[string, string]> {
  return parseEnvironmentFileBytes(readFileSync(path), warn).assignments;
}
