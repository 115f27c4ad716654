import { single } from './common.mjs';
// catatonit: podman's minimal init; one child, signal forwarding, reaping.
export default single('catatonit', 'catatonit', 'catatonit', (argv) => ['catatonit', '--', ...argv]);
