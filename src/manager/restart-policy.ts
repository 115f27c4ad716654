// Restart= (systemd.service(5), table 2 "Exit causes and the effect of the Restart= settings").
import type { ExitInfo } from '../native/core.js';
import type { ServiceSection } from '../units/model.js';
import type { ServiceResult } from './unit-state.js';

type Cause = 'clean' | 'unclean-code' | 'unclean-signal' | 'timeout' | 'watchdog';

const RESTARTS_ON: Record<ServiceSection['restart'], ReadonlySet<Cause>> = {
  'no': new Set(),
  'always': new Set<Cause>(['clean', 'unclean-code', 'unclean-signal', 'timeout', 'watchdog']),
  'on-success': new Set<Cause>(['clean']),
  'on-failure': new Set<Cause>(['unclean-code', 'unclean-signal', 'timeout', 'watchdog']),
  'on-abnormal': new Set<Cause>(['unclean-signal', 'timeout', 'watchdog']),
  'on-abort': new Set<Cause>(['unclean-signal']),
  'on-watchdog': new Set<Cause>(['watchdog']),
};

function causeOf(result: ServiceResult): Cause | null {
  switch (result) {
    case 'success': return 'clean';
    case 'exit-code': return 'unclean-code';
    case 'signal': case 'core-dump': return 'unclean-signal';
    case 'timeout': return 'timeout';
    case 'watchdog': return 'watchdog';
    default: return null; // start-limit-hit, resources, protocol: never restarted
  }
}

export function shouldRestart(service: ServiceSection, result: ServiceResult, lastExit: ExitInfo | null): boolean {
  if (lastExit) {
    const prevent = service.restartPreventExitStatus;
    const force = service.restartForceExitStatus;
    const matches = (set: typeof prevent) =>
      lastExit.kind === 'exited' ? set.statuses.includes(lastExit.code) : set.signals.includes(lastExit.signal);
    if (matches(prevent)) return false;
    if (matches(force)) return true;
  }
  const cause = causeOf(result);
  return cause !== null && RESTARTS_ON[service.restart].has(cause);
}
