// RuntimeDirectory=, StateDirectory=, CacheDirectory=, LogsDirectory=, ConfigurationDirectory=
// (systemd.exec(5)): made before the first command of a start, owned by User=/Group=, the
// runtime ones removed when the service stops; the state machine through a fake port.
import { describe, expect, it } from 'vitest';
import { Manager } from '../../src/manager/manager.js';
import type { ServiceRuntime } from '../../src/manager/service-runtime.js';
import type { DirectoryOwner, PreparedDirectory } from '../../src/manager/port.js';
import type { SpawnOptions, SpawnResult } from '../../src/native/core.js';
import type { ExecContext, Unit } from '../../src/units/model.js';
import { command, serviceUnit, settle } from '../helpers/fake-manager.js';
import { FakePort } from '../helpers/fake-port.js';

/** A fake port that keeps one list of what happened, directories and spawns in order. */
class EventPort extends FakePort {
  readonly events: string[] = [];

  override prepareDirectory(path: string, mode: number, owner: DirectoryOwner | null): PreparedDirectory {
    const r = super.prepareDirectory(path, mode, owner);
    this.events.push(this.directoryCalls[this.directoryCalls.length - 1]!);
    return r;
  }

  override removeTree(path: string): string | null {
    this.events.push(`remove ${path}`);
    return super.removeTree(path);
  }

  override makeSymlink(target: string, link: string): string | null {
    this.events.push(`link ${link} -> ${target}`);
    return super.makeSymlink(target, link);
  }

  override spawn(options: SpawnOptions): SpawnResult {
    this.events.push(`spawn ${options.argv.join(' ')}`);
    return super.spawn(options);
  }
}

function start(edit: (u: Unit) => void, before: (port: EventPort) => void = () => {}) {
  const port = new EventPort();
  before(port);
  port.users.set('www', { name: 'www', uid: 33, gid: 34, home: '/var/www', shell: '/bin/sh' });
  port.groups.set('adm', 4);
  const unit = serviceUnit('a.service', edit);
  const log: string[] = [];
  const manager = new Manager({
    port,
    source: { load: (name) => unit.name === name ? unit : (() => { throw new Error(name); })() },
    journal: { log: (_u, m) => log.push(m), attachPipe: () => {} },
    environment: {},
  });
  const runtime = manager.runtimeFor('a.service') as ServiceRuntime;
  const exit = (pid: number, code = 0) => {
    port.alive.delete(pid);
    manager.onExits([{ pid, kind: 'exited', code, signal: 0 }]);
  };
  return { port, manager, runtime, log, exit, result: manager.start('a.service') };
}

const exec = (u: Unit): ExecContext => u.exec!;

describe('exec directories are made before the first command', () => {
  it.each<[string, (u: Unit) => void, string[]]>([
    ['the man page\'s example, as root', (u) => { exec(u).runtimeDirectory = ['foo/bar', 'baz']; exec(u).stateDirectory = ['aaa/bbb', 'ccc']; },
      ['prepare /run/foo/bar 755 0:0', 'prepare /run/baz 755 0:0', 'prepare /var/lib/aaa/bbb 755 0:0', 'prepare /var/lib/ccc 755 0:0']],
    ['owned by User= and its group', (u) => { exec(u).user = 'www'; exec(u).cacheDirectory = ['www']; },
      ['prepare /var/cache/www 755 33:34']],
    ['Group= overrides the user\'s group', (u) => { exec(u).user = 'www'; exec(u).group = 'adm'; exec(u).logsDirectory = ['www']; },
      ['prepare /var/log/www 755 33:4']],
    ['the modes of *DirectoryMode=', (u) => {
      exec(u).runtimeDirectory = ['r']; exec(u).runtimeDirectoryMode = 0o750; exec(u).stateDirectory = ['s']; exec(u).stateDirectoryMode = 0o700;
      exec(u).cacheDirectory = ['c']; exec(u).cacheDirectoryMode = 0o2775; exec(u).logsDirectory = ['l']; exec(u).logsDirectoryMode = 0o755;
    }, ['prepare /run/r 750 0:0', 'prepare /var/lib/s 700 0:0', 'prepare /var/cache/c 2775 0:0', 'prepare /var/log/l 755 0:0']],
    ['ConfigurationDirectory= is not handed to the user', (u) => { exec(u).user = 'www'; exec(u).configurationDirectory = ['www']; exec(u).configurationDirectoryMode = 0o555; },
      ['prepare /etc/www 555 -']],
    ['once per start, whatever the number of commands', (u) => {
      u.service!.execStartPre = [command('/bin/pre')]; exec(u).stateDirectory = ['s'];
    }, ['prepare /var/lib/s 755 0:0']],
  ])('%s', async (_what, edit, expected) => {
    const { port, result, runtime, exit } = start(edit);
    if (runtime.controlPid) exit(runtime.controlPid);
    expect(await result).toBe('done');
    const firstSpawn = port.events.findIndex((e) => e.startsWith('spawn'));
    expect(port.events.slice(0, firstSpawn)).toEqual(expected);
    expect(port.events.slice(firstSpawn).filter((e) => e.startsWith('prepare'))).toEqual([]);
  });

  it('names them in $RUNTIME_DIRECTORY & co.', async () => {
    const { port, result } = start((u) => { exec(u).runtimeDirectory = ['foo/bar', 'baz']; exec(u).stateDirectory = ['aaa/bbb', 'ccc']; });
    await result;
    expect(port.lastSpawn().options.env).toEqual(expect.arrayContaining(['RUNTIME_DIRECTORY=/run/foo/bar:/run/baz', 'STATE_DIRECTORY=/var/lib/aaa/bbb:/var/lib/ccc']));
  });

  it('warns about a ConfigurationDirectory= that exists with another mode, and leaves it', async () => {
    const { port, result, log } = start((u) => { exec(u).configurationDirectory = ['app']; exec(u).configurationDirectoryMode = 0o555; },
      (p) => p.directories.set('/etc/app', { mode: 0o755, owner: null }));
    await result;
    expect(log).toContain("a.service: ConfigurationDirectory 'app' already exists but the mode is different. (File system: 755 ConfigurationDirectoryMode: 555)");
    expect(port.directories.get('/etc/app')!.mode).toBe(0o755);
  });
});

