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

/**
 * systemd's WHITESPACE (" \t\n\r"): what strstrip() removes around a line, a key and a value.
 * Not JavaScript's trim(), which also eats a byte-order mark, NBSP and other Unicode spaces
 * that systemd keeps (and then reports in an "Unknown key" message).
 */
function isWhitespace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
function strip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isWhitespace(s[a])) a++;
  while (b > a && isWhitespace(s[b - 1])) b--;
  return s.slice(a, b);
}
function stripStart(s: string): string {
  let a = 0;
  while (a < s.length && isWhitespace(s[a])) a++;
  return s.slice(a);
}

const BOM = '\uFEFF';

export interface ParseOptions {
  /**
   * Whether a section belongs to the unit's type. Lines in other sections ("[X-Foo]", an unknown
   * "[Weird]") are skipped without a word, as systemd does after "Unknown section": not even
   * "Missing '='". Without it every section is read.
   */
  sectionKnown?(name: string): boolean;
}

export function parseUnitFileText(text: string, file: string, unit?: string, options: ParseOptions = {}): ParsedUnitFile {
  const entries: UnitFileEntry[] = [];
  const sections: Array<{ name: string; line: number }> = [];
  const diagnostics: Diagnostic[] = [];
  const warn = (line: number, message: string): void => {
    diagnostics.push({ severity: 'warning', message, file, line, ...(unit ? { unit } : {}) });
  };
  const lines = text.split('\n');
  let section: string | undefined;
  /** the current section is unknown or X-: its lines are skipped silently */
  let sectionIgnored = false;
  let invalid = false;
  /** after an invalid header, lines are skipped until the next good one */
  let skipping = false;
  /** systemd skips one byte-order mark: at the start of the first line that has one */
  let bomSeen = false;
  let continuation: string | undefined;

  /** parse_line(): one logical line, reported at `at` (a continued line: its last physical line). */
  const parseLine = (logical: string, at: number): void => {
    const l = strip(logical);
    if (l === '') return;
    if (l.startsWith('[')) {
      if (!l.endsWith(']')) {
        // systemd refuses the whole file here (EBADMSG); tsd reports it, marks the file invalid
        // and skips that section's lines, so the rest of the unit can still be shown.
        diagnostics.push({ severity: 'error', message: `Invalid section header '${l}'`, file, line: at, ...(unit ? { unit } : {}) });
        invalid = true;
        skipping = true;
        section = undefined;
        return;
      }
      skipping = false;
      section = l.slice(1, -1);
      sectionIgnored = options.sectionKnown ? !options.sectionKnown(section) : false;
      sections.push({ name: section, line: at });
      return;
    }
    if (skipping || sectionIgnored) return;
    if (section === undefined) {
      warn(at, 'Assignment outside of section. Ignoring.');
      return;
    }
    const eq = l.indexOf('=');
    if (eq < 0) {
      warn(at, 'Missing \'=\', ignoring line.');
      return;
    }
    if (eq === 0) {
      warn(at, 'Missing key name before \'=\', ignoring line.');
      return;
    }
    entries.push({ section, key: strip(l.slice(0, eq)), value: strip(l.slice(eq + 1)), file, line: at });
  };

  for (let idx = 0; idx < lines.length; idx++) {
    let raw = lines[idx]!;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    const lead = stripStart(raw);
    // Comments, also inside a continuation; looked for before the byte-order mark is skipped,
    // so "<BOM># text" is not a comment (systemd 252's config_parse()).
    if (lead.startsWith('#') || lead.startsWith(';')) continue;
    if (!bomSeen && raw.startsWith(BOM)) {
      raw = raw.slice(1);
      bomSeen = true;
    }
    const logical = continuation !== undefined ? continuation + raw : raw;
    if (endsWithContinuation(logical)) {
      continuation = `${logical.slice(0, -1)} `;
      continue;
    }
    continuation = undefined;
    parseLine(logical, idx + 1);
  }
  // A continuation at end of file: systemd parses what it has.
  if (continuation !== undefined) parseLine(continuation, lines.length);
  return { file, entries, sections, diagnostics, invalid };
}
