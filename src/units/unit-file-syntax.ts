// The unit file syntax of systemd.syntax(7): "[Section]" headers, "Key=Value" lines with
// free whitespace around "=", "#" and ";" comment lines, and "\" at the end of a line to
// continue it ("the backslash is replaced by a space character"). Comment lines inside a
// continuation are skipped. Each entry keeps its file and line for messages: the last line of a
// continued value, as systemd reports it.

import type { Diagnostic } from './model.js';

export interface UnitFileEntry {
  section: string;
  key: string;
  value: string;
  file: string;
  line: number;
}

export interface ParsedUnitFile {
  file: string;
  entries: UnitFileEntry[];
  /** every section header seen, in order (repeated headers merge) */
  sections: Array<{ name: string; line: number }>;
  diagnostics: Diagnostic[];
  /** systemd refuses the whole file ("Bad message"): an invalid section header was found */
  invalid: boolean;
}

/** A line ends in an unescaped backslash (an even run of backslashes before it is not a continuation). */
function endsWithContinuation(s: string): boolean {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

export function parseUnitFileText(text: string, file: string, unit?: string): ParsedUnitFile {
  const entries: UnitFileEntry[] = [];
  const sections: Array<{ name: string; line: number }> = [];
  const diagnostics: Diagnostic[] = [];
  const warn = (line: number, message: string): void => {
    diagnostics.push({ severity: 'warning', message, file, line, ...(unit ? { unit } : {}) });
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split('\n');
  let section: string | undefined;
  let invalid = false;
  /** after an invalid header, lines are skipped until the next good one */
  let skipping = false;
  let continuation: string | undefined;
  let continuationLine = 0;

  for (let idx = 0; idx < lines.length; idx++) {
    let raw = lines[idx]!;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    const lineNo = idx + 1;
    const lead = raw.trimStart();
    if (lead.startsWith('#') || lead.startsWith(';')) continue; // comments, also inside a continuation
    let logical: string;
    if (continuation !== undefined) {
      logical = continuation + raw;
    } else {
      logical = raw;
    }
    continuationLine = lineNo;
    if (endsWithContinuation(logical)) {
      continuation = `${logical.slice(0, -1)} `;
      continue;
    }
    continuation = undefined;
    const l = logical.trim();
    if (l === '') continue;
    // Like systemd, a continued line is reported at its last physical line.
    const at = lineNo;
    if (l.startsWith('[')) {
      if (!l.endsWith(']')) {
        // systemd refuses the whole file here (EBADMSG); tsd reports it, marks the file invalid
        // and skips that section's lines, so the rest of the unit can still be shown.
        diagnostics.push({ severity: 'error', message: `Invalid section header '${l}'`, file, line: at, ...(unit ? { unit } : {}) });
        invalid = true;
        skipping = true;
        section = undefined;
        continue;
      }
      skipping = false;
      section = l.slice(1, -1);
      sections.push({ name: section, line: at });
      continue;
    }
    const eq = l.indexOf('=');
    if (skipping) continue;
    if (section === undefined) {
      warn(at, 'Assignment outside of section. Ignoring.');
      continue;
    }
    if (eq < 0) {
      warn(at, 'Missing \'=\', ignoring line.');
      continue;
    }
    const key = l.slice(0, eq).trimEnd();
    if (key === '') {
      warn(at, 'Missing key name before \'=\', ignoring line.');
      continue;
    }
    entries.push({ section, key, value: l.slice(eq + 1).trimStart(), file, line: at });
  }
  if (continuation !== undefined) {
    // A continuation at end of file: systemd parses what it has.
    const l = continuation.trim();
    const eq = l.indexOf('=');
    if (section !== undefined && eq > 0) entries.push({ section, key: l.slice(0, eq).trimEnd(), value: l.slice(eq + 1).trimStart(), file, line: continuationLine });
  }
  return { file, entries, sections, diagnostics, invalid };
}
