// tsd's exit codes (README, "Exit codes"). In wrapper mode (`tsd -- CMD`) tsd exits with
// CMD's code instead, 128+N when CMD was killed by signal N, as tini does.

/** Every unit stopped within its stop timeout and nothing was left. */
export const EXIT_CLEAN = 0;
/** tsd could not run: the native core failed to load, the boot target could not be loaded... */
export const EXIT_FAILURE = 1;
/** Bad command line. */
export const EXIT_USAGE = 2;
/** Shutdown completed, but some unit had to be SIGKILLed after its TimeoutStopSec. */
export const EXIT_STOP_TIMEOUT = 3;
/** Processes were still alive after the final SIGKILL (unkillable, e.g. in D state). */
export const EXIT_PROCESSES_SURVIVED = 4;
