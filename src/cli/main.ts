// The `tsd` command: the PID-1 job by default, or one of the tools for unit-file authors.
import { parseDaemonOptions, USAGE, UsageError } from './daemon-options.js';
import { tsdVersion } from './version.js';

const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<void> {
  const [first, ...rest] = argv;
  switch (first) {
    case 'verify': {
      const { runVerify } = await import('./verify.js');
      process.exitCode = await runVerify(rest);
      return;
    }
    case 'cat': {
      const { runCat } = await import('./cat.js');
      process.exitCode = await runCat(rest);
      return;
    }
    case '--version': case 'version':
      process.stdout.write(`tsd ${tsdVersion()}\n`);
      return;
    case '--help': case '-h': case 'help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      break;
  }
  let options;
  try {
    options = parseDaemonOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`tsd: ${error.message}\n${USAGE}\n`);
      process.exit(EXIT_USAGE);
    }
    throw error;
  }
  const { runDaemon } = await import('../daemon/run-daemon.js');
  await runDaemon(options);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`tsd: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
