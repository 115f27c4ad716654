// Floor: a bare Node process as PID 1 (`node -e ...`), no services.
// For startup it records one "start" event and exits (the cost of `node -e 0`
// plus one append); for memory and idle it records "start" and stays idle.
export default {
  name: 'node -e 0', kind: 'floor', binary: process.execPath,
  version: () => `node ${process.version}`,
  available: () => true,
  prepare(w, dir, scenario) {
    const stamp = "require('fs').appendFileSync(process.env.BENCH_EVENTS,'start node '+BigInt(Math.round((performance.timeOrigin+performance.now())*1e6))+'\\n');";
    const stay = scenario === 'startup' ? '' : 'setInterval(()=>{},1<<30);process.on("SIGTERM",()=>process.exit(0));';
    return { argv: [process.execPath, '-e', stamp + stay] };
  },
};
