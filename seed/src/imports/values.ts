// Reading the values of import rows: dates, Wikidata times and items, sums of money. Each reader
// returns null for an empty value and throws a RowError, naming the value, for one it cannot read.
import { isIsoDate } from "@twingraph/kit/text";
import type { Money } from "@twingraph/projects";
import { RowError } from "../places";

/** "1957", "1957-05" or "1957-05-22", as the graph stores dates; null when empty. */
export function isoDate(value: string, what: string): string | null {
  if (value === "") return null;
  if (!isIsoDate(value))
    throw new RowError(`${what} "${value}" is not an ISO year or date (1957, 1957-05 or 1957-05-22)`);
  return value;
}

/** "1957-05-22", "1957" or "22.05.1957" (day first, the dotted European form); null when empty. */
export function projectDate(value: string, what: string): string | null {
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (!dotted) return isoDate(value, what);
  const [, day, month, year] = dotted;
  return isoDate(`${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`, what);
}

/** The later of two dates of the forms above comes first: a row that ends before it starts. */
export function checkOrder(start: string | null, end: string | null, what: string): void {
  // ISO dates of any precision compare as strings; "1957" against "1957-05" is not an order fault
  if (start && end && end < start && !start.startsWith(end))
    throw new RowError(`${what} ends (${end}) before it starts (${start})`);
}

const WIKIDATA_TIME = /^(\d{4})-(\d{2})-(\d{2})T00:00:00Z$/;
/** WDQS writes an unknown value ("somevalue") as a blank node or a genid URI. */
const UNKNOWN_VALUE = /^(_:|t\d+$|https?:\/\/www\.wikidata\.org\/\.well-known\/genid\/)/;

/**
 * A WDQS time as the graph's date. WDQS renders every time as a full timestamp and drops its
 * precision, and most twinning dates in Wikidata have year precision ("since 1957"), which WDQS
 * writes as 1957-01-01: reading that as 1 January would invent a day the statement never gave, so
 * 01-01 becomes the year alone (a real 1 January loses its day and month, a rare and small loss).
 * Any other day is kept as the date. An unknown value ("somevalue") is no date.
 */
export function wikidataTime(value: string, what: string): string | null {
  if (value === "" || UNKNOWN_VALUE.test(value)) return null;
  const time = WIKIDATA_TIME.exec(value);
  if (!time) return isoDate(value, what);
  const [, year, month, day] = time;
  if (month === "01" && day === "01") return year;
  return isoDate(`${year}-${month}-${day}`, what);
}

const WIKIDATA_ITEM = /^(?:https?:\/\/www\.wikidata\.org\/(?:entity|wiki)\/)?(Q[1-9]\d*)$/;

/** "http://www.wikidata.org/entity/Q1234" or "Q1234" -> "Q1234". */
export function wikidataItem(value: string, what: string): string {
  if (value === "") throw new RowError(`${what} is empty`);
  const item = WIKIDATA_ITEM.exec(value);
  if (!item) throw new RowError(`${what} "${value}" is not a Wikidata item (Q1234 or its entity URI)`);
  return item[1];
}

export function wikidataUrl(item: string): string {
  return `https://www.wikidata.org/wiki/${item}`;
}

/** Spaces a spreadsheet may group thousands with: ordinary, no-break and narrow no-break. */
const GROUP_SPACE = /[ \u00A0\u202F]/g;
const EURO_MARK = /^(?:€|EUR)\s*|\s*(?:€|EUR)$/gi;

/**
 * A sum in euros. Accepted: "1234567.89", "1234567,89", "1 234 567,89", "1,234,567.89",
 * "1.234.567,89", with "€" or "EUR" before or after. With both "." and "," the last one is the
 * decimal mark; a mark used more than once groups thousands; any grouping must be of three digits;
 * cents have one or two digits. A single mark followed by exactly three digits ("1,234", "1.234")
 * could be either and is rejected rather than guessed; so are negative sums and other currencies.
 */
export function euros(value: string, what: string): Money | null {
  const text = value.trim().replace(EURO_MARK, "").replace(GROUP_SPACE, " ").trim();
  if (text === "") {
    if (value.trim() === "") return null;
    throw new RowError(`${what} "${value}" has no amount`);
  }
  const amount = amountOf(text);
  if (amount === undefined)
    throw new RowError(
      `${what} "${value}" is not a sum in euros (such as 1234567.89, 1 234 567,89 or € 1.234.567,89)`,
    );
  if (amount === "ambiguous")
    throw new RowError(
      `${what} "${value}" is ambiguous: one "." or "," before three digits may group thousands or mark decimals`,
    );
  return { amount, currency: "EUR" };
}

function amountOf(text: string): number | "ambiguous" | undefined {
  if (!/^\d(?:[\d ,.]*\d)?$/.test(text)) return undefined;
  const decimalMark = decimalMarkOf(text);
  if (decimalMark === "ambiguous") return decimalMark;
  const at = decimalMark ? text.lastIndexOf(decimalMark) : text.length;
  const whole = text.slice(0, at);
  const cents = decimalMark ? text.slice(at + 1) : "0";
  if (!/^\d{1,2}$/.test(cents)) return undefined;
  const groupMarks = new Set(whole.replace(/\d/g, ""));
  if (groupMarks.size > 1) return undefined;
  const [groupMark] = groupMarks;
  const groups = groupMark ? whole.split(groupMark) : [whole];
  const grouped =
    groups.length === 1 ||
    (/^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((group) => /^\d{3}$/.test(group)));
  return grouped ? Number(`${groups.join("")}.${cents}`) : undefined;
}

/** "." or "," as the decimal mark; none; or "ambiguous" when a lone mark stands before three digits. */
function decimalMarkOf(text: string): "." | "," | "ambiguous" | undefined {
  const dots = text.split(".").length - 1;
  const commas = text.split(",").length - 1;
  if (dots > 0 && commas > 0) return text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
  const mark = dots > 0 ? "." : commas > 0 ? "," : undefined;
  // no mark, or one mark repeated: it groups thousands
  if (!mark || dots + commas > 1) return undefined;
  // "1 234,567": the spaces group thousands, so the mark is a decimal mark (with too many digits)
  const beforeThreeDigits = /^\d{3}$/.test(text.slice(text.indexOf(mark) + 1));
  return beforeThreeDigits && !text.includes(" ") ? "ambiguous" : mark;
}
