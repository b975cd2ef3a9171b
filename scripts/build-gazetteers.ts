// Builds the generated gazetteers in data/gazetteers from ../shared/data (MITRE ATT&CK
// groups and campaigns, UK/US designated terrorist organisations) and from the
// country and city packages, so the extractor reads only the project's own JSON at
// run time. Curated files (organisations.json, states-extra.json, places-curated.json,
// cues.json) are edited by hand and are inputs here, never outputs.
// usage: npx tsx scripts/build-gazetteers.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import worldCountries, { type Country } from 'world-countries';
import cityTimezones from 'city-timezones';
import nlp from 'compromise';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '..', 'shared', 'data');
const out = path.join(root, 'data', 'gazetteers');

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const write = (name: string, data: unknown): void => {
  fs.writeFileSync(path.join(out, name), JSON.stringify(data, null, 1) + '\n');
  console.log(`wrote data/gazetteers/${name}`);
};

interface MitreItem {
  attackId: string;
  name: string;
  aliases: string[];
  summary: string;
}
const mitre = readJson(path.join(shared, 'mitre-attack-groups.json')) as {
  source: string;
  license: string;
  groups: MitreItem[];
  campaigns: MitreItem[];
};

// The kind and home State of an ATT&CK group, read off its one-sentence summary.
const DEMONYM_STATE: Array<[RegExp, string]> = [
  [/\b(China|Chinese|PRC)\b/, 'CHN'],
  [/\b(Russia|Russian|GRU|FSB|SVR)\b/, 'RUS'],
  [/\b(Iran|Iranian|IRGC)\b/, 'IRN'],
  [/\b(North Korea|North Korean|DPRK)\b/, 'PRK'],
  [/\b(Vietnam|Vietnamese)\b/, 'VNM'],
  [/\b(Pakistan|Pakistani)\b/, 'PAK'],
  [/\b(India|Indian)\b/, 'IND'],
  [/\b(Lebanon|Lebanese)\b/, 'LBN'],
  [/\b(Belarus|Belarusian)\b/, 'BLR'],
  [/\b(Turkey|Turkish)\b/, 'TUR'],
  [/\b(Gaza|Hamas|Palestinian)\b/, 'PSE'],
  [/\b(South Korea|South Korean)\b/, 'KOR'],
];
const mitreKind = (summary: string): string => {
  if (/financially[- ]motivated|criminal|ransomware|extortion/i.test(summary)) return 'criminal';
  if (/state-sponsored|espionage|intelligence|military|government|nation-state|\bunit\b/i.test(summary)) return 'intelligence';
  return 'other';
};
const mitreState = (summary: string): string | undefined => DEMONYM_STATE.find(([re]) => re.test(summary))?.[1];

write('mitre-groups.json', {
  source: mitre.source,
  license: mitre.license,
  groups: mitre.groups.map((g) => ({
    name: g.name,
    aliases: g.aliases,
    kind: mitreKind(g.summary),
    state: mitreState(g.summary),
    attackId: g.attackId,
  })),
  // Campaigns with a real name ("Operation Dream Job"); C-numbered ones are ATT&CK's own ids.
  campaigns: mitre.campaigns
    .filter((c) => !/^C\d+$/.test(c.name))
    .map((c) => ({ name: c.name, aliases: c.aliases.filter((a) => !/^C\d+$/.test(a)), kind: 'cyber', attackId: c.attackId })),
});

const designated = readJson(path.join(shared, 'designated-organisations.json')) as {
  sources: unknown[];
  organisations: Array<{ name: string; aliases: string[]; designations: Array<{ by: string; date: string }> }>;
};
write('designated.json', {
  sources: designated.sources,
  organisations: designated.organisations.map((o) => ({
    // "The Base" and "The Irish Republican Army" are written without the article in text.
    name: o.name.replace(/^The /, ''),
    aliases: o.aliases,
    kind: 'terrorist',
    designatedBy: [...new Set(o.designations.map((d) => d.by))],
  })),
});

// States: sovereign countries (plus widely recognised partial ones) from world-countries.
const countries = worldCountries as unknown as Country[];
const states = countries
  .filter((c) => c.independent || c.unMember || ['TWN', 'XKX', 'PSE'].includes(c.cca3))
  .map((c) => ({
    iso3: c.cca3,
    name: c.name.common,
    aliases: [c.name.official, ...c.altSpellings.filter((a) => a.length > 3 && /^[\p{Script=Latin}\s,.'’()-]+$/u.test(a) && !a.includes(','))],
    demonyms: [...new Set([c.demonyms?.eng?.m, c.demonyms?.eng?.f].filter((d): d is string => Boolean(d)))],
    capital: c.capital ?? [],
  }));
write('states.json', { source: 'world-countries (npm), ODbL-1.0; see README.md', states });

// Places: cities of the world with their State, from city-timezones (GeoNames-derived).
// A city whose name is also a common English word or a person's name ("Reading",
// "Austin") is left out: the cue recognisers still find it after "in".
const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[] | undefined> } }).one.lexicon;
const countryNames = new Set(states.flatMap((s) => [s.name, ...s.aliases, ...s.demonyms]).map((n) => n.toLowerCase()));
const ambiguous = (name: string): boolean => {
  const tag = lexicon[name.toLowerCase()];
  const tags = Array.isArray(tag) ? tag : tag ? [tag] : [];
  if (tags.some((t) => /Name|Person|Honorific/.test(t))) return true;
  return tags.length > 0 && !tags.some((t) => /City|Place|Region|Country/.test(t));
};
const capitals = new Set(states.flatMap((s) => s.capital));
const seen = new Map<string, { name: string; state: string; pop: number }>();
for (const c of cityTimezones.cityMapping) {
  const name = c.city;
  if (!name || !/^\p{Lu}/u.test(name)) continue;
  if (c.pop < 150_000 && !capitals.has(name)) continue;
  if (countryNames.has(name.toLowerCase()) || ambiguous(name)) continue;
  const prev = seen.get(name);
  if (!prev || prev.pop < c.pop) seen.set(name, { name, state: c.iso3, pop: c.pop });
}
write('places.json', {
  source: 'city-timezones (npm, MIT), cities from GeoNames / Natural Earth',
  places: [...seen.values()].sort((a, b) => a.name.localeCompare(b.name)).map(({ name, state }) => ({ name, state })),
});
fs.copyFileSync(path.join(shared, 'LICENSE-MITRE-ATTACK.txt'), path.join(out, 'LICENSE-MITRE-ATTACK.txt'));
console.log('copied LICENSE-MITRE-ATTACK.txt');
