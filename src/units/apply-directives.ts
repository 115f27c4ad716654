// Applying the entries of a parsed unit file (fragment or drop-in) to a unit through the
// directive table. Problems become diagnostics in systemd's wording; nothing here throws.

import type { Diagnostic, Unit } from './model.js';
import type { ParsedUnitFile, UnitFileEntry } from './unit-file-syntax.js';
import { findDirective, sectionAllowed } from './directives/table.js';
import { unsupportedMessage } from './directives/row.js';
import { SpecifierError } from './specifiers.js';

export interface ApplyOptions {
  expand(text: string): string;
  report(d: Diagnostic): void;
  /** collects sandbox directives so the unit gets ONE warning for all of them */
  sandbox: Array<{ key: string; file: string; line: number }>;
  /** set when a setting makes the unit unusable */
  failed: boolean;
  /** set when a file could not be parsed at all (systemd: load state "error", "Bad message") */
  broken?: boolean;
  /** also report 'info' notes (ignored and deprecated directives): `tsd verify` wants them, boot logs do not */
  notes?: boolean;
  /** "Section.Key" of every directive applied, for defaults that depend on what was set */
  seen?: Set<string>;
}

/** The 'unsupported' directives each unit was warned about: once per unit and directive, fragment and drop-ins together. */
const warnedUnsupported = new WeakMap<Unit, Set<string>>();

function at(entry: UnitFileEntry, unit: Unit, severity: Diagnostic['severity'], code: string, message: string): Diagnostic {
  return { severity, code, message, unit: unit.name, file: entry.file, line: entry.line };
}

export function applyUnitFile(unit: Unit, parsed: ParsedUnitFile, opts: ApplyOptions): void {
  if (parsed.invalid) opts.broken = true;
  for (const d of parsed.diagnostics) opts.report({ ...d, code: 'syntax', unit: unit.name });
  for (const s of parsed.sections) {
    // "Sections whose names begin with X- are ignored by systemd". An unknown one is reported
    // at every header that opens it, as systemd does.
    if (s.name.startsWith('X-') || sectionAllowed(unit.type, s.name)) continue;
    opts.report({ severity: 'warning', code: 'unknown-section', message: `Unknown section '${s.name}'. Ignoring.`, unit: unit.name, file: parsed.file, line: s.line });
  }
  for (const entry of parsed.entries) applyEntry(unit, entry, opts);
}

export function applyEntry(unit: Unit, entry: UnitFileEntry, opts: ApplyOptions): void {
  if (entry.section.startsWith('X-') || !sectionAllowed(unit.type, entry.section)) return;
  const row = findDirective(entry.section, entry.key);
  if (!row) {
    // "Keys starting with X- are ignored" (and kept for the user's own tools).
    if (entry.key.startsWith('X-')) return;
    opts.report(at(entry, unit, 'warning', 'unknown-key', `Unknown key '${entry.key}' in section [${entry.section}], ignoring.`));
    return;
  }
  const warn = (message: string): void => opts.report(at(entry, unit, 'warning', 'bad-value', message));
  if (row.obsolete) opts.report(at(entry, unit, 'warning', 'deprecated', row.obsolete));
  if (row.replacedBy && opts.notes) {
    opts.report(at(entry, unit, 'info', 'deprecated', `${entry.key}= is deprecated, please use ${row.replacedBy} instead. Accepting.`));
  }
  if (row.support === 'legacy') {
    opts.report(at(entry, unit, 'warning', 'legacy', `Support for option ${entry.key}= has been removed and it is ignored`));
    return;
  }
  if (row.support === 'sandbox') opts.sandbox.push({ key: entry.key, file: entry.file, line: entry.line });
  if (row.support === 'unsupported') {
    const warned = warnedUnsupported.get(unit) ?? warnedUnsupported.set(unit, new Set()).get(unit)!;
    if (!warned.has(entry.key)) {
      warned.add(entry.key);
      opts.report(at(entry, unit, 'warning', 'unsupported', unsupportedMessage(entry.key, row.note)));
    }
  }
  // Silently ignored settings are still reported at 'info' level, for `tsd verify`.
  if (row.support === 'ignored' && opts.notes) opts.report(at(entry, unit, 'info', 'ignored', `${entry.key}= is accepted but has no effect in tsd${row.note ? ` (${row.note})` : ''}.`));
  opts.seen?.add(`${entry.section}.${entry.key}`);
  const raw = entry.value;
  if (raw.trim() === '' && row.reset) {
    row.reset(unit);
    return;
  }
  let value = raw;
  if (row.specifiers === 'value') {
    try {
      value = opts.expand(raw);
    } catch (e) {
      if (!(e instanceof SpecifierError)) throw e;
      if (row.fatal) {
        opts.failed = true;
        opts.report(at(entry, unit, 'error', 'bad-setting', `Failed to resolve unit specifiers in ${entry.key}=${raw}: ${e.message}`));
      } else warn(`Failed to resolve unit specifiers in ${entry.key}=${raw}, ignoring: ${e.message}`);
      return;
    }
  }
  const parsed = row.schema.safeParse(value);
  if (!parsed.success) {
    const why = parsed.error.issues[0]?.message ?? 'invalid value';
    if (row.fatal) {
      opts.failed = true;
      opts.report(at(entry, unit, 'error', 'bad-setting', `Failed to parse ${entry.key}= value '${raw}' (${why}).`));
    } else warn(`Failed to parse ${entry.key}= value '${raw}' (${why}), ignoring.`);
    return;
  }
  try {
    const fail = (message: string): void => {
      opts.failed = true;
      opts.report(at(entry, unit, 'error', 'bad-setting', message));
    };
    const unsupported = (message: string): void => opts.report(at(entry, unit, 'warning', 'unsupported', message));
    row.apply(unit, parsed.data, { entry, text: value, expand: opts.expand, warn, fail, unsupported });
  } catch (e) {
    if (!(e instanceof SpecifierError)) throw e;
    warn(`Failed to resolve unit specifiers in ${entry.key}=${raw}, ignoring: ${e.message}`);
  }
}
