import { describe, expect, it } from 'vitest';
import { allDirectives, findDirective } from '../../src/units/directives/table.js';
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
    for (const k of ['Type', 'ExecStart', 'Restart', 'User', 'Environment', 'EnvironmentFile', 'KillMode', 'TimeoutStopSec', 'PIDFile', 'NotifyAccess', 'RuntimeDirectory', 'LimitNOFILE', 'AmbientCapabilities']) {
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

  it('SuccessExitStatus= skips only the words it cannot read, each with a warning (config_parse_set_status())', () => {
    const { unit, diagnostics } = loadService('SuccessExitStatus=1 2 SIGUSR1 FOO 300');
    expect(unit.service!.successExitStatus).toEqual({ statuses: [1, 2], signals: [10] });
    expect(diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual(['5: Failed to parse value, ignoring: FOO', '5: Failed to parse value, ignoring: 300']);
  });
});
