// After boot, a Node process is left with the garbage of loading and starting everything.
// V8 would collect it on its own some seconds later (its "memory reducer"), a burst of CPU and
// wakeups in a tsd that is otherwise asleep. bin/tsd turns the reducer off; collecting once,
// right when boot finishes, moves that work to a moment that is busy anyway.
// node:v8 and node:vm are loaded only here, after boot: not on the way to the first service.
let collect: (() => void) | null | undefined;

async function collector(): Promise<(() => void) | null> {
  if (collect !== undefined) return collect;
  try {
    // bin/tsd passes --expose-gc; `node dist/cli/main.js` does not, and the flag can still be set.
    let gc: unknown = (globalThis as { gc?: unknown }).gc;
    if (typeof gc !== 'function') {
      const { setFlagsFromString } = await import('node:v8');
      const { runInNewContext } = await import('node:vm');
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc');
    }
    collect = typeof gc === 'function' ? () => (gc as () => void)() : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** A full, compacting collection now (a no-op where the runtime refuses to expose one). */
export async function settleHeap(): Promise<void> {
  (await collector())?.();
}
