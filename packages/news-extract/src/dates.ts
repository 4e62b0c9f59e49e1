// Dates in news text: numeric ("26.10.2020", "27/02/2020", ISO), day + month name in the inflected
// forms of each language ("25. februarja 2016", "Среда, 29. септембар 2021.", "le 12 décembre",
// "am 3. März 2023"), English "December 12, 2022", month + year, cued years ("leta 2008", "2009.
// godine"), and relative words ("včeraj", "yesterday", "prošlog petka") resolved against the
// publication date. eventDate picks the event's date from them.
import { isIsoDate } from "@twingraph/kit/text";
import type { DateMention, NewsLanguage, Span } from "./types";

type Language = NewsLanguage | "und";

// ---------------------------------------------------------------------------------------------
// Month and weekday names

/** Serbian Latin to Cyrillic, enough for month and weekday names and the cue words. */
function toSerbianCyrillic(latin: string): string {
  const digraphs: Record<string, string> = { lj: "љ", nj: "њ", dž: "џ" };
  const letters: Record<string, string> = {
    a: "а",
    b: "б",
    c: "ц",
    č: "ч",
    ć: "ћ",
    d: "д",
    đ: "ђ",
    e: "е",
    f: "ф",
    g: "г",
    h: "х",
    i: "и",
    j: "ј",
    k: "к",
    l: "л",
    m: "м",
    n: "н",
    o: "о",
    p: "п",
    r: "р",
    s: "с",
    š: "ш",
    t: "т",
    u: "у",
    v: "в",
    z: "з",
    ž: "ж",
  };
  return latin.replace(/lj|nj|dž|./g, (ch) => digraphs[ch] ?? letters[ch] ?? ch);
}

/** Serbian, Bosnian (and Croatian loan) month names: nominative and oblique stem (-a, -u, -om). */
const SERBIAN_MONTHS: readonly [string, string][] = [
  ["januar", "januar"],
  ["februar", "februar"],
  ["mart", "mart"],
  ["april", "april"],
  ["maj", "maj"],
  ["jun", "jun"],
  ["jul", "jul"],
  ["avgust", "avgust"],
  ["septembar", "septembr"],
  ["oktobar", "oktobr"],
  ["novembar", "novembr"],
  ["decembar", "decembr"],
];
/** Slovene: nominative and the stem of the other cases (januarja, v januarju, marca, v marcu). */
const SLOVENE_MONTHS: readonly [string, string, readonly string[]][] = [
  ["januar", "januar", ["ja", "ju", "jem"]],
  ["februar", "februar", ["ja", "ju", "jem"]],
  ["marec", "marc", ["a", "u", "em"]],
  ["april", "april", ["a", "u", "om"]],
  ["maj", "maj", ["a", "u", "em"]],
  ["junij", "junij", ["a", "u", "em"]],
  ["julij", "julij", ["a", "u", "em"]],
  ["avgust", "avgust", ["a", "u", "om"]],
  ["september", "septembr", ["a", "u", "om"]],
  ["oktober", "oktobr", ["a", "u", "om"]],
  ["november", "novembr", ["a", "u", "om"]],
  ["december", "decembr", ["a", "u", "om"]],
];
const CROATIAN_MONTHS: readonly (readonly string[])[] = [
  ["siječanj", "siječnja", "siječnju"],
  ["veljača", "veljače", "veljači", "veljaču"],
  ["ožujak", "ožujka", "ožujku"],
  ["travanj", "travnja", "travnju"],
  ["svibanj", "svibnja", "svibnju"],
  ["lipanj", "lipnja", "lipnju"],
  ["srpanj", "srpnja", "srpnju"],
  ["kolovoz", "kolovoza", "kolovozu"],
  ["rujan", "rujna", "rujnu"],
  ["listopad", "listopada", "listopadu"],
  ["studeni", "studenoga", "studenog", "studenom"],
  ["prosinac", "prosinca", "prosincu"],
];
const MACEDONIAN_MONTHS = [
  "јануари",
  "февруари",
  "март",
  "април",
  "мај",
  "јуни",
  "јули",
  "август",
  "септември",
  "октомври",
  "ноември",
  "декември",
];
const FRENCH_MONTHS: readonly (readonly string[])[] = [
  ["janvier", "janv"],
  ["février", "fevrier", "févr"],
  ["mars"],
  ["avril", "avr"],
  ["mai"],
  ["juin"],
  ["juillet", "juil"],
  ["août", "aout"],
  ["septembre"],
  ["octobre"],
  ["novembre"],
  ["décembre", "decembre", "déc"],
];
/** German and English names are capitalised nouns; they only count when written so ("May" the
 *  month, not "may" the verb). */
