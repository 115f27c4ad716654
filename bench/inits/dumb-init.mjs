import { single } from './common.mjs';
// dumb-init: runs one child in a new session and forwards signals to its group.
export default single('dumb-init', 'dumb-init', 'dumb-init', (argv) => ['dumb-init', ...argv]);
