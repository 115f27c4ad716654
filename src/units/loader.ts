// The unit loader: from a unit name to a fully resolved Unit (fragment, drop-ins, aliases,
// masks, templates, .wants/.requires, enablement, default dependencies). Loading is a pure
// function of the files: the same files give the same units (daemon-reload can diff them).
// load() never throws: problems become `diagnostics` and the unit's loadState.

import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { Diagnostic, Unit } from './model.js';
import { newUnit } from './defaults.js';
import { parseUnitFileText } from './unit-file-syntax.js';
import { applyUnitFile, type ApplyOptions } from './apply-directives.js';
import { sectionAllowed } from './directives/table.js';
import { expandSpecifiers, systemSpecifierContext, type SpecifierContext } from './specifiers.js';
import { UnitDirectories } from './unit-directories.js';
import { findDropIns } from './drop-ins.js';
import { resolveSearchPath } from './search-path.js';
import { BUILTIN_ALIASES, SPECIAL_TARGETS } from './special-targets.js';
import { addDefaultDependencies, addImplicitDependencies } from './default-dependencies.js';
import { enableDirectories, enabledAliasTarget, type Enablement } from './install-enablement.js';
import { checkService } from './service-checks.js';
import { checkTriggerUnit } from './trigger-unit-checks.js';
import { checkMountPoint, mountPointLoadFailure } from './mount-checks.js';
import { instantiate, parseUnitName, templateOf } from './unit-name.js';
import { buildAliasIndex, canonicalIndexOf, canonicalizeDependencies } from './alias-index.js';
import { addWantsDirectories } from './wants-directories.js';
import { listUnitFileStates, type UnitFileListEntry } from './unit-file-states.js';

export type { UnitFileListEntry } from './unit-file-states.js';

export { resolveSearchPath } from './search-path.js';


export interface LoaderOptions {
  /** highest precedence first; default: systemd's system unit path */
  searchPath?: string[];
  /** dirs whose units count as enabled by their [Install] section (--unit-path dirs) */
  installEnabledDirs?: string[];
  /** like systemd-analyze --root: prefix for search paths and binaries */
  root?: string;
  /** hostname, machine id, boot id, ... (defaults read from the system) */
  specifiers?: Partial<SpecifierContext>;
  /** also record 'info' diagnostics for ignored and deprecated directives (tsd verify); default false */
  notes?: boolean;
}