const GERMAN_MONTHS: readonly (readonly string[])[] = [
  ["Januar", "Jänner"],
  ["Februar", "Feber"],
  ["März"],
  ["April"],
  ["Mai"],
  ["Juni"],
  ["Juli"],
  ["August"],
  ["September"],
  ["Oktober"],
  ["November"],
  ["Dezember"],
];
const ENGLISH_MONTHS: readonly (readonly string[])[] = [
  ["January", "Jan"],
  ["February", "Feb"],
  ["March", "Mar"],
  ["April", "Apr"],
  ["May"],
  ["June", "Jun"],
  ["July", "Jul"],
  ["August", "Aug"],
  ["September", "Sept", "Sep"],
  ["October", "Oct"],
  ["November", "Nov"],
  ["December", "Dec"],
];

interface MonthName {
  month: number;
  /** written with a capital only (German and English names not also used lowercase elsewhere) */
  capitalOnly: boolean;
  /** an English name, the only ones that may come before the day ("December 12") */
  english: boolean;
}

function buildMonthNames(): Map<string, MonthName> {
  const names = new Map<string, MonthName>();
  const add = (name: string, month: number, capitalOnly: boolean, english = false) => {
    const key = name.toLowerCase();
    const known = names.get(key);
    if (known) {
      known.capitalOnly &&= capitalOnly;
      known.english ||= english;
    } else names.set(key, { month, capitalOnly, english });
  };
  SERBIAN_MONTHS.forEach(([nominative, stem], i) => {
    for (const form of [nominative, `${stem}a`, `${stem}u`, `${stem}om`]) {
      add(form, i + 1, false);
      add(toSerbianCyrillic(form), i + 1, false);
    }
  });
  SLOVENE_MONTHS.forEach(([nominative, stem, endings], i) => {
    add(nominative, i + 1, false);
    for (const ending of endings) add(stem + ending, i + 1, false);
  });
  CROATIAN_MONTHS.forEach((forms, i) => {
    for (const form of forms) add(form, i + 1, false);
  });
  MACEDONIAN_MONTHS.forEach((name, i) => {
    add(name, i + 1, false);
  });
  FRENCH_MONTHS.forEach((forms, i) => {
    for (const form of forms) add(form, i + 1, false);
  });
  GERMAN_MONTHS.forEach((forms, i) => {
    for (const form of forms) add(form, i + 1, true);
  });
  ENGLISH_MONTHS.forEach((forms, i) => {
    for (const form of forms) add(form, i + 1, true, true);
  });
  return names;
}

const MONTH_NAMES = buildMonthNames();

/** Weekday names (0 = Sunday, as Date.getUTCDay) in the forms the patterns below use. */
const WEEKDAYS: readonly (readonly string[])[] = [
  [
    "nedelja",
    "nedeljo",
    "nedelje",
    "nedelju",
    "nedjelja",
    "nedjelju",
    "nedjelje",
    "недела",
    "dimanche",
    "Sonntag",
    "Sunday",
  ],
  [
    "ponedeljek",
    "ponedeljka",
    "ponedeljak",
    "ponedjeljak",
    "ponedjeljka",
    "понеделник",
    "lundi",
    "Montag",
    "Monday",
  ],
  ["torek", "torka", "utorak", "utorka", "вторник", "mardi", "Dienstag", "Tuesday"],
  [
    "sreda",
    "sredo",
    "srede",
    "sredu",
    "srijeda",
    "srijedu",
    "srijede",
    "среда",
    "mercredi",
    "Mittwoch",
    "Wednesday",
  ],
  ["četrtek", "četrtka", "četvrtak", "četvrtka", "четврток", "jeudi", "Donnerstag", "Thursday"],
  ["petek", "petka", "petak", "петок", "vendredi", "Freitag", "Friday"],
  [
    "sobota",
    "soboto",
    "sobote",
    "subota",
    "subotu",
    "subote",
    "сабота",
    "samedi",
    "Samstag",
    "Sonnabend",
    "Saturday",
  ],
];

