// Wrapper mode (`tsd -- CMD ARGS`): CMD becomes a transient service that starts once the
// units are up (After=default.target) and keeps tsd's own stdin/stdout/stderr, as under tini.
import { newUnit } from '../units/defaults.js';
import type { Unit } from '../units/model.js';

export const WRAPPED_UNIT = 'tsd-command.service';

export function wrappedCommandUnit(argv: string[], after: string): Unit {
  const unit = newUnit(WRAPPED_UNIT);
  unit.builtin = true;
  unit.unit.description = argv.join(' ');
  unit.unit.after = [after];
  unit.unit.defaultDependencies = false;
  unit.service!.type = 'exec';
  unit.service!.execStart = [{
    path: argv[0]!, argv, ignoreFailure: false, fullPrivileges: false, noSetuid: false,
    ambientFallback: false, noEnvironmentExpansion: true,
  }];
  unit.exec!.standardInput = 'tty';
  unit.exec!.standardOutput = 'tty';
  unit.exec!.standardError = 'inherit';
  // As under tini: the command gets every signal at its default, SIGPIPE included.
  unit.exec!.ignoreSIGPIPE = false;
  // The command's own exit is the container's exit: never restarted, any status accepted as its result.
  unit.service!.restart = 'no';
  // The wrapped command sees tsd's environment, as it would under tini.
  unit.exec!.passEnvironment = Object.keys(process.env);
  return unit;
}

/** 128+N for a signal death, the exit code otherwise (tini's convention). */
function exitCodeOf(info: { kind: 'exited' | 'killed' | 'dumped'; code: number; signal: number }): number {
  return info.kind === 'exited' ? info.code : 128 + info.signal;
}

/** What shells and `docker run` exit with for a command that never ran: not found, or found but not executable. */
export const EXIT_COMMAND_NOT_FOUND = 127;
export const EXIT_COMMAND_NOT_EXECUTABLE = 126;

/**
 * tsd's exit code for the wrapped command's end. A command that could not be executed is
 * 127/126 as under a shell, tini or docker, not systemd's 203/EXEC, which a container's
 * user would not look for.
 */
export function exitCodeOfWrapped(
  mainExit: { kind: 'exited' | 'killed' | 'dumped'; code: number; signal: number },
  spawnFailure: { stage: string; code: string } | null,
): number {
  if (spawnFailure?.stage === 'exec') return spawnFailure.code === 'ENOENT' ? EXIT_COMMAND_NOT_FOUND : EXIT_COMMAND_NOT_EXECUTABLE;
  return exitCodeOf(mainExit);
}
