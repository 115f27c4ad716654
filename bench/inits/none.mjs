// Floor: no init at all, the workload itself is PID 1.
export default {
  name: 'no init', kind: 'floor', binary: null,
  version: () => 'the workload as PID 1',
  available: () => true,
  prepare(w) {
    if (w.services.length !== 1) return { na: 'a single program is PID 1: one service only' };
    return { argv: w.services[0].argv };
  },
};