function buildWeekdayNames(): Map<string, number> {
  const names = new Map<string, number>();
  WEEKDAYS.forEach((forms, day) => {
    for (const form of forms) {
      names.set(form.toLowerCase(), day);
      if (/^[a-zčćšžđ]+$/.test(form)) names.set(toSerbianCyrillic(form), day);
    }
  });
  return names;
}

const WEEKDAY_NAMES = buildWeekdayNames();

// ---------------------------------------------------------------------------------------------
// Patterns

function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|");
}

const MONTH = `(${alternation(MONTH_NAMES.keys())})`;
const WEEKDAY = `(?:${alternation(WEEKDAY_NAMES.keys())})`;
const NOT_LETTER_BEFORE = "(?<![\\p{L}\\p{N}])";
const NOT_LETTER_AFTER = "(?![\\p{L}\\p{N}])";
/** "godine", "године", "g.", "г." after a year in the South Slavic languages */
const YEAR_WORD = "(?:\\s*(?:godine|godini|godinu|godina|године|години|годину|година|god\\.|g\\.|г\\.))";
const YEAR = "(1[89]\\d\\d|2[01]\\d\\d)";

/** [weekday,] day[.|er|st…] [of] month[.] [[,] year[.][ godine]] */
const DAY_MONTH = new RegExp(
  `${NOT_LETTER_BEFORE}(?:${WEEKDAY},?\\s+)?(\\d{1,2})(?:\\.|er|st|nd|rd|th)?\\s*(?:of\\s+|de\\s+)?${MONTH}` +
    `(?:\\.(?=\\s*,?\\s*\\d))?(?:,?\\s*${YEAR}(?![\\d])(\\.?${YEAR_WORD}|\\.(?!\\d))?)?${NOT_LETTER_AFTER}`,
  "giu",
);
/** [weekday,] Month day[st…][, year] (English) */
const MONTH_DAY = new RegExp(
  `${NOT_LETTER_BEFORE}(?:${WEEKDAY},?\\s+)?${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+${YEAR})?(?![\\p{L}\\d:])`,
  "giu",
);
/** month[,] year: "decembra 2016", "en décembre 2022", "March 2023" */
const MONTH_YEAR = new RegExp(
  `${NOT_LETTER_BEFORE}${MONTH}\\.?,?\\s+${YEAR}(\\.?${YEAR_WORD}|\\.(?!\\d))?${NOT_LETTER_AFTER}`,
  "giu",
);
/** d.m.yyyy, d. m. yyyy., d/m/yyyy, d-m-yyyy (the same separator twice) */
const NUMERIC =
  /(?<![\p{L}\p{N}]|\d[.,/-])(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4})(\.(?!\d))?(?![\p{N}]|[.,/-]\d)/gu;
/** d.m. without a year ("26. 10."), only with both dots and not opening a line (list numbers) */
const NUMERIC_NO_YEAR = /(?<![\p{L}\p{N}]|\d\.\s?|^[ \t]*)(\d{1,2})\.\s?(\d{1,2})\.(?!\s?\d)(?![\p{L}])/gmu;
/** ISO 8601: 2022-12-14 (a time after it is left out) */
const ISO = /(?<![\p{L}\p{N}-])(\d{4})-(\d{2})-(\d{2})(?![\p{N}])/gu;
/** a year with a cue word before or after it: "leta 2008", "in 2008", "2009. godine" */
const CUED_YEAR = new RegExp(
  `${NOT_LETTER_BEFORE}(?:(?:leta|letu|od\\s+leta|godine|godina|године|година|in|en|depuis|since|seit|im\\s+Jahr|year|l'année|l’année|anno)\\s+)${YEAR}(?![\\p{N}]|[.,]\\d)` +
    `|${NOT_LETTER_BEFORE}${YEAR}\\.?${YEAR_WORD}${NOT_LETTER_AFTER}`,
  "giu",
);

