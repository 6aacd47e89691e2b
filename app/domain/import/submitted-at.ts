import { londonDate, londonDateOfInstant, londonInstant } from "../periods";

// --- submitted_at -----------------------------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$/;

/** Anything earlier is taken for a typing slip in the year (the SEND reforms date from 2014). */
const EARLIEST_YEAR = 2000;

/**
 * submitted_at as an instant and its London date. A date alone is that London date (stored at
 * noon London time, or at the import time if noon today has not come yet); a date-time without
 * an offset is London wall-clock time, as on a paper form; with "Z" or an offset it is exact.
 */
export function readSubmittedAt(
  value: string,
  now: Date,
): { ok: true; submittedAt: string; submittedOn: string } | { ok: false; message: string } {
  const bad = (why: string) => ({ ok: false as const, message: `"${value}" ${why}` });
  const format = "is not a date. Use YYYY-MM-DD (for example 2026-03-14), or a date and time such as 2026-03-14T10:30.";

  const date = DATE.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!isCalendarDate(y, m, d)) return bad("is not a real calendar date.");
    if (y < EARLIEST_YEAR) return bad(`is before ${EARLIEST_YEAR}. Check the year.`);
    if (value > londonDate(now)) return bad("is in the future.");
    const noon = londonInstant(y, m, d, 12, 0, 0, 0);
    const at = noon.getTime() > now.getTime() ? now : noon;
    return { ok: true, submittedAt: at.toISOString(), submittedOn: value };
  }

  const dt = DATE_TIME.exec(value);
  if (dt) {
    const [y, m, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(dt[i]));
    const s = Number(dt[6] ?? 0);
    const ms = Number(((dt[7] ?? "") + "000").slice(0, 3));
    if (!isCalendarDate(y, m, d) || h > 23 || mi > 59 || s > 59) return bad("is not a real date and time.");
    if (y < EARLIEST_YEAR) return bad(`is before ${EARLIEST_YEAR}. Check the year.`);
    let instant: Date;
    const offset = dt[8];
    if (!offset) instant = londonInstant(y, m, d, h, mi, s, ms);
    else {
      const minutes = offset.toUpperCase() === "Z" ? 0 : offsetMinutes(offset);
      if (minutes === null) return bad("has an offset that is not a real time zone offset.");
      instant = new Date(Date.UTC(y, m - 1, d, h, mi, s, ms) - minutes * 60_000);
    }
    if (instant.getTime() > now.getTime()) return bad("is in the future.");
    return { ok: true, submittedAt: instant.toISOString(), submittedOn: londonDateOfInstant(instant) };
  }

  const uk = UK_DATE.exec(value);
  if (uk) {
    const suggestion = `${uk[3]}-${uk[2].padStart(2, "0")}-${uk[1].padStart(2, "0")}`;
    return bad(`is not in the form YYYY-MM-DD. If it means day/month/year, write ${suggestion}.`);
  }
  return bad(format);
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function offsetMinutes(offset: string): number | null {
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(offset);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}
