/**
 * Reporting periods (the KPI contract, "Periods"). Responses are placed by their submission date in
 * Europe/London, so every function here works on London calendar dates as "YYYY-MM-DD" text:
 * the same text the database stores, so SQL can filter with `london_date BETWEEN start AND end`.
 *
 *   quarter        2026-Q1   calendar quarters
 *   stocktake      2026-H1   1 Dec 2025 – 31 May 2026 (June stocktake)
 *                  2026-H2   1 Jun 2026 – 30 Nov 2026 (December stocktake)
 *   academic_year  2025/26   1 Sep 2025 – 31 Aug 2026
 */

export const PERIOD_TYPES = ["quarter", "stocktake", "academic_year"] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export function isPeriodType(value: unknown): value is PeriodType {
  return typeof value === "string" && (PERIOD_TYPES as readonly string[]).includes(value);
}

const londonFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A date-time with no "Z" and no "+hh:mm" offset.
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** A calendar month "YYYY-MM" in words: "2024-11" → "November 2024" (anything else as given). */
export function monthName(month: string): string {
  const [year, number] = month.split("-").map(Number);
  if (!year || !number) return month;
  return monthFormat.format(new Date(Date.UTC(year, number - 1, 15, 12)));
}

/**
 * The Europe/London calendar date of an instant, as "YYYY-MM-DD" (handles GMT/BST).
 *
 * Strings: a date-time with "Z" or an offset is an instant. A bare date ("2026-03-31") or a
 * date-time without an offset (as on an imported paper form) is already London wall-clock time,
 * so its date part is returned as is; `new Date()` would read it in the server's own time zone.
 */
export function londonDate(instant: Date | string): string {
  if (typeof instant === "string") {
    const text = instant.trim();
    if (DATE_ONLY.test(text)) return assertLondonDate(text);
    const local = LOCAL_DATE_TIME.exec(text);
    if (local) return assertLondonDate(local[1]);
  }
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(`not a valid date or date-time: ${String(instant)}`);
  }
  const parts = londonFormatter.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const year = get("year");
  if (!/^\d{4}$/.test(year)) throw new RangeError(`year out of range (1000–9999): ${date.toISOString()}`);
  return `${year}-${get("month")}-${get("day")}`;
}

/** The period of `type` that contains the London date "YYYY-MM-DD". */
export function periodOf(type: PeriodType, date: string): string {
  const { year, month } = parseDate(date);
  switch (type) {
    case "quarter":
      return `${year}-Q${Math.ceil(month / 3)}`;
    case "stocktake":
      // December belongs to the next year's H1 (reported at that June's stocktake).
      if (month === 12) return `${year + 1}-H1`;
      return `${year}-H${month <= 5 ? 1 : 2}`;
    case "academic_year":
      return academicYearLabel(month >= 9 ? year : year - 1);
    default:
      return assertNever(type);
  }
}

/** First and last London dates of a period, inclusive, as "YYYY-MM-DD". */
export function periodRange(type: PeriodType, period: string): { start: string; end: string } {
  const { year, index } = parsePeriod(type, period);
  switch (type) {
    case "quarter": {
      const firstMonth = 3 * (index - 1) + 1;
      const lastMonth = firstMonth + 2;
      return { start: ymd(year, firstMonth, 1), end: ymd(year, lastMonth, daysInMonth(year, lastMonth)) };
    }
    case "stocktake":
      return index === 1 ? { start: ymd(year - 1, 12, 1), end: ymd(year, 5, 31) } : { start: ymd(year, 6, 1), end: ymd(year, 11, 30) };
    case "academic_year":
      return { start: ymd(year, 9, 1), end: ymd(year + 1, 8, 31) };
    default:
      return assertNever(type);
  }
}

/** The period immediately before `period` (the comparison period for change figures). */
export function previousPeriod(type: PeriodType, period: string): string {
  return shiftPeriod(type, period, -1);
}

/** The period immediately after `period`. */
export function nextPeriod(type: PeriodType, period: string): string {
  return shiftPeriod(type, period, 1);
}

/** The period type a label is written in ("2026-Q1" → quarter, "2026-H1" → stocktake, "2025/26" → academic_year). */
export function periodTypeOf(period: string): PeriodType {
  if (/^\d{4}-Q[1-4]$/.test(period)) return "quarter";
  if (/^\d{4}-H[12]$/.test(period)) return "stocktake";
  if (/^\d{4}\/\d{2}$/.test(period)) return "academic_year";
  throw new RangeError(`not a period label: ${period}`);
}

/**
 * Chronological comparator for period labels of one type, for `Array.prototype.sort`.
 * Labels of different types overlap in time and are not comparable, so that throws.
 */
