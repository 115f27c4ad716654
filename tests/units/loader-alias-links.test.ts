import { describe, expect, it } from 'vitest';
import { aliasLink } from '../../src/units/install-enablement.js';

describe('Alias= links as `systemctl enable` makes them (systemd 252, systemctl --root)', () => {
  it.each([
    // [unit enabled, Alias=, the link made as [alias, unit it loads], or undefined: refused]
    ['p.service', 'pl2.service', ['pl2.service', 'p.service']],
    ['p.service', 'r2@.service', undefined],
    ['p.service', 'r2@x.service', undefined],
    ['p.service', 'x.socket', undefined],
    ['t@.service', 'r@.service', ['r@.service', 't@.service']],
    ['t@.service', 'r@x.service', ['r@x.service', 't@x.service']],
    ['t@.service', 'pl.service', undefined],
    ['t@i.service', 'r@.service', ['r@i.service', 't@i.service']],
    ['t@i.service', 'r@i.service', ['r@i.service', 't@i.service']],
    ['t@i.service', 'r@x.service', undefined],
    ['t@i.service', 'pl.service', undefined],
    ['t@.service', 't@.service', undefined],
  ] as const)('%s Alias=%s', (unit, alias, link) => {
    expect(aliasLink(unit, alias)).toEqual(link);
  });
});
