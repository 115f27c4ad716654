// Condition*= and Assert*= values (systemd.unit(5), "Conditions and Asserts"): an optional "|"
// (triggering) then an optional "!" (negation) before the value. "If both ... are used, the
// pipe symbol must be passed first, the exclamation second."

import type { Condition, SourceRef } from './model.js';

const PATH_CONDITIONS = new Set([
  'PathExists', 'PathExistsGlob', 'PathIsDirectory', 'PathIsSymbolicLink', 'PathIsMountPoint',
  'PathIsReadWrite', 'PathIsEncrypted', 'DirectoryNotEmpty', 'FileNotEmpty', 'FileIsExecutable', 'NeedsUpdate',
]);

/** A parsed condition, or the message explaining why the value was refused. */
export function parseCondition(key: string, value: string, source?: SourceRef): Condition | string {
  const isAssert = key.startsWith('Assert');
  const what = key.slice(isAssert ? 'Assert'.length : 'Condition'.length);
  let v = value.trim();
  let triggering = false;
  let negate = false;
  if (v.startsWith('|')) { triggering = true; v = v.slice(1).trimStart(); }
  if (v.startsWith('!')) { negate = true; v = v.slice(1).trimStart(); }
  if (PATH_CONDITIONS.has(what) && !v.startsWith('/')) return `${key}= path is not absolute, ignoring: ${v}`;
  return { key, isAssert, triggering, negate, value: v, ...(source ? { source: { file: source.file, line: source.line } } : {}) };
}
