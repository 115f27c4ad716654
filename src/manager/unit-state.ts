// systemd's state vocabulary (org.freedesktop.systemd1(5), systemd.service(5)), so that
// `systemctl` and scripts read tsd's states exactly as they read systemd's.

export type ActiveState = 'inactive' | 'activating' | 'active' | 'deactivating' | 'failed' | 'reloading';

export type ServiceSubState =
  | 'dead' | 'condition' | 'start-pre' | 'start' | 'start-post' | 'running' | 'exited' | 'reload'
  | 'stop' | 'stop-sigterm' | 'stop-sigkill' | 'stop-post' | 'final-sigterm' | 'final-sigkill'
  | 'failed' | 'auto-restart';

export type TargetSubState = 'dead' | 'active';

/** Service.Result: why the service last failed ('success' when it did not). */
export type ServiceResult =
  | 'success' | 'protocol' | 'timeout' | 'exit-code' | 'signal' | 'core-dump' | 'watchdog'
  | 'start-limit-hit' | 'resources';

/** JobRemoved's result string. */
export type JobResult = 'done' | 'canceled' | 'timeout' | 'failed' | 'dependency' | 'skipped' | 'assert';

export function activeStateOfService(sub: ServiceSubState): ActiveState {
  switch (sub) {
    case 'dead': return 'inactive';
    case 'failed': return 'failed';
    case 'running': case 'exited': return 'active';
    case 'reload': return 'reloading';
    case 'condition': case 'start-pre': case 'start': case 'start-post': case 'auto-restart': return 'activating';
    default: return 'deactivating';
  }
}
