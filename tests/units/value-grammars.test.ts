import { describe, expect, it } from 'vitest';
import { parseBoolean } from '../../src/units/boolean.js';
import { formatTimeSpan, parseTimeSpan } from '../../src/units/time-span.js';
import { signalFromString, signalToString } from '../../src/units/signals.js';
import { parseExitStatusSet } from '../../src/units/exit-status.js';
import { parseMode } from '../../src/units/mode.js';
import { parseSize } from '../../src/units/size.js';
import { parseResourceLimit } from '../../src/units/resource-limit.js';
import { parseCondition } from '../../src/units/condition.js';
import { LIMIT_KINDS } from '../../src/units/resource-limit.js';
import { parseCSigned, parseCUnsigned } from '../../src/units/c-integer.js';
import { parsePermyriad, parsePermyriadUnbounded } from '../../src/units/permyriad.js';
import { parseNanoseconds, parseTimeSpanUsec } from '../../src/units/time-span.js';
import { RLIMIT } from '../../src/native/core.js';
import { askSystemd, haveLibsystemdShared, randomInputs } from '../helpers/libsystemd-shared.js';

describe('booleans', () => {
  it.each([
    ['yes', true], ['YES', true], ['true', true], ['on', true], ['1', true], ['y', true], ['t', true],
    ['no', false], ['False', false], ['off', false], ['0', false], ['n', false], ['f', false],
    ['maybe', undefined], ['', undefined], ['2', undefined],
  ])('%j -> %j', (v, expected) => expect(parseBoolean(v)).toBe(expected));
});

// Every table below was confirmed against libsystemd-shared-252 (the parse function named in
// each describe); the "agrees with systemd" tests ask it again, plus thousands of random inputs.
describe('time spans (ms), parse_time()', () => {
  const TABLE: Array<[string, number | undefined]> = [
    ['90', 90_000], ['5s', 5000], ['1min 30s', 90_000], ['1min30s', 90_000], ['infinity', Infinity], ['0', 0],
    ['5min', 300_000], ['1h', 3_600_000], ['12h', 43_200_000], ['30m', 1_800_000], ['900', 900_000],
    ['2.5s', 2500], ['100ms', 100], ['1d', 86_400_000], ['1w', 604_800_000], ['5 s', 5000],
    ['1h 5min 3s', 3_903_000], ['500us', 0.5], ['10sec', 10_000], ['2 minutes', 120_000],
    ['1y', 31_557_600_000], ['1M', 2_629_800_000], ['.5s', 500], ['+5', 5000], ['5s+3s', 8000], ['5 5', 10_000],
    ['5min30', 330_000], ['5ms5', 5005], ['5s.5', 5500], [' infinity ', Infinity],
    // a fraction is cut at whole microseconds
    ['0.000001ms', 0], ['1.0000001s', 1000], ['1.999999999s', 1999.999],
    ['5x', undefined], ['', undefined], ['-5', undefined], ['-0', undefined], ['s', undefined], ['1.2.3s', undefined],
    // a dot needs digits after it
    ['5.', undefined], ['5.s', undefined], ['5. s', undefined], ['5s.', undefined], ['.', undefined],
    // the total must stay below 2^64-1 µs ("infinity")
    ['18446744073709', undefined], ['18446744073708', 18_446_744_073_708_000], ['584555y', undefined],
    ['9223372036854775808us', undefined], ['1e3', undefined], ['0x10', undefined], ['5 infinity', undefined],
    ['5secs', undefined], ['1,5s', undefined], ['5ns', undefined],
  ];
  it.each(TABLE)('%j -> %j', (v, expected) => expect(parseTimeSpan(v)).toBe(expected));
  it('formats', () => {
    expect(formatTimeSpan(90_000)).toBe('1min 30s');
    expect(formatTimeSpan(Infinity)).toBe('infinity');
  });
  it('parse_nsec() for TimerSlackNSec=: nanoseconds by default, "ns" and "nsec" known', () => {
    expect(parseNanoseconds('5')).toBe(5n);
    expect(parseNanoseconds('5.5ns')).toBe(5n);
    expect(parseNanoseconds('1.5us')).toBe(1500n);
    expect(parseNanoseconds('5s5')).toBe(5_000_000_005n);
    expect(parseNanoseconds('5.')).toBeUndefined();
  });
  const PIECES = ['0', '1', '5', '9', '.', '+', '-', ' ', '\t', 's', 'm', 'min', 'ms', 'us', 'μs', 'µs', 'h', 'd', 'w', 'M', 'y', 'sec',
    'infinity', 'ns', 'nsec', 'x', 'e', '99999999999', '00', 'months', 'hr'];
  it.runIf(haveLibsystemdShared)('agrees with systemd\'s parse_time() and parse_nsec()', () => {
    const inputs = [...TABLE.map(([v]) => v), ...randomInputs(PIECES, 4000)];
    const theirs = askSystemd('time', inputs, 1_000_000);
    const nsec = askSystemd('nsec', inputs);
    const differ = inputs.filter((v, i) => (parseTimeSpanUsec(v)?.toString() ?? null) !== theirs[i] || (parseNanoseconds(v)?.toString() ?? null) !== nsec[i]);
    expect(differ).toEqual([]);
  });
});

