import { describe, expect, it } from 'vitest';
import { socketAddressError } from '../../src/units/socket-address.js';
import { askSystemd, haveLibsystemdShared, randomInputs } from '../helpers/libsystemd-shared.js';

// Confirmed with socket_address_parse() of libsystemd-shared-252.
const TABLE: Array<[string, string | undefined]> = [
  ['0.0.0.0:99999', 'Numerical result out of range'], ['[::1]:65536', 'Numerical result out of range'], ['65536', 'Numerical result out of range'],
  ['0.0.0.0:65535', undefined], ['80', undefined], ['0x50', undefined], ['+80', undefined], ['1.2.3.4:80', undefined], ['[::]:80', undefined],
  ['[::ffff:1.2.3.4]:80', undefined], ['/run/x.sock', undefined], ['//x', undefined], ['@abstract', undefined], ['vsock:2:1234', undefined], ['vsock::1234', undefined],
  ['0.0.0.0:0', 'Invalid argument'], ['0', 'Invalid argument'], ['080', 'Invalid argument'], ['1.2.3:80', 'Invalid argument'], ['256.1.1.1:80', 'Invalid argument'],
  ['01.2.3.4:80', 'Invalid argument'], ['::1', 'Invalid argument'], ['[::1]', 'Invalid argument'], ['localhost:80', 'Invalid argument'], ['1.2.3.4', 'Invalid argument'],
  ['/', 'Invalid argument'], ['@', 'Invalid argument'], ['relative/path', 'Invalid argument'], ['vsock:2', 'Invalid argument'], ['[1.2.3.4]:80', 'Invalid argument'],
  [`/${'a'.repeat(107)}`, 'File name too long'], [`/${'a'.repeat(106)}`, undefined],
];

describe('socket addresses (ListenStream= & co.), socket_address_parse()', () => {
  it.each(TABLE)('%j -> %j', (v, expected) => expect(socketAddressError(v)).toBe(expected));

  it.runIf(haveLibsystemdShared)('agrees with systemd on the table and on random addresses', () => {
    const pieces = ['0', '1', '5', '80', '65535', '65536', '99999', '.', ':', '::', '[', ']', '0.0.0.0', '1.2.3.4', '255', '256', '01', 'ff', 'fe80', '/', '@', 'a', 'vsock:', 'x', '-', '+', '0x50', '080'];
    const inputs = [...TABLE.map(([v]) => v), ...randomInputs(pieces, 4000)];
    const theirs = askSystemd('socket-address', inputs);
    const verdict = (e: string | undefined): string | null => (e === undefined ? 'ok' : e === 'Numerical result out of range' ? 'range' : e === 'File name too long' ? 'too-long' : null);
    expect(inputs.filter((v, i) => verdict(socketAddressError(v)) !== theirs[i])).toEqual([]);
  });
});
