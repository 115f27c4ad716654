// The shape of one row of the directive table: systemd's load-fragment-gperf idea (one line per
// directive: section, parser, destination) with a zod schema as the parser.

import type { ValueSchema } from './value-schemas.js';
import type { Unit } from '../model.js';
import type { UnitFileEntry } from '../unit-file-syntax.js';

/**
 * - implemented: tsd acts on it: the value reaches the manager (src/manager, src/daemon, native/),
 *   or, for [Install] and PermissionsStartOnly=, the loader that applies it.
 *   tests/units/directive-table.test.ts pins the list and checks that each destination is read.
 * - unsupported: accepted and validated; tsd does not act on it yet, although a service may
 *   rely on it (a watchdog, a runtime limit, socket activation...). Warned ONCE per unit and
 *   directive, at its file:line, with `note` saying what tsd does instead (unsupportedMessage()).
 * - sandbox: accepted with ONE warning; "the container is the sandbox", ignoring it only loosens the service.
 * - ignored: accepted silently (meaningless in a container, or a compatibility no-op in systemd too).
 * - stored: validated and kept until the unit type's behaviour exists (sockets, timers..., and the
 *   execution settings of those types).
 * - legacy: removed from systemd, which warns "Support for option X= has been removed and it is ignored".
 */
export type SupportLevel = 'implemented' | 'unsupported' | 'sandbox' | 'ignored' | 'stored' | 'legacy';

export type SectionName =
  | 'Unit' | 'Install' | 'Service' | 'Socket' | 'Timer' | 'Path' | 'Mount' | 'Automount' | 'Swap' | 'Slice' | 'Scope';

export interface ApplyContext {
  entry: UnitFileEntry;
  /** the value as written, after specifier expansion when the row's `specifiers` is 'value' */
  text: string;
  /** expands unit specifiers; throws SpecifierError */
  expand(text: string): string;
  /** reports a problem with (part of) the value, attributed to the entry's file and line */
  warn(message: string): void;
  /** reports a problem that makes the unit unusable (systemd: "bad-setting"), e.g. a broken Exec line */
  fail(message: string): void;
  /** reports a value systemd accepts that tsd does not act on yet (code 'unsupported') */
  unsupported(message: string): void;
}

export interface DirectiveRow<T = any> {
  name: string;
  section: SectionName;
  /** parses the value (after specifier expansion when `specifiers` is 'value') */
  schema: ValueSchema<T>;
  support: SupportLevel;
  /**
   * 'value': specifiers are expanded in the whole value before parsing;
   * 'words': apply() expands them per word (lists, Exec lines, Environment=);
   * 'none': the value is used as written.
   */
  specifiers: 'value' | 'words' | 'none';
  /** stores the parsed value in the unit */
  apply(unit: Unit, value: T, ctx: ApplyContext): void;
  /** an empty value ("Key=") resets the setting to its default / empties the list */
  reset?(unit: Unit): void;
  /** for deprecated spellings: the name systemd 252 documents instead */
  replacedBy?: string;
  /** systemd warns on every use with this message (and still applies the value) */
  obsolete?: string;
  /** a value systemd cannot parse makes the unit unusable ("bad-setting"), e.g. WorkingDirectory= */
  fatal?: boolean;
  /** why it is not implemented, for the one warning (sandbox); what tsd does instead (unsupported: required) */
  note?: string;
}

/**
 * The one warning of an 'unsupported' directive, in the words systemd uses for options it
 * ignores ("Support for option X= has been removed and it is ignored"), with what tsd does instead.
 */
export function unsupportedMessage(key: string, note: string | undefined): string {
  return `Support for option ${key}= is not implemented in tsd yet and it is ignored${note ? ` (${note})` : ''}.`;
}

/**
 * Execution, kill and cgroup settings are shared by [Service], [Socket], [Mount], [Swap] and
 * [Scope]; only services run: in the other sections what a service implements is 'stored'.
 */
export function supportIn(section: SectionName, support: SupportLevel): SupportLevel {
  return section !== 'Service' && (support === 'implemented' || support === 'unsupported') ? 'stored' : support;
}

/**
 * A row's support level: 'unsupported', with `unsupported` as its note (what tsd does instead),
 * when that is given; `otherwise` when not.
 */
export function supportUnless(unsupported: string | undefined, otherwise: SupportLevel): Pick<DirectiveRow, 'support' | 'note'> {
  return unsupported ? { support: 'unsupported', note: unsupported } : { support: otherwise };
}

/** A helper so rows are type-checked against their schema's output type. */
export function row<T>(r: DirectiveRow<T>): DirectiveRow<T> {
  return r;
}