describe('C integers, safe_atou()/safe_atoi(): strtoul() with base 0', () => {
  it.each([
    ['10', 10], ['010', 8], ['0x10', 16], ['0X1f', 31], ['+5', 5], [' 5', 5], ['-0', 0], ['0', 0],
    ['08', undefined], ['0x', undefined], ['-1', undefined], ['5 ', undefined], ['', undefined], ['4294967295', 4_294_967_295], ['4294967296', undefined],
  ] as const)('unsigned %j -> %j', (v, expected) => expect(parseCUnsigned(v)).toBe(expected));
  it.each([['-0x10', -16], ['-010', -8], ['2147483647', 2_147_483_647], ['2147483648', undefined], ['-2147483648', -2_147_483_648]] as const)(
    'signed %j -> %j', (v, expected) => expect(parseCSigned(v)).toBe(expected));
});

describe('proportions, parse_permyriad()', () => {
  it.each([
    ['50%', 5000], ['50.5%', 5050], ['50.55%', 5055], ['50.555%', undefined], ['5‰', 50], ['5.5‰', 55], ['5.55‰', undefined],
    ['50‱', 50], ['50.5‱', undefined], ['100%', 10_000], ['101%', undefined], ['0%', 0], ['.5%', undefined], ['0x10%', 1600], ['50', undefined],
  ] as const)('%j -> %j', (v, expected) => expect(parsePermyriad(v)).toBe(expected));
  it('CPUQuota= may exceed 100%', () => expect(parsePermyriadUnbounded('150.5%')).toBe(15_050));
});

describe('signals, signal_from_string()', () => {
  const TABLE: Array<[string, number | undefined]> = [
    ['SIGTERM', 15], ['TERM', 15], ['15', 15], ['SIGINT', 2], ['SIGQUIT', 3], ['SIGUSR1', 10], ['SIGKILL', 9],
    ['SIGABRT', 6], ['SIGIOT', undefined], ['SIGRTMIN', 34], ['SIGRTMIN+3', 37], ['RTMIN+3', 37], ['SIGRTMAX', 64],
    ['SIGRTMAX-1', 63], ['SIGWINCH', 28], ['SIGPWR', 30], ['+15', 15],
    // numbers are read with base 0
    ['015', 13], ['0x2', 2], ['SIGRTMIN+0x1', 35], ['09', undefined],
    ['SIGFOO', undefined], ['0', undefined], ['65', undefined], ['SIGRTMIN-1', undefined], ['SIGRTMAX+1', undefined], ['SIGRTMIN+31', undefined],
    ['SIGRTMAX+0', undefined], ['sigterm', undefined], ['SIGRTMIN + 1', undefined],
  ];
  it.each(TABLE)('%j -> %j', (v, expected) => expect(signalFromString(v)).toBe(expected));
  it.each([[15, 'SIGTERM'], [37, 'SIGRTMIN+3'], [34, 'SIGRTMIN'], [99, '99']])('%j -> %j', (n, s) => expect(signalToString(n)).toBe(s));
  it.runIf(haveLibsystemdShared)('agrees with systemd\'s signal_from_string()', () => {
    const inputs = [...TABLE.map(([v]) => v), ...randomInputs(['SIG', 'RTMIN', 'RTMAX', 'TERM', 'HUP', '+', '-', '0', '1', '3', '0x', '9', ' '], 3000)];
    const theirs = askSystemd('signal', inputs);
    expect(inputs.filter((v, i) => (signalFromString(v)?.toString() ?? null) !== theirs[i])).toEqual([]);
  });
});

