// A unit with every setting at systemd's default, before any file is applied.
// Defaults from systemd.service(5), systemd.exec(5), systemd.kill(5).

import type { ExecContext, KillContext, ServiceSection, Unit, UnitType } from './model.js';
import { unitTypeOf } from './unit-name.js';

/** Unit types whose units run processes and so have an execution and kill context. */
const EXECUTING_TYPES: ReadonlySet<UnitType> = new Set<UnitType>(['service', 'socket', 'mount', 'swap']);

export function newServiceSection(): ServiceSection {
  return {
    type: 'simple',
    execCondition: [], execStartPre: [], execStart: [], execStartPost: [],
    execReload: [], execStop: [], execStopPost: [],
    remainAfterExit: false,
    guessMainPID: true,
    restart: 'no',
    successExitStatus: { statuses: [], signals: [] },
    restartPreventExitStatus: { statuses: [], signals: [] },
    restartForceExitStatus: { statuses: [], signals: [] },
    sockets: [],
    fileDescriptorStoreMax: 0,
  };
}

export function newExecContext(): ExecContext {
  return {
    supplementaryGroups: [],
    environment: [],
    environmentFiles: [],
    unsetEnvironment: [],
    passEnvironment: [],
    limits: {},
    standardInput: 'null',
    standardOutput: 'journal',
    standardError: 'inherit',
    syslogLevel: 6,
    syslogLevelPrefix: true,
    runtimeDirectory: [],
    stateDirectory: [],
    cacheDirectory: [],
    logsDirectory: [],
    configurationDirectory: [],
    runtimeDirectoryPreserve: 'no',
    directorySymlinks: {},
  };
}

export function newKillContext(): KillContext {
  return {
    killMode: 'control-group',
    killSignal: 15, // SIGTERM
    finalKillSignal: 9, // SIGKILL
    watchdogSignal: 6, // SIGABRT
    sendSIGKILL: true,
    sendSIGHUP: false,
  };
}

/** A fully defaulted unit of the type named by the suffix ("foo.service" -> service). */
export function newUnit(name: string): Unit {
  const type = unitTypeOf(name) ?? (name.slice(name.lastIndexOf('.') + 1) as UnitType);
  const unit: Unit = {
    name,
    type,
    names: [name],
    loadState: 'loaded',
    dropInPaths: [],
    builtin: false,
    unit: {
      documentation: [],
      requires: [], requisite: [], wants: [], bindsTo: [], partOf: [], upholds: [],
      conflicts: [], before: [], after: [], onFailure: [], onSuccess: [],
      propagatesReloadTo: [], reloadPropagatedFrom: [],
      defaultDependencies: true,
      stopWhenUnneeded: false,
      refuseManualStart: false,
      refuseManualStop: false,
      allowIsolate: false,
      ignoreOnIsolate: false,
      conditions: [],
    },
    install: { wantedBy: [], requiredBy: [], alias: [], also: [] },
    other: {},
  };
  const at = name.indexOf('@');
  const dot = name.lastIndexOf('.');
  if (at >= 0 && at + 1 < dot) {
    unit.template = `${name.slice(0, at + 1)}${name.slice(dot)}`;
    unit.instance = name.slice(at + 1, dot);
  }
  if (type === 'service') unit.service = newServiceSection();
  if (EXECUTING_TYPES.has(type)) {
    unit.exec = newExecContext();
    unit.kill = newKillContext();
  }
  return unit;
}