describe('a directory that cannot be made fails the start with its own exit status', () => {
  it.each<[string, keyof ExecContext, string, string]>([
    ['RuntimeDirectory', 'runtimeDirectory', '/run/x', '233/RUNTIME_DIRECTORY'],
    ['StateDirectory', 'stateDirectory', '/var/lib/x', '238/STATE_DIRECTORY'],
    ['CacheDirectory', 'cacheDirectory', '/var/cache/x', '239/CACHE_DIRECTORY'],
    ['LogsDirectory', 'logsDirectory', '/var/log/x', '240/LOGS_DIRECTORY'],
    ['ConfigurationDirectory', 'configurationDirectory', '/etc/x', '241/CONFIGURATION_DIRECTORY'],
  ])('%s=', async (directive, key, path, status) => {
    const { port, result, runtime, log } = start((u) => { (exec(u)[key] as string[]).push('x'); }, (p) => p.failingDirectories.set(path, 'Permission denied'));
    expect(await result).toBe('failed');
    await settle();
    const base = path.slice(0, path.lastIndexOf('/'));
    expect(log).toContain(`a.service: Failed to set up special execution directory in ${base}: ${path}: Permission denied`);
    expect(log).toContain(`a.service: Failed at step ${directive.replace('Directory', '_DIRECTORY').toUpperCase()} spawning /bin/true: Failed to set up special execution directory in ${base}: ${path}: Permission denied`);
    expect(log).toContain(`a.service: Main process exited, code=exited, status=${status}`);
    expect(runtime.activeState).toBe('failed');
    expect(port.spawns).toHaveLength(0);
  });

  it('an unknown User= fails it with 217/USER', async () => {
    const { result, log } = start((u) => { exec(u).user = 'nobody-here'; exec(u).stateDirectory = ['x']; });
    expect(await result).toBe('failed');
    await settle();
    expect(log).toContain("a.service: Main process exited, code=exited, status=217/USER");
  });
});

describe('RuntimeDirectory= goes when the service stops (RuntimeDirectoryPreserve=)', () => {
  it.each<[string, ExecContext['runtimeDirectoryPreserve'], string[]]>([
    ['no (the default): removed', 'no', ['remove /run/foo/bar', 'remove /run/baz']],
    ['yes: kept', 'yes', []],
    ['restart: removed when the service stops for good', 'restart', ['remove /run/foo/bar', 'remove /run/baz']],
  ])('%s', async (_what, preserve, expected) => {
    const { port, result, manager, runtime, exit } = start((u) => {
      exec(u).runtimeDirectory = ['foo/bar', 'baz']; exec(u).runtimeDirectoryPreserve = preserve; exec(u).stateDirectory = ['kept'];
    });
    await result;
    const stopped = manager.stop('a.service');
    exit(runtime.mainPid);
    expect(await stopped).toBe('done');
    expect(port.events.filter((e) => e.startsWith('remove'))).toEqual(expected);
  });

  it('restart: kept across an automatic restart, made again at the next start', async () => {
    const { port, result, runtime, exit } = start((u) => {
      exec(u).runtimeDirectory = ['r']; exec(u).runtimeDirectoryPreserve = 'restart';
      u.service!.restart = 'always'; u.service!.restartSec = 100;
    });
    await result;
    exit(runtime.mainPid, 1);
    expect(runtime.subState).toBe('auto-restart');
    port.advance(100);
    expect(runtime.subState).toBe('running');
    expect(port.events.filter((e) => !e.startsWith('spawn'))).toEqual(['prepare /run/r 755 0:0', 'prepare /run/r 755 0:0']);
  });

  it('no: removed between two runs of a restarting service', async () => {
    const { port, result, runtime, exit } = start((u) => {
      exec(u).runtimeDirectory = ['r']; u.service!.restart = 'always'; u.service!.restartSec = 100;
    });
    await result;
    exit(runtime.mainPid, 1);
    port.advance(100);
    expect(port.events.filter((e) => !e.startsWith('spawn'))).toEqual(['prepare /run/r 755 0:0', 'remove /run/r', 'prepare /run/r 755 0:0']);
  });

  it('"DIR:LINK": the links are made with the directory, and removed with a RuntimeDirectory=', async () => {
    const { port, result, manager, runtime, exit } = start((u) => {
      exec(u).runtimeDirectory = ['foo']; exec(u).directorySymlinks.runtimeDirectory = { foo: ['bar', 'baz'] };
      exec(u).stateDirectory = ['s']; exec(u).directorySymlinks.stateDirectory = { s: ['old-name'] };
    });
    await result;
    expect(port.lastSpawn().options.env).toContain('RUNTIME_DIRECTORY=/run/foo');
    const stopped = manager.stop('a.service');
    exit(runtime.mainPid);
    await stopped;
    expect(port.events.filter((e) => !e.startsWith('spawn'))).toEqual([
      'prepare /run/foo 755 0:0', 'link /run/bar -> /run/foo', 'link /run/baz -> /run/foo', 'prepare /var/lib/s 755 0:0', 'link /var/lib/old-name -> /var/lib/s',
      'remove /run/foo', 'remove /run/bar', 'remove /run/baz',
    ]);
  });
});
