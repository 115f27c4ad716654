import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allDirectives, findDirective } from '../../src/units/directives/table.js';
import { type DirectiveRow, unsupportedMessage } from '../../src/units/directives/row.js';
import { newUnit } from '../../src/units/defaults.js';
import { UnitLoader } from '../../src/units/loader.js';
import { unitTree } from './unit-tree.js';

/** Loads one service whose [Service] section holds `lines`; its diagnostics and the unit. */
function loadService(lines: string) {
  const root = unitTree({ 'lib/t.service': `[Unit]\nDescription=t\n[Service]\nExecStart=/bin/true\n${lines}\n` });
  const loader = new UnitLoader({ searchPath: [`${root}/lib`], specifiers: { hostname: 'h' } });
  const unit = loader.load('t.service');
  return { unit, diagnostics: loader.diagnostics.filter((d) => d.unit === 't.service') };
}

describe('the directive table', () => {
  it('has one row per Section.Key', () => {
    const keys = allDirectives().map((d) => `${d.section}.${d.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    ['Unit', ['Description', 'Documentation', 'After', 'Before', 'Requires', 'Wants', 'BindsTo', 'PartOf', 'Conflicts', 'Requisite', 'Upholds', 'OnFailure', 'OnSuccess', 'DefaultDependencies', 'StartLimitIntervalSec', 'StartLimitBurst', 'ConditionPathExists', 'AssertPathExists', 'ConditionVirtualization', 'ConditionACPower', 'ConditionCapability', 'JobTimeoutSec', 'PropagatesReloadTo', 'ReloadPropagatedFrom', 'RequiresMountsFor', 'CollectMode']],
    ['Service', ['Type', 'ExecStart', 'ExecStartPre', 'ExecStartPost', 'ExecStop', 'ExecStopPost', 'ExecReload', 'ExecCondition', 'Restart', 'RestartSec', 'TimeoutSec', 'TimeoutStartSec', 'TimeoutStopSec', 'RemainAfterExit', 'PIDFile', 'BusName', 'NotifyAccess', 'WatchdogSec', 'User', 'Group', 'WorkingDirectory', 'Environment', 'EnvironmentFile', 'KillMode', 'KillSignal', 'SendSIGKILL', 'LimitNOFILE', 'LimitNPROC', 'RuntimeDirectory', 'StateDirectory', 'PrivateTmp', 'ProtectSystem', 'MemoryMax', 'TasksMax', 'StartLimitInterval', 'PermissionsStartOnly', 'ReadWriteDirectories', 'AmbientCapabilities', 'DynamicUser', 'OOMScoreAdjust', 'IgnoreSIGPIPE', 'StandardOutput', 'SyslogIdentifier', 'Slice']],
    ['Install', ['WantedBy', 'RequiredBy', 'Alias', 'Also', 'DefaultInstance']],
    ['Socket', ['ListenStream', 'ListenDatagram', 'Accept', 'SocketMode', 'Service', 'ExecStartPre', 'User', 'KillMode']],
    ['Timer', ['OnCalendar', 'OnBootSec', 'Persistent', 'RandomizedDelaySec', 'Unit', 'AccuracySec']],
    ['Path', ['PathExists', 'PathChanged', 'Unit', 'MakeDirectory']],
    ['Mount', ['What', 'Where', 'Type', 'Options']],
  ])('[%s] knows systemd\'s keys', (section, keys) => {
    for (const k of keys) expect(findDirective(section, k), `${section}.${k}`).toBeDefined();
  });

  it('marks the sandbox directives of the reference note "sandbox"', () => {
    for (const k of ['PrivateTmp', 'ProtectSystem', 'ProtectHome', 'PrivateDevices', 'CapabilityBoundingSet', 'ProtectControlGroups', 'ProtectKernelTunables', 'NoNewPrivileges', 'RestrictRealtime', 'RestrictNamespaces', 'LockPersonality', 'ProtectHostname', 'SystemCallArchitectures', 'ProtectClock', 'SystemCallFilter', 'RestrictAddressFamilies', 'MemoryDenyWriteExecute', 'RestrictSUIDSGID', 'PrivateUsers', 'ReadWritePaths', 'ProtectProc', 'RemoveIPC', 'DeviceAllow', 'TasksMax', 'MemoryLimit']) {
      expect(findDirective('Service', k)?.support, k).toBe('sandbox');
    }
  });

  it('implements what the manager needs', () => {
    for (const k of ['Type', 'ExecStart', 'Restart', 'User', 'Environment', 'EnvironmentFile', 'KillMode', 'TimeoutStopSec', 'PIDFile', 'NotifyAccess', 'RuntimeDirectory', 'LimitNOFILE']) {
      expect(findDirective('Service', k)?.support, k).toBe('implemented');
    }
  });

  it('every schema accepts its own documented example values', () => {
    const examples: Array<[string, string, string]> = [
      ['Service', 'TimeoutStopSec', '1min 30s'], ['Service', 'KillSignal', 'SIGRTMIN+3'], ['Service', 'UMask', '0027'],
      ['Service', 'LimitNOFILE', '1024:524288'], ['Service', 'SuccessExitStatus', '143 SIGTERM'], ['Service', 'Nice', '-5'],
      ['Service', 'StandardOutput', 'append:/var/log/x.log'], ['Service', 'SyslogLevel', 'warning'],
      ['Service', 'WorkingDirectory', '-~'], ['Service', 'ProtectSystem', 'strict'], ['Socket', 'ReceiveBuffer', '8M'],
    ];
    for (const [s, k, v] of examples) expect(findDirective(s, k)!.schema.safeParse(v).success, `${k}=${v}`).toBe(true);
  });

  it('a backslash in a dependency list escapes nothing (EXTRACT_RETAIN_ESCAPE): "foo\\ bar.service" is two words', () => {
    const root = unitTree({ 'lib/t.service': '[Unit]\nWants=foo\\ bar.service\n[Service]\nExecStart=/bin/true\n' });
    const loader = new UnitLoader({ searchPath: [`${root}/lib`], specifiers: { hostname: 'h' } });
    expect(loader.load('t.service').unit.wants).toContain('bar.service');
    expect(loader.diagnostics.map((d) => d.message)).toContain('Failed to add dependency on foo\\, ignoring: Invalid argument');
  });

  it('SuccessExitStatus= skips only the words it cannot read, each with a warning (config_parse_set_status())', () => {
    const { unit, diagnostics } = loadService('SuccessExitStatus=1 2 SIGUSR1 FOO 300');
    expect(unit.service!.successExitStatus).toEqual({ statuses: [1, 2], signals: [10] });
    expect(diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual(['5: Failed to parse value, ignoring: FOO', '5: Failed to parse value, ignoring: 300']);
  });
});

describe('support levels tell the truth', () => {
  const names = (section: string, support: string): string[] =>
    allDirectives().filter((d) => d.section === section && d.support === support).map((d) => d.name).sort();

  // Changing a row's support level means changing this list: 'implemented' is a promise.
  const IMPLEMENTED_SERVICE = [
    'CacheDirectory', 'CacheDirectoryMode', 'ConfigurationDirectory', 'ConfigurationDirectoryMode', 'Environment', 'EnvironmentFile',
    'ExecReload', 'ExecStart', 'ExecStartPost', 'ExecStartPre', 'ExecStop', 'ExecStopPost', 'FinalKillSignal', 'Group', 'GuessMainPID',
    'IgnoreSIGPIPE', 'KillMode', 'KillSignal', 'LimitAS', 'LimitCORE', 'LimitCPU', 'LimitDATA', 'LimitFSIZE', 'LimitLOCKS', 'LimitMEMLOCK',
    'LimitMSGQUEUE', 'LimitNICE', 'LimitNOFILE', 'LimitNPROC', 'LimitRSS', 'LimitRTPRIO', 'LimitRTTIME', 'LimitSIGPENDING', 'LimitSTACK',
    'LogsDirectory', 'LogsDirectoryMode', 'Nice', 'NotifyAccess', 'OOMScoreAdjust', 'PIDFile', 'PassEnvironment', 'PermissionsStartOnly',
    'RemainAfterExit', 'Restart', 'RestartForceExitStatus', 'RestartPreventExitStatus', 'RestartSec', 'RuntimeDirectory', 'RuntimeDirectoryMode',
    'RuntimeDirectoryPreserve', 'SendSIGHUP', 'SendSIGKILL', 'StandardError', 'StandardInput', 'StandardOutput', 'StartLimitBurst',
    'StartLimitInterval', 'StateDirectory', 'StateDirectoryMode', 'SuccessExitStatus', 'SupplementaryGroups', 'SyslogIdentifier', 'SyslogLevel',
    'SyslogLevelPrefix', 'TimeoutSec', 'TimeoutStartSec', 'TimeoutStopSec', 'Type', 'UMask', 'UnsetEnvironment', 'User', 'WorkingDirectory',
  ];
  const UNSUPPORTED_SERVICE = [
    'AmbientCapabilities', 'BusName', 'ExecCondition', 'FailureAction', 'FileDescriptorStoreMax', 'RestartKillSignal', 'RootDirectory',
    'RuntimeMaxSec', 'Sockets', 'StartLimitAction', 'TTYPath', 'TimeoutAbortSec', 'WatchdogSec', 'WatchdogSignal',
  ];

  it('pins the implemented [Service] rows', () => expect(names('Service', 'implemented')).toEqual(IMPLEMENTED_SERVICE));
  it('pins the unsupported [Service] rows, each saying what tsd does instead', () => {
    expect(names('Service', 'unsupported')).toEqual(UNSUPPORTED_SERVICE);
    for (const d of allDirectives().filter((r) => r.support === 'unsupported')) expect(d.note, d.name).toMatch(/\w{3,}/);
  });
  it('implements nothing of the unit types tsd does not run: their execution settings are stored', () => {
    for (const section of ['Socket', 'Mount', 'Swap', 'Scope']) {
      expect([...names(section, 'implemented'), ...names(section, 'unsupported')], section).toEqual([]);
    }
    expect(findDirective('Socket', 'ExecStartPre')?.support).toBe('stored');
  });

  /** What applying a value changes in a fresh unit: "service.restartSec", "exec.limits"... */
  function destinations(d: DirectiveRow): string[] {
    const candidates = ['/bin/true', 'yes', 'no', '5s', 'SIGUSR1', '0700', 'A=1', 'foo', 'simple', 'always', 'all', 'null', 'debug', 'process',
      '1 SIGUSR1', 'restart', '3', '1024', 'append:/tmp/x', 'root', '/etc/default/x', 'oneshot', 'tty', 'b.service', 'http://x'];
    for (const value of candidates) {
      const parsed = d.schema.safeParse(value);
      if (!parsed.success) continue;
      const unit = newUnit('t.service');
      const before = JSON.parse(JSON.stringify(unit)) as Record<string, Record<string, unknown>>;
      const entry = { section: d.section, key: d.name, value, file: 't.service', line: 1 };
      d.apply(unit, parsed.data, { entry, text: value, expand: (t) => t, warn: () => {}, fail: () => {}, unsupported: () => {} });
      const after = JSON.parse(JSON.stringify(unit)) as Record<string, Record<string, unknown>>;
      const changed = ['unit', 'service', 'exec', 'kill'].flatMap((part) => Object.keys({ ...before[part], ...after[part] })
        .filter((k) => JSON.stringify(before[part]?.[k]) !== JSON.stringify(after[part]?.[k])).map((k) => `${part}.${k}`));
      if (changed.length > 0) return changed;
    }
    return [];
  }
  const runtimeSources = ['src/manager', 'src/daemon', 'src/journal'].flatMap((dir) =>
    readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8'))).join('\n');
  /** Applied by the loader, not read at run time: PermissionsStartOnly= sets the "+" of the commands. */
  const APPLIED_BY_THE_LOADER = new Set(['PermissionsStartOnly']);

  it.each(IMPLEMENTED_SERVICE.filter((n) => !APPLIED_BY_THE_LOADER.has(n)))('[Service] %s= is read by the manager', (name) => {
    const fields = destinations(findDirective('Service', name)!);
    expect(fields, 'the row writes nothing').not.toEqual([]);
    for (const field of fields) expect(new RegExp(`\\b${field.split('.')[1]}\\b`).test(runtimeSources), `${name}= -> ${field}`).toBe(true);
  });

  // [Unit] rows marked 'implemented' whose value nothing at run time reads yet. Pinned so the
  // list can only shrink: what they say matters only to operations tsd has no client for yet
  // (isolate, a manual start or stop, showing the documentation); the control plane reads them.
  const UNIT_GAPS = ['AllowIsolate', 'Documentation', 'IgnoreOnIsolate', 'RefuseManualStart', 'RefuseManualStop'];
  it('knows which implemented [Unit] rows are not read by the manager yet', () => {
    const unread = names('Unit', 'implemented').filter((name) => {
      const fields = destinations(findDirective('Unit', name)!);
      return fields.length === 0 || fields.some((f) => !new RegExp(`\\b${f.split('.')[1]}\\b`).test(runtimeSources));
    });
    expect(unread).toEqual(UNIT_GAPS);
  });

  it('words the one warning of an unsupported directive like systemd\'s for ignored options', () => {
    const d = findDirective('Service', 'WatchdogSec')!;
    expect(unsupportedMessage(d.name, d.note)).toBe('Support for option WatchdogSec= is not implemented in tsd yet and it is ignored '
      + '(WATCHDOG_USEC is not set, and a service that stops sending WATCHDOG=1 is not stopped).');
  });
});
