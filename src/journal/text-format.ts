// The default stream format, one line per record:
//   2026-11-22T11:03:09.123Z nginx.service[42]: message
import type { JournalRecord } from './record.js';

const MS_PER_DAY = 86_400_000;
/** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
const EPOCH_FROM_MARCH_0000 = 719_468;
const DAYS_PER_400_YEARS = 146_097;
/** 9999-12-31T23:59:59.999Z: the last time with a four-digit year. */
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * `new Date(ms).toISOString()` in arithmetic: V8 loads the time zone (/etc/localtime, ICU) the
 * first time it formats a Date, ~0.2 ms on PID 1's way to its first service, for a UTC string.
 * Years count from March so that the leap day ends each one.
 */
export function isoTimestamp(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > LAST_FOUR_DIGIT_YEAR_MS) return new Date(ms).toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const fromMarch0000 = days + EPOCH_FROM_MARCH_0000;
  const era = Math.floor(fromMarch0000 / DAYS_PER_400_YEARS);
  const dayOfEra = fromMarch0000 - era * DAYS_PER_400_YEARS;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(rest - seconds * 1000, 3)}Z`;
}

export function formatTextPrefix(time: number, name: string, pid: number): string {
  return `${isoTimestamp(time)} ${name}[${pid}]: `;
}

export function formatText(record: JournalRecord): string {
  return formatTextPrefix(record.time, record.identifier ?? record.unit, record.pid) + record.message + '\n';
}
