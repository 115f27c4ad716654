// Floor of the log scenario: no init, and each line already framed as tsd frames it
// ("2026-11-30T03:40:00.123Z s000.service[1]: svcline ..."), written straight into the pipe to
// the sink. Next to "no init" it shows what the format alone costs the reader; next to tsd,
// what relaying costs on top.
import none from './none.mjs';

export default {
  name: 'no init, framed lines', kind: 'floor', binary: null,
  version: () => 'the workload as PID 1, writing lines in tsd\'s format',
  available: () => true,
  prepare(w, dir, scenario) {
    if (scenario !== 'log') return { na: 'a floor of the log scenario only' };
    const p = none.prepare(w, dir, scenario);
    return p.na ? p : { argv: [...p.argv, '-f'] };
  },
};