export function comparePeriods(a: string, b: string): number {
  const type = periodTypeOf(a);
  if (periodTypeOf(b) !== type) throw new RangeError(`cannot compare periods of different types: ${a}, ${b}`);
  const sa = periodRange(type, a).start;
  const sb = periodRange(type, b).start;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// A survey's dates: the London days it opens and closes, as the instants they start

/** True for a real calendar date written "YYYY-MM-DD". */
export function isCalendarDate(text: string): boolean {
  const match = DATE_ONLY.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

const londonClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The wall-clock time an instant shows in London, as if it were UTC (milliseconds). */
function londonWallTime(instant: number): number {
  const parts = Object.fromEntries(londonClock.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/**
 * The instant at which London clocks show this time. London is UTC+1 (BST) or UTC+0 (GMT): the
 * offset whose wall clock matches wins; in the autumn hour that happens twice, the first (BST);
 * in the spring hour that never happens, the clocks had just gone forward, so GMT is used.
 */
export function londonInstant(y: number, m: number, d: number, h: number, mi: number, s: number, ms: number): Date {
  const wall = Date.UTC(y, m - 1, d, h, mi, s);
  return new Date(wall - londonOffsetAt(wall) + ms);
}

// London's offset is a whole number of hours and changes only on the hour, so one look-up per
// hour serves every row in it: a large file of paper forms shares a few dates. Bounded, and
// safe to share because past offsets never change.
const HOUR = 3_600_000;
const offsetByWallHour = new Map<number, number>();
const dateByUtcHour = new Map<number, string>();

function londonOffsetAt(wall: number): number {
  const hour = Math.floor(wall / HOUR);
  let offset = offsetByWallHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR;
    offset = [HOUR, 0].find((o) => londonWallTime(start - o) === start) ?? 0;
    if (offsetByWallHour.size > 10_000) offsetByWallHour.clear();
    offsetByWallHour.set(hour, offset);
  }
  return offset;
}

/** londonDate, remembered per UTC hour: an import of many rows asks for the same few dates. */
export function londonDateOfInstant(instant: Date): string {
  const hour = Math.floor(instant.getTime() / HOUR);
  let date = dateByUtcHour.get(hour);
  if (date === undefined) {
    date = londonDate(instant);
    if (dateByUtcHour.size > 10_000) dateByUtcHour.clear();
    dateByUtcHour.set(hour, date);
  }
  return date;
}

function londonWallClock(instant: number): string {
  const parts = londonClock.formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

/** The instant a London calendar day starts (midnight GMT or BST), as ISO text. */
export function londonMidnight(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  // London is GMT or one hour ahead; clocks change at 01:00 UTC, so midnight always exists.
  for (const offsetHours of [0, 1]) {
    const candidate = utcMidnight - offsetHours * 3_600_000;
    if (londonWallClock(candidate) === `${date}T00:00`) return new Date(candidate).toISOString();
  }
  return new Date(utcMidnight).toISOString();
}

function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Form dates → stored instants: open from the start of the first day, closed after the last. */
export function datesToInstants(form: { opens_on: string; last_day: string }): { opensAt: string | null; closesAt: string | null } {
  return {
    opensAt: form.opens_on ? londonMidnight(form.opens_on) : null,
    closesAt: form.last_day ? londonMidnight(nextDay(form.last_day)) : null,
  };
}

/** Stored instants → the London dates the form shows. */
export function instantsToDates(stored: { opensAt: string | null; closesAt: string | null }): { opens_on: string; last_day: string } {
  const day = (instant: number) => londonDate(new Date(instant));
  return {
    opens_on: stored.opensAt ? day(Date.parse(stored.opensAt)) : "",
    last_day: stored.closesAt ? day(Date.parse(stored.closesAt) - 1) : "",
  };
}

const londonDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "short", year: "numeric" });

/** "1 Dec 2026" for an opening instant, and the last day for a closing one. */
export function displayDates(stored: { opensAt: string | null; closesAt: string | null }): { opens: string; lastDay: string } {
  return {
    opens: stored.opensAt ? londonDay.format(new Date(stored.opensAt)) : "",
    lastDay: stored.closesAt ? londonDay.format(new Date(Date.parse(stored.closesAt) - 1)) : "",
  };
}

// ---------------------------------------------------------------------------------------------

function shiftPeriod(type: PeriodType, period: string, by: -1 | 1): string {
  const { year, index } = parsePeriod(type, period);
  switch (type) {
    case "quarter": {
      const q = year * 4 + (index - 1) + by;
      return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
    }
    case "stocktake": {
      const h = year * 2 + (index - 1) + by;
      return `${Math.floor(h / 2)}-H${(h % 2) + 1}`;
    }
    case "academic_year":
      return academicYearLabel(year + by);
    default:
      return assertNever(type);
  }
}

/** year: the label's year; index: quarter 1–4 or half 1–2 (1 for academic years, unused). */
function parsePeriod(type: PeriodType, period: string): { year: number; index: number } {
  const bad = () => new RangeError(`not a ${type} period: ${period}`);
  switch (type) {
    case "quarter": {
      const m = /^(\d{4})-Q([1-4])$/.exec(period);
      if (!m) throw bad();
      return { year: Number(m[1]), index: Number(m[2]) };
    }
    case "stocktake": {
      const m = /^(\d{4})-H([12])$/.exec(period);
      if (!m) throw bad();
      return { year: Number(m[1]), index: Number(m[2]) };
    }
    case "academic_year": {
      const m = /^(\d{4})\/(\d{2})$/.exec(period);
      // "2025/27" is not a year: the second part must be the next year's last two digits.
      if (!m || academicYearLabel(Number(m[1])) !== period) throw bad();
      return { year: Number(m[1]), index: 1 };
    }
    default:
      return assertNever(type);
  }
}

function academicYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

function parseDate(date: string): { year: number; month: number; day: number } {
  const m = DATE_ONLY.exec(date);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return { year, month, day };
}

function assertLondonDate(date: string): string {
  parseDate(date);
  return date;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC so the host time zone cannot interfere.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function assertNever(value: never): never {
  throw new RangeError(`unknown period type: ${String(value)}`);
}
