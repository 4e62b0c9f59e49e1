// Country names, dates and periods in the page's language, from the graph's ISO codes and dates
// (which may be a year, a month or a day: "2008", "2016-02", "2016-02-25").
import { fill, UI_STRINGS, type UiLanguage } from "./ui-strings";

/** The country's name in the language; the graph's English name where Intl does not know it. */
export function countryName(code: string, englishName: string, language: UiLanguage): string {
  try {
    const names = new Intl.DisplayNames([language], { type: "region", fallback: "none" });
    return names.of(code.toUpperCase()) ?? englishName;
  } catch {
    return englishName;
  }
}

const DATE_PATTERN = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/;

/** "25. februar 2016", "februar 2016" or "2016", as precise as the date is; the text itself otherwise. */
export function formatDate(date: string, language: UiLanguage): string {
  const match = DATE_PATTERN.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  const value = new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)));
  const options: Intl.DateTimeFormatOptions = day
    ? { year: "numeric", month: "long", day: "numeric" }
    : month
      ? { year: "numeric", month: "long" }
      : { year: "numeric" };
  return new Intl.DateTimeFormat(language, { ...options, timeZone: "UTC" }).format(value);
}

export function formatYear(date: string, language: UiLanguage): string {
  const year = DATE_PATTERN.exec(date)?.[1];
  return year ? formatDate(year, language) : date;
}

/** "since 2008", "2008–2015", "until 2015", or "" when neither end is known. */
export function formatPeriod(since: string | null, until: string | null, language: UiLanguage): string {
  const strings = UI_STRINGS[language];
  if (since && until) return `${formatYear(since, language)}–${formatYear(until, language)}`;
  if (since) return fill(strings.sinceYear, { year: formatYear(since, language) });
  if (until) return fill(strings.untilYear, { year: formatYear(until, language) });
  return "";
}