/** A month with a cue word and no day or year: "konec aprila", "u julu", "en mars", "in May". */
const CUED_MONTH = new RegExp(
  `${NOT_LETTER_BEFORE}(?:konec|začetek|začetku|sredi|v|u|krajem|početkom|sredinom|tokom|tijekom|у|крајем|почетком|средином|током|во|en|fin|début|courant|im|Ende|Anfang|Mitte|in|early|late|mid|end\\s+of|beginning\\s+of)[\\s-]+${MONTH}(?![\\p{L}\\p{N}]|\\.?,?\\s*\\d)`,
  "giu",
);

/** Relative day words per language, with the number of days before publication. */
const RELATIVE_DAYS: Partial<Record<NewsLanguage, Record<string, number>>> = {
  sl: { danes: 0, včeraj: 1, predvčerajšnjim: 2, jutri: -1 },
  sr: {
    danas: 0,
    juče: 1,
    jučer: 1,
    prekjuče: 2,
    prekjučer: 2,
    sutra: -1,
    данас: 0,
    јуче: 1,
    јучер: 1,
    прекјуче: 2,
    прекјучер: 2,
    сутра: -1,
  },
  hr: { danas: 0, jučer: 1, juče: 1, prekjučer: 2, sutra: -1 },
  bs: { danas: 0, jučer: 1, juče: 1, prekjučer: 2, prekjuče: 2, sutra: -1 },
  mk: { денес: 0, вчера: 1, завчера: 2, утре: -1 },
  fr: { "aujourd'hui": 0, "aujourd’hui": 0, hier: 1, "avant-hier": 2, demain: -1 },
  de: { heute: 0, gestern: 1, vorgestern: 2 },
  en: { today: 0, yesterday: 1, "the day before yesterday": 2, tomorrow: -1 },
};

/**
 * How a weekday reference is resolved against the publication day:
 * "past" — the latest such day before it ("last Friday", "prošlog petka", "vendredi dernier");
 * "onOrBefore" — the latest on or before it (Slovene adjectives: "ob petkovem podpisu", at
 *   Friday's signing, are written after the fact);
 * "nearest" — the closest such day either way, within three days ("v petek", "u ponedeljak",
 *   "on Friday", "ce samedi", "am Montag": news speak of the days around them, past or coming).
 */
type WeekdayRule = "past" | "onOrBefore" | "nearest";

interface WeekdayPhrase {
  /** with a capture group for the weekday's name */
  pattern: RegExp;
  rule: WeekdayRule;
}

function weekdayPhrase(before: string, after: string, rule: WeekdayRule, flags = "giu"): WeekdayPhrase {
  return {
    pattern: new RegExp(`${NOT_LETTER_BEFORE}${before}(${WEEKDAY})${after}${NOT_LETTER_AFTER}`, flags),
    rule,
  };
}

const SERBO_CROATIAN_PAST = "(?:prošlog|prošle|prošli|prošlu|proteklog|protekle|prethodnog|prethodne)\\s+";
const WEEKDAY_PHRASES: Partial<Record<NewsLanguage, WeekdayPhrase[]>> = {
  en: [
    weekdayPhrase("(?:last|this\\s+past)\\s+", "", "past", "giu"),
    // English capitalises weekdays; a bare one ("the ceremony was held Wednesday") is a reference.
    {
      pattern:
        /(?<![\p{L}\p{N}])(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\p{L}\p{N}])/gu,
      rule: "nearest",
    },
  ],
  sl: [
    weekdayPhrase("(?:prejšnji|prejšnjo|pretekli|preteklo|minuli|minulo)\\s+", "", "past"),
    weekdayPhrase("v\\s+", "", "nearest"),
    {
      pattern: /(?<![\p{L}\p{N}])(ponedeljkov|torkov|sredin|četrtkov|petkov|sobotn|nedeljsk)\p{L}*/giu,
      rule: "onOrBefore",
    },
  ],
  sr: [
    weekdayPhrase(SERBO_CROATIAN_PAST, "", "past"),
    weekdayPhrase("(?:прошлог|прошле|прошли|прошлу|протеклог|протекле|претходног|претходне)\\s+", "", "past"),
    weekdayPhrase("(?:u|у)\\s+", "", "nearest"),
  ],
  hr: [weekdayPhrase(SERBO_CROATIAN_PAST, "", "past"), weekdayPhrase("u\\s+", "", "nearest")],
  bs: [weekdayPhrase(SERBO_CROATIAN_PAST, "", "past"), weekdayPhrase("u\\s+", "", "nearest")],
  mk: [
    weekdayPhrase("(?:минатиот|минатата|изминатиот|изминатата)\\s+", "", "past"),
    weekdayPhrase("(?:во|в)\\s+", "", "nearest"),
  ],
  fr: [weekdayPhrase("", "\\s+dernier", "past"), weekdayPhrase("ce\\s+", "", "nearest")],
  de: [
    weekdayPhrase("(?:am\\s+)?(?:letzten|vergangenen|vorigen)\\s+", "", "past"),
    weekdayPhrase("am\\s+", "", "nearest"),
  ],
};

