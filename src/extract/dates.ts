// Dates written in a sentence, as ISO dates: "on 5 November 2024", "November 5, 2024",
// "2024-11-05", "in November 2024", "in March" (the article's year, or the one before when
// March is still to come), "in 2019". Pure, no I/O; the ingest layer dates Cases with it.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const YEAR = '((?:19|20)\\d\\d)';

export type DatePrecision = 'day' | 'month' | 'year';

export interface WrittenDate {
  /** yyyy-mm-dd; a month is dated on its 15th, a year on 1 July. */
  date: string;
  precision: DatePrecision;
  /** The words the date was read from. */
  text: string;
}

interface Rule {
  reason: string;
  re: RegExp;
  read: (m: RegExpExecArray, published?: string) => Omit<WrittenDate, 'text'> | undefined;
}

const month = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace('.', '').slice(0, 3))) + 1;
const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: string | number, m: number, d: number): Omit<WrittenDate, 'text'> | undefined => {
  if (m < 1 || d < 1 || d > 31) return undefined;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : { date: iso, precision: 'day' };
};

// Compiled once; first rule that matches wins, so the precise forms come first.
const RULES: Rule[] = [
  // "2024-11-05"
  { reason: 'iso-date', re: /\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b/, read: (m) => day(m[1]!, Number(m[2]), Number(m[3])) },
  // "5 November 2024", "5th Nov. 2024"
  {
    reason: 'day-month-year',
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\s*,?\\s+${YEAR}\\b`, 'i'),
    read: (m) => day(m[3]!, month(m[2]!), Number(m[1])),
  },
  // "November 5, 2024"
  {
    reason: 'month-day-year',
    re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}\\b`, 'i'),
    read: (m) => day(m[3]!, month(m[1]!), Number(m[2])),
  },
  // "in November 2024"
  { reason: 'month-year', re: new RegExp(`\\b${MONTH}\\s+${YEAR}\\b`, 'i'), read: (m) => ({ date: `${m[2]}-${pad(month(m[1]!))}-15`, precision: 'month' }) },
  // "on 5 November", "November 5" (the article's year; the year before when that day is still to come)
  {
    reason: 'day-month',
    re: new RegExp(`\\b(?:on|since|from|until)\\s+(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}|${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?)\\b`, 'i'),
    read: (m, published) => {
      if (!published) return undefined;
      const [d, mo] = m[1] ? [Number(m[1]), month(m[2]!)] : [Number(m[4]), month(m[3]!)];
      const y = Number(published.slice(0, 4));
      const iso = day(y, mo, d);
      return iso && iso.date > published.slice(0, 10) ? day(y - 1, mo, d) : iso;
    },
  },
  // "in March", "last March"
  {
    reason: 'month',
    re: new RegExp(`\\b(?:in|during|since|last|early|late|mid-?)\\s+${MONTH}(?![\\w-])`, 'i'),
    read: (m, published) => {
      if (!published || (/^may$/i.test(m[1]!) && !/\bin\s+may\b/i.test(m[0]))) return undefined;
      const y = Number(published.slice(0, 4));
      const mo = month(m[1]!);
      return { date: `${mo > Number(published.slice(5, 7)) ? y - 1 : y}-${pad(mo)}-15`, precision: 'month' };
    },
  },
  // "in 2019", "during 2016", "early 2021" (a bare number is no date: "2000 people")
  {
    reason: 'year',
    re: new RegExp(`\\b(?:in|during|since|early|late|mid-?|of|throughout)\\s+${YEAR}\\b`, 'i'),
    read: (m) => ({ date: `${m[1]}-07-01`, precision: 'year' }),
  },
];

/** The first date the sentence writes, read against the article's date for partial forms. */
export function dateInSentence(sentence: string, published?: string): WrittenDate | undefined {
  for (const rule of RULES) {
    const m = rule.re.exec(sentence);
    if (!m) continue;
    const found = rule.read(m, published);
    if (found) return { ...found, text: m[0] };
  }
  return undefined;
}