describe('exit status lists, config_parse_set_status()', () => {
  it.each([
    ['0', { statuses: [0], signals: [] }, []],
    ['1 2 8 SIGKILL', { statuses: [1, 2, 8], signals: [9] }, []],
    ['143 SIGTERM', { statuses: [143], signals: [15] }, []],
    ['TEMPFAIL 255', { statuses: [75, 255], signals: [] }, []],
    ['USR1', { statuses: [], signals: [10] }, []],
    // a bad word is skipped, the others kept (systemd warns "Failed to parse value, ignoring: FOO")
    ['1 2 SIGUSR1 FOO 300', { statuses: [1, 2], signals: [10] }, ['FOO', '300']],
    ['256', { statuses: [], signals: [] }, ['256']],
    ['0x10 010 -0 APPARMOR BPF EXCEPTION', { statuses: [16, 8, 0, 231, 244, 255], signals: [] }, []],
    ['1 "2 3"', { statuses: [1], signals: [] }, ['"2', '3"']],
  ] as const)('%j', (v, set, invalid) => expect(parseExitStatusSet(v)).toEqual({ set, invalid }));
  it.runIf(haveLibsystemdShared)('reads each word like exit_status_from_string()', async () => {
    const { exitStatusFromString } = await import('../../src/units/exit-status.js');
    const inputs = ['1', '+1', '01', '0x1', '255', '256', '-0', '-1', 'TEMPFAIL', 'tempfail', 'APPARMOR_PROFILE', 'APPARMOR', 'BPF', 'EXCEPTION', 'USAGE',
      ...randomInputs(['0', '1', '5', 'x', '+', '-', 'F', '9', 'SUCCESS', 'CHDIR'], 2000)];
    const theirs = askSystemd('exit-status', inputs);
    expect(inputs.filter((v, i) => (exitStatusFromString(v)?.toString() ?? null) !== theirs[i])).toEqual([]);
  });
});

describe('octal modes, parse_mode()', () => {
  const TABLE: Array<[string, number | undefined]> = [
    ['0755', 0o755], ['2755', 0o2755], ['0775', 0o775], ['027', 0o27], ['7', 7], ['0007', 7], ['00000022', 0o22], ['07777', 0o7777],
    ['0800', undefined], ['abc', undefined], ['17777', undefined], ['+022', undefined], ['-0', undefined], ['0o755', undefined], ['0x12', undefined],
  ];
  it.each(TABLE)('%j', (v, expected) => expect(parseMode(v)).toBe(expected));
  it.runIf(haveLibsystemdShared)('agrees with systemd\'s parse_mode()', () => {
    const inputs = [...TABLE.map(([v]) => v), ...randomInputs(['0', '7', '1', '8', '+', 'x', '00000'], 1000)];
    const theirs = askSystemd('mode', inputs);
    expect(inputs.filter((v, i) => (parseMode(v)?.toString() ?? null) !== theirs[i])).toEqual([]);
  });
});

describe('sizes, parse_size()', () => {
  const TABLE: Array<[string, number | undefined]> = [
    ['512', 512], ['64K', 65_536], ['1M', 1_048_576], ['1.5G', 1_610_612_736], ['2T', 2 * 1024 ** 4], ['10B', 10], ['10 K', 10_240],
    // parts add up while each suffix is smaller than the one before
    ['1G 512M', 1_610_612_736], ['1G512M', 1_610_612_736], ['1G 512', 1_073_742_336], ['1K1', 1025],
    ['1.5', 1], ['1.', 1], ['0.5B', 0], ['1.99999K', 2047], ['+5', 5],
    ['10KB', undefined], ['1GB', undefined], ['10KiB', undefined], ['1Gi', undefined], ['10k', undefined], ['512 1G', undefined],
    ['.5K', undefined], ['-1', undefined], ['16E', undefined], ['1T ', undefined], ['1Q', undefined], ['', undefined],
  ];
  it.each(TABLE)('%j', (v, expected) => expect(parseSize(v)).toBe(expected));
  it('base 1000', () => expect(parseSize('1G 512M', 1000)).toBe(1_512_000_000));
  it.runIf(haveLibsystemdShared)('agrees with systemd\'s parse_size() in both bases', () => {
    const inputs = [...TABLE.map(([v]) => v), ...randomInputs(['0', '1', '5', '.', '+', '-', ' ', 'K', 'M', 'G', 'T', 'P', 'E', 'B', 'k', 'i', '99999999999999', '15', '16'], 4000)];
    for (const base of [1024, 1000] as const) {
      const theirs = askSystemd('size', inputs, base).map((x) => (x === null ? null : Number(x)));
      expect(inputs.filter((v, i) => (parseSize(v, base) ?? null) !== theirs[i]), `base ${base}`).toEqual([]);
    }
  });
});