/** Slovene weekday adjective stems, for "ob petkovem podpisu" */
const SLOVENE_WEEKDAY_ADJECTIVES: Record<string, number> = {
  nedeljsk: 0,
  ponedeljkov: 1,
  torkov: 2,
  sredin: 3,
  četrtkov: 4,
  petkov: 5,
  sobotn: 6,
};

// ---------------------------------------------------------------------------------------------
// Calendar helpers

interface Day {
  year: number;
  month: number;
  day: number;
}

function parseDay(iso: string | null | undefined): Day | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function isoDay(d: Day): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

function toUtc(d: Day): number {
  return Date.UTC(d.year, d.month - 1, d.day);
}

function fromUtc(ms: number): Day {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const DAY_MS = 86_400_000;
/** A yearless date further than this after publication belongs to the year before. */
const YEARLESS_AHEAD_DAYS = 62;

/** Gives the year of a day (or, with day 1, a month) written without one, or null. */
type YearResolver = (month: number, day: number) => number | null;

/** Publication's year, or the one before when that would put the date more than about two
 *  months after publication. */
function yearFromPublication(published: Day): YearResolver {
  return (month, day) => {
    const sameYear = toUtc({ year: published.year, month, day });
    return sameYear - toUtc(published) > YEARLESS_AHEAD_DAYS * DAY_MS ? published.year - 1 : published.year;
  };
}

// ---------------------------------------------------------------------------------------------
// Finding

interface Candidate extends DateMention {
  /** explicit dates win over relative words where they overlap */
  explicit: boolean;
}

function monthOf(name: string): MonthName | null {
  const month = MONTH_NAMES.get(name.toLowerCase());
  if (!month) return null;
  if (month.capitalOnly && !/^\p{Lu}/u.test(name)) return null;
  return month;
}

function mention(text: string, start: number, end: number, date: string, relative: boolean): Candidate {
  return { start, end, text: text.slice(start, end), date, relative, explicit: true };
}

/** A day and month, with the written year or one resolved (none when it cannot be). */
function dayMention(
  text: string,
  start: number,
  end: number,
  year: number | null,
  month: number,
  day: number,
  resolveYear: YearResolver,
): Candidate | null {
  const resolvedYear = year ?? resolveYear(month, day);
  if (resolvedYear === null) return null;
  const date = isoDay({ year: resolvedYear, month, day });
  return isIsoDate(date) ? mention(text, start, end, date, year === null) : null;
}

/** The trailing dot after a year is an ordinal in the South Slavic languages ("2021."), else a
 *  full stop that does not belong to the date. */
function trimYearDot(matched: string, language: Language): string {
  const ordinalDot = language === "sr" || language === "hr" || language === "bs" || language === "mk";
  return !ordinalDot && matched.endsWith(".") && /\d\.$/.test(matched) ? matched.slice(0, -1) : matched;
}

function* explicitDates(text: string, language: Language, resolveYear: YearResolver): Generator<Candidate> {
  for (const m of text.matchAll(DAY_MONTH)) {
    const month = monthOf(m[2] as string);
    if (!month) continue;
    const year = m[3] ? Number(m[3]) : null;
    const matched = year === null ? m[0].replace(/\.$/, "") : trimYearDot(m[0], language);
    const found = dayMention(
      text,
      m.index,
      m.index + matched.length,
      year,
      month.month,
      Number(m[1]),
      resolveYear,
    );
    if (found) yield found;
  }
  for (const m of text.matchAll(MONTH_DAY)) {
    const month = monthOf(m[1] as string);
    if (!month?.english || !/^\p{Lu}/u.test(m[1] as string)) continue;
    const year = m[3] ? Number(m[3]) : null;
    const found = dayMention(
      text,
      m.index,
      m.index + m[0].length,
      year,
      month.month,
      Number(m[2]),
      resolveYear,
    );
    if (found) yield found;
  }
  for (const m of text.matchAll(MONTH_YEAR)) {
    const month = monthOf(m[1] as string);
    if (!month) continue;
    const matched = trimYearDot(m[0], language);
    yield mention(text, m.index, m.index + matched.length, `${m[2]}-${pad(month.month)}`, false);
  }
  for (const m of text.matchAll(CUED_MONTH)) {
    const month = monthOf(m[1] as string);
    const year = month ? resolveYear(month.month, 1) : null;
    if (month && year !== null) {
      yield mention(text, m.index, m.index + m[0].length, `${year}-${pad(month.month)}`, true);
    }
  }
  for (const m of text.matchAll(NUMERIC)) {
    let day = Number(m[1]);
    let month = Number(m[3]);
    // d/m/y everywhere; a first number above 12 with a second at most 12 cannot be a month.
    if (month > 12 && day <= 12) [day, month] = [month, day];
    const matched = trimYearDot(m[0], language);
    const found = dayMention(text, m.index, m.index + matched.length, Number(m[4]), month, day, resolveYear);
    if (found) yield found;
  }
  for (const m of text.matchAll(NUMERIC_NO_YEAR)) {
    const found = dayMention(
      text,
      m.index,
      m.index + m[0].length,
      null,
      Number(m[2]),
      Number(m[1]),
      resolveYear,
    );
    if (found) yield found;
  }
  for (const m of text.matchAll(ISO)) {
    const found = dayMention(
      text,
      m.index,
      m.index + m[0].length,
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      resolveYear,
    );
    if (found) yield found;
  }
  for (const m of text.matchAll(CUED_YEAR)) {
    const matched = trimYearDot(m[0], language);
    yield mention(text, m.index, m.index + matched.length, (m[1] ?? m[2]) as string, false);
  }
}

function relativeMention(text: string, start: number, end: number, date: Day): Candidate {
  return { start, end, text: text.slice(start, end), date: isoDay(date), relative: true, explicit: false };
}

/** The day a weekday reference names, by its rule (see WeekdayRule). */
function resolveWeekday(weekday: number, published: Day, rule: WeekdayRule): Day {
  const publishedMs = toUtc(published);
  const back = (new Date(publishedMs).getUTCDay() - weekday + 7) % 7;
  if (rule === "past") return fromUtc(publishedMs - (back === 0 ? 7 : back) * DAY_MS);
  if (rule === "nearest" && back > 3) return fromUtc(publishedMs + (7 - back) * DAY_MS);
  return fromUtc(publishedMs - back * DAY_MS);
}

function weekdayNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  return WEEKDAY_NAMES.get(lower) ?? SLOVENE_WEEKDAY_ADJECTIVES[lower];
}

