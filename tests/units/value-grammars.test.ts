import { describe, expect, it } from 'vitest';
import { parseBoolean } from '../../src/units/boolean.js';
import { formatTimeSpan, parseTimeSpan } from '../../src/units/time-span.js';
import { signalFromString, signalToString } from '../../src/units/signals.js';
import { parseExitStatusSet } from '../../src/units/exit-status.js';
import { parseMode } from '../../src/units/mode.js';
import { parseSize } from '../../src/units/size.js';
import { parseResourceLimit } from '../../src/units/resource-limit.js';
import { parseCondition } from '../../src/units/condition.js';

describe('booleans', () => {
  it.each([
    ['yes', true], ['YES', true], ['true', true], ['on', true], ['1', true], ['y', true], ['t', true],
    ['no', false], ['False', false], ['off', false], ['0', false], ['n', false], ['f', false],
    ['maybe', undefined], ['', undefined], ['2', undefined],
  ])('%j -> %j', (v, expected) => expect(parseBoolean(v)).toBe(expected));
});

describe('time spans (ms)', () => {
  it.each([
    ['90', 90_000], ['5s', 5000], ['1min 30s', 90_000], ['1min30s', 90_000], ['infinity', Infinity], ['0', 0],
    ['5min', 300_000], ['1h', 3_600_000], ['12h', 43_200_000], ['30m', 1_800_000], ['900', 900_000],
    ['2.5s', 2500], ['100ms', 100], ['1d', 86_400_000], ['1w', 604_800_000], ['5 s', 5000],
    ['1h 5min 3s', 3_903_000], ['500us', 0.5], ['10sec', 10_000], ['2 minutes', 120_000],
    ['1y', 31_557_600_000], ['1M', 2_629_800_000],
    ['5x', undefined], ['', undefined], ['-5', undefined], ['s', undefined], ['1.2.3s', undefined],
  ])('%j -> %j', (v, expected) => expect(parseTimeSpan(v)).toBe(expected));
  it('formats', () => {
    expect(formatTimeSpan(90_000)).toBe('1min 30s');
    expect(formatTimeSpan(Infinity)).toBe('infinity');
  });
});

describe('signals', () => {
  it.each([
    ['SIGTERM', 15], ['TERM', 15], ['15', 15], ['SIGINT', 2], ['SIGQUIT', 3], ['SIGUSR1', 10], ['SIGKILL', 9],
    ['SIGABRT', 6], ['SIGIOT', undefined], ['SIGRTMIN', 34], ['SIGRTMIN+3', 37], ['RTMIN+3', 37], ['SIGRTMAX', 64],
    ['SIGRTMAX-1', 63], ['SIGWINCH', 28], ['SIGPWR', 30],
    ['SIGFOO', undefined], ['0', undefined], ['65', undefined], ['SIGRTMIN-1', undefined], ['SIGRTMAX+1', undefined], ['SIGRTMIN+31', undefined],
  ])('%j -> %j', (v, expected) => expect(signalFromString(v)).toBe(expected));
  it.each([[15, 'SIGTERM'], [37, 'SIGRTMIN+3'], [34, 'SIGRTMIN'], [99, '99']])('%j -> %j', (n, s) => expect(signalToString(n)).toBe(s));
});

describe('exit status lists', () => {
  it.each([
    ['0', { statuses: [0], signals: [] }],
    ['1 2 8 SIGKILL', { statuses: [1, 2, 8], signals: [9] }],
    ['143 SIGTERM', { statuses: [143], signals: [15] }],
    ['TEMPFAIL 255', { statuses: [75, 255], signals: [] }],
    ['USR1', { statuses: [], signals: [10] }],
    ['256', undefined], ['FOO', undefined],
  ])('%j', (v, expected) => expect(parseExitStatusSet(v)).toEqual(expected));
});

describe('octal modes', () => {
  it.each([['0755', 0o755], ['2755', 0o2755], ['0775', 0o775], ['027', 0o27], ['7', 7], ['0007', 7], ['0800', undefined], ['abc', undefined], ['17777', undefined]])(
    '%j', (v, expected) => expect(parseMode(v)).toBe(expected));
});

describe('sizes', () => {
  it.each([['512', 512], ['64K', 65_536], ['1M', 1_048_576], ['1.5G', 1_610_612_736], ['2T', 2 * 1024 ** 4], ['10KB', 10_240], ['1Q', undefined], ['', undefined]])(
    '%j', (v, expected) => expect(parseSize(v)).toBe(expected));
});

describe('resource limits', () => {
  it.each([
    ['65536', 'count', { soft: 65_536, hard: 65_536 }],
    ['infinity', 'count', { soft: Infinity, hard: Infinity }],
    ['1024:4096', 'count', { soft: 1024, hard: 4096 }],
    ['1024:infinity', 'count', { soft: 1024, hard: Infinity }],
    ['8M', 'size', { soft: 8_388_608, hard: 8_388_608 }],
    ['0', 'size', { soft: 0, hard: 0 }],
    ['1h', 'seconds', { soft: 3600, hard: 3600 }],
    ['-5', 'nice', { soft: 25, hard: 25 }],
    ['4096:1024', 'count', undefined],
    ['1:2:3', 'count', undefined],
    ['lots', 'count', undefined],
  ] as const)('%j (%s)', (v, kind, expected) => expect(parseResourceLimit(v, kind)).toEqual(expected));
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
