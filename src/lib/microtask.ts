// queueTask(): runs a callback once the current turn's synchronous work is done, as
// queueMicrotask() does, without what Node's queueMicrotask() adds for async_hooks: an
// AsyncResource per call (the first one costs PID 1 ~0.15 ms on its way to its first service;
// every one after is an allocation). tsd uses no async hooks. An exception in the callback
// reaches 'unhandledRejection' rather than 'uncaughtException': tsd logs and survives both
// (daemon/run-daemon.ts).
const settled = Promise.resolve();

export function queueTask(callback: () => void): void {
  void settled.then(callback);
}