function* relativeDates(text: string, language: Language, published: Day): Generator<Candidate> {
  if (language === "und") return;
  const words = RELATIVE_DAYS[language];
  if (words) {
    const pattern = new RegExp(
      `${NOT_LETTER_BEFORE}(${alternation(Object.keys(words))})${NOT_LETTER_AFTER}`,
      "giu",
    );
    for (const m of text.matchAll(pattern)) {
      const back = words[(m[1] as string).toLowerCase()];
      if (back === undefined) continue;
      yield relativeMention(text, m.index, m.index + m[0].length, fromUtc(toUtc(published) - back * DAY_MS));
    }
  }
  for (const { pattern, rule } of WEEKDAY_PHRASES[language] ?? []) {
    for (const m of text.matchAll(pattern)) {
      const weekday = weekdayNumber(m[1] as string);
      if (weekday === undefined) continue;
      yield relativeMention(text, m.index, m.index + m[0].length, resolveWeekday(weekday, published, rule));
    }
  }
}

/** Keeps the best of overlapping candidates (explicit over relative, then the longer), in text order. */
function withoutOverlaps(candidates: Candidate[]): Candidate[] {
  const ranked = [...candidates].sort(
    (a, b) =>
      Number(b.explicit) - Number(a.explicit) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const candidate of ranked) {
    if (kept.every((k) => candidate.end <= k.start || candidate.start >= k.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Without a publication date, yearless dates take the year of the latest full date the text
 *  gives (an undated article's "10 décembre" next to "29 mars 2017" is most likely 2017). */
function latestWrittenYear(text: string, language: Language): number | null {
  const years = [...explicitDates(text, language, () => null)]
    .filter((c) => !c.relative && c.date.length === 10)
    .map((c) => Number(c.date.slice(0, 4)));
  return years.length > 0 ? Math.max(...years) : null;
}

/**
 * Every date the text mentions, in text order, each with its offsets (text.slice(start, end) is
 * the mention). Where mentions overlap, explicit dates win over relative words, then the longer.
 * Yearless dates take their year from publication (see yearFromPublication), or without one from
 * the latest full date in the text; they are marked relative. Relative words and weekdays need a
 * publication date and are skipped without one.
 */
export function findDates(text: string, language: Language, publishedOn?: string | null): DateMention[] {
  const published = parseDay(publishedOn);
  let resolveYear: YearResolver;
  if (published) resolveYear = yearFromPublication(published);
  else {
    const year = latestWrittenYear(text, language);
    resolveYear = () => year;
  }
  const candidates = [...explicitDates(text, language, resolveYear)];
  if (published) candidates.push(...relativeDates(text, language, published));
  return withoutOverlaps(candidates).map(({ start, end, text: quote, date, relative }) => ({
    start,
    end,
    text: quote,
    date,
    relative,
  }));
}

// ---------------------------------------------------------------------------------------------
// The event date

/** How far (characters) from the relation's span a date still counts as "close" to it. */
const CLOSE_TO_RELATION = 300;
/** A dateline sits in a page's first lines. */
const DATELINE_REACH = 300;

function precision(date: string): number {
  return date.split("-").length; // 3 day, 2 month, 1 year
}

function distance(mention: Span, span: Span): number {
  if (mention.end <= span.start) return span.start - mention.end;
  if (mention.start >= span.end) return mention.start - span.end;
  return 0;
}

/** The first day a date (possibly a month or a year) stands for, as a UTC time. */
function firstDayOf(date: string): number {
  const [year, month = "01", day = "01"] = date.split("-");
  return Date.UTC(Number(year), Number(month) - 1, Number(day));
}

/**
 * The event's date among the mentions (null when the text gives none):
 * 1. the dateline — the first written-out date (not a relative word) equal to the publication
 *    date, within the first 300 characters — is when the page was published, not the event;
 * 2. dates more than a year after publication are plans or targets ("do leta 2030"), not events;
 * 3. a bare year ("od leta 2008", "in 1994") is background unless it lies inside the relation's
 *    span;
 * 4. with a relation span: the date inside it or nearest to it (character distance); a date equal
 *    to the publication date outside the span is passed over when another date lies within 300
 *    characters of the relation;
 * 5. without a span: a day before a month, then the earliest in the text;
 * ties go to the earlier mention in the text.
 */
export function eventDate(
  dates: readonly DateMention[],
  publishedOn?: string | null,
  relationSpan?: Span | null,
): DateMention | null {
  const published = parseDay(publishedOn);
  const publishedIso = published ? isoDay(published) : null;
  const inText = [...dates].sort((a, b) => a.start - b.start);
  const dateline = inText.find((d) => !d.relative && d.start < DATELINE_REACH && d.date === publishedIso);
  const limit = published ? toUtc({ ...published, year: published.year + 1 }) : Number.POSITIVE_INFINITY;
  let candidates = inText.filter(
    (d) =>
      d !== dateline &&
      firstDayOf(d.date) <= limit &&
      (precision(d.date) > 1 || (relationSpan != null && distance(d, relationSpan) === 0)),
  );
  if (candidates.length === 0) return null;
  if (!relationSpan) {
    return candidates.reduce((best, d) => (precision(d.date) > precision(best.date) ? d : best));
  }
  const closeOther = candidates.some(
    (d) => d.date !== publishedIso && distance(d, relationSpan) <= CLOSE_TO_RELATION,
  );
  if (closeOther) {
    candidates = candidates.filter((d) => d.date !== publishedIso || distance(d, relationSpan) === 0);
  }
  return candidates.reduce((best, d) =>
    distance(d, relationSpan) < distance(best, relationSpan) ? d : best,
  );
}
