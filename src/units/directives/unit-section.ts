// [Unit] directives (systemd.unit(5)).

import { parseCondition } from '../condition.js';
import type { Unit, UnitSection } from '../model.js';
import { type DirectiveRow, row, supportUnless } from './row.js';
import { addUnitNames, quotedWords, unitNames } from './list-values.js';
import { boolean, grammar, text, timeSpan, timeSpanZeroInfinity, unsigned, oneOf } from './value-schemas.js';

type DepKey = 'requires' | 'requisite' | 'wants' | 'bindsTo' | 'partOf' | 'upholds' | 'conflicts' | 'before' | 'after' | 'onFailure' | 'onSuccess' | 'propagatesReloadTo' | 'reloadPropagatedFrom';

/**
 * A dependency list. It has no reset: in systemd 252 an empty value adds nothing and leaves the
 * list as it was (config_parse_unit_deps() just finds no word), unlike Environment= or
 * Condition*=; `systemd --test` shows "After=" in a drop-in keeping the fragment's After=.
 */
function dep(name: string, key: DepKey | undefined, extra: Partial<DirectiveRow<string[]>> = {}): DirectiveRow<string[]> {
  return row<string[]>({
    name, section: 'Unit', schema: unitNames, support: key ? 'implemented' : 'ignored', specifiers: 'words',
    apply: (u, names, ctx) => {
      if (key) addUnitNames(u.unit[key], names, ctx);
      else addUnitNames([], names, ctx); // still validated
    },
    ...extra,
  });
}

type BoolKey = 'defaultDependencies' | 'stopWhenUnneeded' | 'refuseManualStart' | 'refuseManualStop' | 'allowIsolate' | 'ignoreOnIsolate';
/** `unsupported`: why tsd does not act on it yet (the row's note), or nothing when it does. */
function flag(name: string, key: BoolKey, unsupported?: string): DirectiveRow<boolean> {
  return row({
    name, section: 'Unit', schema: boolean, specifiers: 'none', apply: (u, v) => { u.unit[key] = v; },
    ...supportUnless(unsupported, 'implemented'),
  });
}

/** Emergency actions (StartLimitAction=, FailureAction=, ...). */
export const emergencyAction = oneOf('emergency action', [
  'none', 'reboot', 'reboot-force', 'reboot-immediate', 'poweroff', 'poweroff-force', 'poweroff-immediate',
  'exit', 'exit-force', 'soft-reboot', 'soft-reboot-force', 'kexec', 'kexec-force', 'halt', 'halt-force', 'halt-immediate',
] as const);
type ActionKey = 'startLimitAction' | 'failureAction' | 'successAction';
function action(name: string, key: ActionKey | undefined, section: 'Unit' | 'Service' = 'Unit', unsupported?: string): DirectiveRow<string> {
  return row({
    name, section, schema: emergencyAction, specifiers: 'none',
    apply: (u, v) => { if (key) u.unit[key] = v; },
    ...supportUnless(unsupported, key ? 'implemented' : 'ignored'),
  });
}

const NO_EMERGENCY_ACTIONS = 'nothing happens: the unit only fails or stops as usual';

const CONDITIONS = [
  'PathExists', 'PathExistsGlob', 'PathIsDirectory', 'PathIsSymbolicLink', 'PathIsMountPoint', 'PathIsReadWrite',
  'PathIsEncrypted', 'DirectoryNotEmpty', 'FileNotEmpty', 'FileIsExecutable', 'NeedsUpdate', 'FirstBoot',
  'Architecture', 'Firmware', 'Virtualization', 'Host', 'KernelCommandLine', 'KernelVersion', 'Credential',
  'Security', 'Capability', 'ACPower', 'Memory', 'CPUFeature', 'CPUs', 'Environment', 'User', 'Group',
  'ControlGroupController', 'OSRelease', 'MemoryPressure', 'CPUPressure', 'IOPressure',
] as const;
/** Conditions systemd 252 has as Condition* only (no Assert* twin). */
const CONDITION_ONLY = new Set(['Firmware']);

