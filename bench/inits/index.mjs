import tsd from './tsd.mjs';
import tsdWrap from './tsd-wrap.mjs';
import tini from './tini.mjs';
import dumbInit from './dumb-init.mjs';
import catatonit from './catatonit.mjs';
import supervisord from './supervisord.mjs';
import runit from './runit.mjs';
import s6 from './s6.mjs';
import systemctl from './systemctl.mjs';
import none from './none.mjs';
import noneFramed from './none-framed.mjs';
import node from './node.mjs';

/** every adapter, tsd first; short names for --init */
export const INITS = { tsd, 'tsd-wrap': tsdWrap, tini, 'dumb-init': dumbInit, catatonit, supervisord, runit, s6, systemctl, none, 'none-framed': noneFramed, node };
