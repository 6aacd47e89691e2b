import { localeOf } from "./index";

/**
 * The London calendar day of an instant, written the page's language's way ("15 January 2027",
 * "15 جنوری، 2027"), always in the Gregorian calendar: a survey opens on the forum's date, and
 * some locales (Pashto) would otherwise name it in another calendar.
 */
export function formatLondonDay(instant: string | Date, language: string): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "long", calendar: "gregory", timeZone: "Europe/London" }).format(date);
}