function condition(kind: 'Condition' | 'Assert', what: string): DirectiveRow<string> {
  const key = `${kind}${what}`;
  return row({
    name: key, section: 'Unit', schema: text, support: 'implemented', specifiers: 'value',
    apply: (u, v, ctx) => {
      const c = parseCondition(key, v, ctx.entry);
      if (typeof c === 'string') ctx.warn(c);
      else u.unit.conditions.push(c);
    },
    // "If any of these options is assigned the empty string, the list of conditions is reset completely"
    reset: (u) => { u.unit.conditions = u.unit.conditions.filter((c) => c.isAssert !== (kind === 'Assert')); },
  });
}

function setUnit<K extends keyof UnitSection>(u: Unit, k: K, v: UnitSection[K]): void {
  u.unit[k] = v;
}

export const UNIT_SECTION: DirectiveRow[] = [
  row({ name: 'Description', section: 'Unit', schema: text, support: 'implemented', specifiers: 'value',
    apply: (u, v) => { u.unit.description = v; }, reset: (u) => { delete u.unit.description; } }),
  row({ name: 'Documentation', section: 'Unit', schema: quotedWords, support: 'implemented', specifiers: 'value',
    apply: (u, v, ctx) => {
      for (const url of v) {
        // "Takes a space-separated list of URIs ... http://, https://, file:, info:, man:"
        if (/^(https?:\/\/|file:|info:|man:)/.test(url)) u.unit.documentation.push(url);
        else ctx.warn(`Invalid URL, ignoring: ${url}`);
      }
    },
    reset: (u) => { u.unit.documentation = []; } }),
  row({ name: 'SourcePath', section: 'Unit', schema: grammar('absolute path', (v) => (v.startsWith('/') ? v : undefined)), support: 'ignored', specifiers: 'value', apply: () => {}, reset: () => {} }),
  dep('Requires', 'requires'),
  dep('Requisite', 'requisite'),
  dep('Wants', 'wants'),
  dep('BindsTo', 'bindsTo'),
  dep('BindTo', 'bindsTo', { replacedBy: 'BindsTo' }),
  dep('Upholds', 'upholds'),
  dep('Conflicts', 'conflicts'),
  dep('Before', 'before'),
  dep('After', 'after'),
  dep('OnSuccess', 'onSuccess'),
  dep('OnFailure', 'onFailure'),
  dep('PropagatesReloadTo', 'propagatesReloadTo'),
  dep('PropagateReloadTo', 'propagatesReloadTo', { replacedBy: 'PropagatesReloadTo' }),
  dep('ReloadPropagatedFrom', 'reloadPropagatedFrom'),
  dep('PropagateReloadFrom', 'reloadPropagatedFrom', { replacedBy: 'ReloadPropagatedFrom' }),
  dep('PropagatesStopTo', undefined, { support: 'stored' }),
  dep('StopPropagatedFrom', undefined, { support: 'stored' }),
  dep('PartOf', 'partOf'),
  dep('JoinsNamespaceOf', undefined, { support: 'sandbox', note: 'namespaces are the container\'s' }),
  dep('RequiresOverridable', 'requires', { obsolete: 'Unit dependency type RequiresOverridable= is obsolete, replacing by Requires=, please update your unit file' }),
  dep('RequisiteOverridable', 'requisite', { obsolete: 'Unit dependency type RequisiteOverridable= is obsolete, replacing by Requisite=, please update your unit file' }),
  // No mount units in a container: the paths are checked, the dependencies not created.
  row({ name: 'RequiresMountsFor', section: 'Unit', schema: quotedWords, support: 'ignored', specifiers: 'value',
    apply: (_u, v, ctx) => { for (const p of v) if (!p.startsWith('/')) ctx.warn(`RequiresMountsFor= path is not absolute, ignoring: ${p}`); } }),
  flag('StopWhenUnneeded', 'stopWhenUnneeded', 'the unit keeps running when nothing needs it any more'),
  flag('RefuseManualStart', 'refuseManualStart'),
  flag('RefuseManualStop', 'refuseManualStop'),
  flag('AllowIsolate', 'allowIsolate'),
  flag('DefaultDependencies', 'defaultDependencies'),
  flag('IgnoreOnIsolate', 'ignoreOnIsolate'),
  row({ name: 'OnSuccessJobMode', section: 'Unit', schema: oneOf('job mode', ['fail', 'replace', 'replace-irreversibly', 'isolate', 'flush', 'ignore-dependencies', 'ignore-requirements'] as const), support: 'stored', specifiers: 'none', apply: () => {} }),
  row({ name: 'OnFailureJobMode', section: 'Unit', schema: oneOf('job mode', ['fail', 'replace', 'replace-irreversibly', 'isolate', 'flush', 'ignore-dependencies', 'ignore-requirements'] as const), support: 'stored', specifiers: 'none', apply: () => {} }),
  row({ name: 'OnFailureIsolate', section: 'Unit', schema: boolean, support: 'stored', specifiers: 'none', apply: () => {}, replacedBy: 'OnFailureJobMode' }),
  row({ name: 'IgnoreOnSnapshot', section: 'Unit', schema: text, support: 'legacy', specifiers: 'none', apply: () => {} }),
  row({ name: 'JobTimeoutSec', section: 'Unit', schema: timeSpanZeroInfinity, support: 'unsupported', specifiers: 'none',
    note: 'a job waits as long as its unit\'s own start and stop timeouts let it', apply: (u, v) => { u.unit.jobTimeoutSec = v; } }),
  row({ name: 'JobRunningTimeoutSec', section: 'Unit', schema: timeSpanZeroInfinity, support: 'stored', specifiers: 'none', apply: () => {} }),
  action('JobTimeoutAction', undefined),
  row({ name: 'JobTimeoutRebootArgument', section: 'Unit', schema: text, support: 'ignored', specifiers: 'value', apply: () => {} }),
  row({ name: 'StartLimitIntervalSec', section: 'Unit', schema: timeSpan, support: 'implemented', specifiers: 'none',
    apply: (u, v) => setUnit(u, 'startLimitIntervalSec', v) }),
  row({ name: 'StartLimitInterval', section: 'Unit', schema: timeSpan, support: 'implemented', specifiers: 'none',
    apply: (u, v) => setUnit(u, 'startLimitIntervalSec', v), replacedBy: 'StartLimitIntervalSec' }),
  row({ name: 'StartLimitBurst', section: 'Unit', schema: unsigned, support: 'implemented', specifiers: 'none',
    apply: (u, v) => setUnit(u, 'startLimitBurst', v) }),
  action('StartLimitAction', 'startLimitAction', 'Unit', NO_EMERGENCY_ACTIONS),
  action('FailureAction', 'failureAction', 'Unit', NO_EMERGENCY_ACTIONS),
  action('SuccessAction', 'successAction', 'Unit', NO_EMERGENCY_ACTIONS),
  row({ name: 'FailureActionExitStatus', section: 'Unit', schema: grammar('exit status', (v) => (/^[0-9]+$/.test(v) && Number(v) <= 255 ? Number(v) : undefined)), support: 'stored', specifiers: 'none', apply: () => {}, reset: () => {} }),
  row({ name: 'SuccessActionExitStatus', section: 'Unit', schema: grammar('exit status', (v) => (/^[0-9]+$/.test(v) && Number(v) <= 255 ? Number(v) : undefined)), support: 'stored', specifiers: 'none', apply: () => {}, reset: () => {} }),
  row({ name: 'RebootArgument', section: 'Unit', schema: text, support: 'ignored', specifiers: 'value', apply: () => {} }),
  row({ name: 'CollectMode', section: 'Unit', schema: oneOf('collect mode', ['inactive', 'inactive-or-failed'] as const), support: 'ignored', specifiers: 'none', apply: () => {} }),
  ...CONDITIONS.map((c) => condition('Condition', c)),
  ...CONDITIONS.filter((c) => !CONDITION_ONLY.has(c)).map((c) => condition('Assert', c)),
];

