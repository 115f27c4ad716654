import { single } from './common.mjs';
// tini: forwards signals to its one child and reaps zombies.
export default single('tini', 'tini', 'tini', (argv) => ['tini', '--', ...argv]);
