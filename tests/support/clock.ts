/**
 * The clock the tests give the demo seed. Sample responses end where the current stocktake
 * half-year begins, so every half-year they fill is complete (about 160 parent responses each),
 * and tests read the half-year they name: SAMPLE_PERIOD, the last one, never "the latest period".
 * Any day of the year gives the same shape of data, which is what lets the suite pass on the
 * first days of a stocktake period as on any other (`npm run test:calendar` proves it).
 */
import { londonDate, periodOf, periodRange, previousPeriod } from "~/domain/periods";

const currentHalfYear = periodOf("stocktake", londonDate(new Date()));

/** The last stocktake half-year the sample responses fill completely. */
export const SAMPLE_PERIOD = previousPeriod("stocktake", currentHalfYear);

/** The seed's clock: noon on the last day of SAMPLE_PERIOD (London), so no sample falls after it. */
export const SAMPLE_UNTIL = new Date(`${periodRange("stocktake", SAMPLE_PERIOD).end}T12:00:00Z`);

/** An instant inside SAMPLE_PERIOD, away from its edges: for answers a test adds to that period. */
export function insideSamplePeriod(daysFromStart = 60): Date {
  const start = new Date(`${periodRange("stocktake", SAMPLE_PERIOD).start}T12:00:00Z`);
  return new Date(start.getTime() + daysFromStart * 24 * 3600 * 1000);
}