describe('resource limits, rlimit_parse()', () => {
  it.each([
    ['65536', 'count', { soft: 65_536, hard: 65_536 }],
    ['infinity', 'count', { soft: Infinity, hard: Infinity }],
    ['1024:4096', 'count', { soft: 1024, hard: 4096 }],
    ['1024:infinity', 'count', { soft: 1024, hard: Infinity }],
    ['0x10:020', 'count', { soft: 16, hard: 16 }],
    ['8M', 'size', { soft: 8_388_608, hard: 8_388_608 }],
    ['0', 'size', { soft: 0, hard: 0 }],
    ['1h', 'seconds', { soft: 3600, hard: 3600 }],
    ['1.5s', 'seconds', { soft: 2, hard: 2 }],
    ['5', 'microseconds', { soft: 5, hard: 5 }],
    ['-5', 'nice', { soft: 25, hard: 25 }],
    ['+0x5', 'nice', { soft: 15, hard: 15 }],
    ['4096:1024', 'count', undefined],
    ['1:2:3', 'count', undefined],
    ['lots', 'count', undefined],
    ['+20', 'nice', undefined],
  ] as const)('%j (%s)', (v, kind, expected) => expect(parseResourceLimit(v, kind)).toEqual(expected));
  it.runIf(haveLibsystemdShared)('agrees with systemd\'s rlimit_parse() for every Limit*=', () => {
    const inputs = randomInputs(['0', '1', '5', '9', '.', '+', '-', ' ', ':', 'K', 'M', 's', 'min', 'us', 'infinity', '0x1f', '010', '08', '19', '20', '40', '41'], 1500, 3, 4);
    const differ: string[] = [];
    for (const [name, kind] of Object.entries(LIMIT_KINDS)) {
      const theirs = askSystemd('rlimit', inputs, RLIMIT[name as keyof typeof RLIMIT]);
      const show = (n: number): string => (n === Infinity ? '18446744073709551615' : String(n));
      inputs.forEach((v, i) => {
        const l = parseResourceLimit(v, kind);
        if ((l ? `${show(l.soft)}:${show(l.hard)}` : null) !== theirs[i]) differ.push(`Limit${name.toUpperCase()}=${v}`);
      });
    }
    expect(differ.slice(0, 40)).toEqual([]);
  });
});

describe('conditions', () => {
  it.each([
    ['ConditionPathExists', '/etc/x', { negate: false, triggering: false, value: '/etc/x', isAssert: false }],
    ['ConditionPathExists', '!/etc/x', { negate: true, triggering: false, value: '/etc/x' }],
    ['ConditionPathExists', '|!/etc/x', { negate: true, triggering: true, value: '/etc/x' }],
    ['AssertPathExists', '/var/lib/postgresql', { isAssert: true, value: '/var/lib/postgresql' }],
    ['ConditionVirtualization', '!container', { negate: true, value: 'container' }],
  ])('%s=%s', (k, v, expected) => expect(parseCondition(k, v)).toMatchObject(expected));
  it('refuses relative paths', () => {
    expect(parseCondition('ConditionPathExists', 'etc/x')).toBe('ConditionPathExists= path is not absolute, ignoring: etc/x');
  });
});

describe('value schemas (lazySchema)', () => {
  it('builds its zod schema once, at the first value it parses', async () => {
    const { lazySchema } = await import('../../src/units/directives/value-schemas.js');
    const z = await import('zod/mini');
    let built = 0;
    const schema = lazySchema(() => {
      built++;
      return z.pipe(z.string(), z.transform((v: string) => v.length));
    });
    expect(built).toBe(0);
    expect(schema.safeParse('abc')).toEqual({ success: true, data: 3 });
    expect(schema.safeParse('ab')).toEqual({ success: true, data: 2 });
    expect(built).toBe(1);
  });

  it('says why a value is refused, as the zod schema does', async () => {
    const { grammar } = await import('../../src/units/directives/value-schemas.js');
    const parsed = grammar('widget', () => undefined).safeParse('x');
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0]!.message).toBe('not a valid widget');
  });
});