function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export class UnitLoader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly cache = new Map<string, Unit>();
  /** names whose loading is under way (alias chains) */
  private readonly resolving = new Set<string>();
  private readonly dirs: UnitDirectories;
  private readonly spec: SpecifierContext;
  /** the --root prefix ('' for none) */
  readonly root: string;
  private readonly enabledDirs: string[];
  private readonly notes: boolean;
  private enablement: Enablement | undefined;
  /** canonical name -> alias names (symlinks in the search path, Alias= of enabled units, builtins) */
  private aliasIndex: Map<string, string[]> | undefined;

  constructor(options: LoaderOptions = {}) {
    this.root = options.root ? posix.resolve(options.root).replace(/\/$/, '') : '';
    const search = options.searchPath ?? resolveSearchPath({});
    this.dirs = new UnitDirectories(search.map((d) => this.underRoot(d)), this.root);
    this.enabledDirs = (options.installEnabledDirs ?? []).map((d) => this.underRoot(d));
    this.spec = systemSpecifierContext(this.root, options.specifiers);
    this.notes = options.notes ?? false;
  }

  private underRoot(dir: string): string {
    const abs = posix.resolve(dir);
    return this.root ? `${this.root}${abs === '/' ? '' : abs}` : abs;
  }

  /** The unit search path as used (root-prefixed). */
  get searchPath(): readonly string[] {
    return this.dirs.dirs;
  }

  /**
   * Why a directory (as given, under the root) cannot be listed for units: an error code such
   * as ENOENT or ENOTDIR; undefined if it can. Listed once, as loading lists it anyway.
   */
  directoryError(dir: string): string | undefined {
    return this.dirs.listingError(this.underRoot(dir));
  }

  /** A path as seen inside the root (what `systemctl cat --root` shows). */
  displayPath(path: string): string {
    return this.dirs.inRoot(path);
  }

  /** Every unit loaded so far, each once. */
  loadedUnits(): Unit[] {
    return [...new Set(this.cache.values())];
  }

  load(name: string): Unit {
    const cached = this.cache.get(name);
    if (cached) return cached;
    // Symlinks pointing at each other ("a -> b", "b -> a") would otherwise recurse forever.
    if (this.resolving.has(name)) return this.notFound(name, `Unit ${name} is part of a symlink loop.`);
    this.resolving.add(name);
    try {
      return this.loadUncached(name);
    } catch (e) {
      // Defensive: a bug must not take PID 1 down with it.
      const u = newUnit(name);
      u.loadState = 'error';
      u.loadError = `Internal error while loading: ${(e as Error).message}`;
      this.report({ severity: 'error', message: u.loadError, unit: name });
      this.cache.set(name, u);
      return u;
    } finally {
      this.resolving.delete(name);
    }
  }

  private report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  private loadUncached(name: string): Unit {
    const parsed = parseUnitName(name);
    if (!parsed) return this.notFound(name, `Invalid unit name "${name}"`);
    const template = templateOf(name);
    let found = this.dirs.find(name);
    let viaTemplate = false;
    if (!found && template) {
      found = this.dirs.find(template);
      viaTemplate = found !== undefined;
    }
    if (!found) {
      const alias = enabledAliasTarget(this.enablementOf(), name) ?? (SPECIAL_TARGETS[name] ? undefined : BUILTIN_ALIASES[name]);
      if (alias && alias !== name) return this.viaAlias(name, alias);
      if (SPECIAL_TARGETS[name]) return this.builtinTarget(name);
      return this.notFound(name, `Unit ${name} not found.`);
    }
    let fragment = found.entry.path;
    if (found.entry.kind === 'symlink') {
      const r = this.dirs.resolve(found.entry.path);
      if (r.masked) return this.masked(name, found.entry.path);
      const target = basename(r.path);
      const tp = parseUnitName(target);
      if (r.dangling) {
        // "default.target -> .../graphical.target" may name a unit tsd synthesises.
        if (tp && tp.type === parsed.type && target !== found.entry.name && !viaTemplate) return this.viaAlias(name, target);
        return this.notFound(name, `Unit ${name} is a dangling symlink to ${this.dirs.inRoot(r.path)}.`);
      }
      if (tp && tp.type === parsed.type && target !== found.entry.name) {
        // A symlink to another unit name is an alias: the unit is loaded under the target's name.
        // An instance linked to a template ("bar@y.service -> foo@.service", what
        // `systemctl enable foo@y.service` makes for Alias=bar@.service) is that instance: foo@y.
        const canonical = parsed.instance && tp.instance === '' ? instantiate(target, parsed.instance) : target;
        if (!viaTemplate || tp.instance === '') {
          if (canonical !== name) return this.viaAlias(name, canonical);
        }
      }
      fragment = r.path;
    }
    return this.fromFragment(name, fragment);
  }

  private viaAlias(name: string, canonical: string): Unit {
    const u = this.load(canonical);
    this.cache.set(name, u);
    if (!u.names.includes(name)) u.names.push(name);
    return u;
  }

  private notFound(name: string, why: string): Unit {
    const u = newUnit(name);
    u.loadState = 'not-found';
    u.loadError = why;
    this.cache.set(name, u);
    return u;
  }

  private masked(name: string, linkPath: string): Unit {
    const u = newUnit(name);
    u.loadState = 'masked';
    u.loadError = `Unit ${name} is masked.`;
    u.fragmentPath = linkPath;
    this.cache.set(name, u);
    return u;
  }

  private builtinTarget(name: string): Unit {
    const u = newUnit(name);
    u.builtin = true;
    const spec = SPECIAL_TARGETS[name]!;
    Object.assign(u.unit, structuredClone(spec));
    u.names = this.namesOf(name);
    for (const n of u.names) this.cache.set(n, u);
    this.finalize(u, undefined);
    return u;
  }

  private namesOf(canonical: string): string[] {
    const aliases = this.aliasesIndex().get(canonical) ?? [];
    const tpl = templateOf(canonical);
    const inst = parseUnitName(canonical)?.instance;
    const fromTemplate = tpl && inst ? (this.aliasesIndex().get(tpl) ?? []).map((a) => instantiate(a, inst)) : [];
    return [canonical, ...[...new Set([...aliases, ...fromTemplate])].filter((a) => a !== canonical).sort()];
  }

  private fromFragment(name: string, fragment: string): Unit {
    const u = newUnit(name);
    u.fragmentPath = fragment;
    u.names = this.namesOf(name);
    for (const n of u.names) this.cache.set(n, u);
    let text = '';
    try {
      text = readFileSync(fragment, 'utf8');
    } catch (e) {
      u.loadState = 'error';
      u.loadError = `Failed to read ${fragment}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
      this.report({ severity: 'error', message: u.loadError, unit: name, file: fragment });
      return u;
    }
    // An empty unit file counts as masked, like a symlink to /dev/null.
    if (text.length === 0) {
      u.loadState = 'masked';
      u.loadError = `Unit ${name} is masked (empty file).`;
      return u;
    }
    const specUnit = { name, fragmentPath: this.dirs.inRoot(fragment) };
    const opts: ApplyOptions = {
      expand: (s) => expandSpecifiers(s, specUnit, this.spec),
      report: (d) => this.report(d),
      sandbox: [],
      failed: false,
      notes: this.notes,
      seen: new Set(),
    };
    const sectionKnown = (section: string): boolean => sectionAllowed(u.type, section);
    applyUnitFile(u, parseUnitFileText(text, fragment, name, { sectionKnown }), opts);
    for (const d of findDropIns(this.dirs, u.names)) {
      let dtext = '';
      try {
        if (!d.masked) dtext = readFileSync(d.path, 'utf8');
      } catch (e) {
        this.report({ severity: 'warning', message: `Failed to read drop-in ${d.path}: ${(e as NodeJS.ErrnoException).code ?? ''}`, unit: name, file: d.path });
        continue;
      }
      u.dropInPaths.push(d.path);
      applyUnitFile(u, parseUnitFileText(dtext, d.path, name, { sectionKnown }), opts);
    }
    this.finalize(u, opts);
    return u;
  }

  /** Checks, implicit/default dependencies, .wants/.requires and enablement: after all files. */
  private finalize(u: Unit, opts: ApplyOptions | undefined): void {
    if (opts && opts.sandbox.length > 0) {
      const first = opts.sandbox[0]!;
      const keys = [...new Set(opts.sandbox.map((s) => `${s.key}=`))];
      this.report({
        severity: 'warning', code: 'sandbox', unit: u.name, file: first.file, line: first.line,
        message: `Ignoring ${keys.join(', ')}: sandboxing and resource control are left to the container.`,
      });
    }
    if (u.service && opts?.seen && !opts.seen.has('Service.Type')) {
      // Type= unset: "dbus" if BusName= is set, "oneshot" if there is no ExecStart=, else "simple".
      if (u.service.busName) u.service.type = 'dbus';
      else if (u.service.execStart.length === 0) u.service.type = 'oneshot';
    }
    if (u.service?.permissionsStartOnly) {
      // "PermissionsStartOnly=yes": only ExecStart= runs with User=/Group= and sandboxing.
      const s = u.service;
      for (const list of [s.execCondition, s.execStartPre, s.execStartPost, s.execReload, s.execStop, s.execStopPost]) {
        for (const c of list) if (!c.noSetuid && !c.ambientFallback) c.fullPrivileges = true;
      }
    }
    // The order systemd fails in: an unparsable file, a fatal setting, then service_verify().
    const loadFailure = mountPointLoadFailure(u);
    if (opts?.broken) {
      u.loadState = 'error';
      u.loadError = `Unit ${u.name} failed to load properly, please adjust/correct and reload service manager: Bad message`;
    } else if (opts?.failed) {
      u.loadState = 'bad-setting';
      u.loadError = `Unit ${u.name} has a bad unit file setting.`;
    } else if (loadFailure) {
      u.loadState = 'error';
      u.loadError = `Unit ${u.name} failed to load properly, please adjust/correct and reload service manager: ${loadFailure}`;
    } else {
      const problem = checkService(u) ?? checkTriggerUnit(u) ?? checkMountPoint(u);
      if (problem) {
        this.report({ severity: 'error', code: 'bad-setting', message: problem, unit: u.name, ...(u.fragmentPath ? { file: u.fragmentPath } : {}) });
        u.loadState = 'bad-setting';
        u.loadError = problem;
      }
    }
    addWantsDirectories(this.dirs, u, (d) => this.report(d));
    const en = this.enablementOf();
    for (const n of u.names) {
      for (const w of en.wants.get(n) ?? []) if (w !== u.name && !u.unit.wants.includes(w)) u.unit.wants.push(w);
      for (const w of en.requires.get(n) ?? []) if (w !== u.name && !u.unit.requires.includes(w)) u.unit.requires.push(w);
    }
    // Dependencies name units canonically, as systemd resolves aliases when it adds a dependency.
    canonicalizeDependencies(u, (n) => this.canonicalName(n));
    addImplicitDependencies(u);
    // A target is ordered after what it pulls in, unless that unit has DefaultDependencies=no
    // or is already ordered after the target.
    addDefaultDependencies(u, (other) => {
      const o = this.load(other);
      return o.unit.defaultDependencies && !o.unit.after.some((a) => u.names.includes(a));
    });
  }

  /** The canonical name of a unit name, following alias links (and template alias links for instances). */
  canonicalName(name: string): string {
    const canon = this.canonicalIndex();
    const direct = canon.get(name);
    if (direct) return direct;
    const tpl = templateOf(name);
    const inst = parseUnitName(name)?.instance;
    if (tpl && inst) {
      const t = canon.get(tpl);
      if (t) return instantiate(t, inst);
    }
    return name;
  }

  private canonicalByAlias: Map<string, string> | undefined;
  private canonicalIndex(): Map<string, string> {
    this.canonicalByAlias ??= canonicalIndexOf(this.aliasesIndex());
    return this.canonicalByAlias;
  }

  private enablementOf(): Enablement {
    if (this.enablement) return this.enablement;
    const files: Array<{ name: string; path: string; shownPath: string }> = [];
    for (const dir of this.enabledDirs) {
      for (const e of [...this.dirs.list(dir).values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if ((e.kind !== 'file' && e.kind !== 'symlink') || !parseUnitName(e.name)) continue;
        const r = e.kind === 'symlink' ? this.dirs.resolve(e.path) : { path: e.path, masked: false, dangling: false };
        if (r.masked || r.dangling) continue;
        files.push({ name: e.name, path: r.path, shownPath: r.path });
      }
    }
    this.enablement = { wants: new Map(), requires: new Map(), aliases: new Map() };
    this.enablement = enableDirectories(files, (n) => {
      const f = this.dirs.find(n) ?? (templateOf(n) ? this.dirs.find(templateOf(n)!) : undefined);
      return f ? { path: f.entry.path, shownPath: f.entry.path } : undefined;
    }, this.spec);
    return this.enablement;
  }

  private aliasesIndex(): Map<string, string[]> {
    this.aliasIndex ??= buildAliasIndex(this.dirs, this.enablementOf().aliases);
    return this.aliasIndex;
  }

  /** Like `systemctl list-unit-files`: every unit file of the search path with its state. */
  listUnitFiles(): UnitFileListEntry[] {
    return listUnitFileStates(this.dirs, this.enablementOf(), this.aliasesIndex(), this.spec);
  }
}
