// Relations of one sentence: the pair rules of rules.ts between every two mentions (and
// the mentions listed with them), classes of proxies named in the text, and the party
// that asserts the sentence. Then the document-level links that gazetteer knowledge
// allows once the text has tied both ends together in one sentence.
import { relationEndsAllowed, type Claim, type RelationType } from '../../ontology.js';
import { assertionSource, INVESTIGATING_SOURCE } from '../claims.js';
import { cues, lexTags, phraseSource, stateForms } from '../gazetteer.js';
import { type Ent, type Registry, type SentenceCtx, type Span } from '../model.js';
import { PAIR_RULES } from './rules.js';

export interface RelFact {
  type: RelationType;
  from: Ent;
  to: Ent;
  sentence: number;
  rule: string;
  confidence: number;
  role?: string;
  assertedBy?: string;
  /** When the rule knows it ("a defendant is charged": alleged), not the sentence's wording. */
  claim?: Claim;
}

const PREPOSITION = new Set([
  'in',
  'at',
  'of',
  'from',
  'on',
  'near',
  'across',
  'into',
  'against',
  'with',
  'for',
  'to',
  'by',
  'before',
  'after',
  'under',
  'over',
  'through',
  'about',
  'between',
  'among',
]);
const MAX_GAP = 160; // characters between two mentions that one rule may read
const LIST_LINK = /^\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?$/i;

function between(ctx: SentenceCtx, a: Span, b: Span): string {
  const s = ctx.tokens[a.t1 - 1]!.end - ctx.sentence.start;
  const e = ctx.tokens[b.t0]!.start - ctx.sentence.start;
  // one space at the end, none at the start: rules read "…by the " and "'s "
  // "APT31 (APT31) conducted …": an acronym defined after the first mention says nothing between them
  return (
    ctx.sentence.text
      .slice(s, e)
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\(\s*[A-Z][\w.&-]{0,15}\s*\)\s*/, '') + ' '
  );
}

/** "in Moldova", "between the UK and …": the mention is governed by a preposition. */
function objectOfPreposition(ctx: SentenceCtx, s: Span): boolean {
  const before = ctx.tokens[s.t0 - 1]?.key === 'the' ? ctx.tokens[s.t0 - 2] : ctx.tokens[s.t0 - 1];
  return PREPOSITION.has(before?.key ?? '');
}

/** Mentions listed with `s` ("Poland, Germany and the UK"), in the given direction. */
function listMates(ctx: SentenceCtx, s: Span, dir: 1 | -1): Span[] {
  const out: Span[] = [];
  const spans = ctx.spans;
  let i = spans.indexOf(s);
  let cur = s;
  for (;;) {
    i += dir;
    const n = spans[i];
    // a list holds one kind of mention: "the US and Canada", not "Canada, Polish prosecutors"
    // "the EU, the Council will …" is no list: a described subject never stands in one
    if (!n || n.ent.type !== s.ent.type || (n.via === 'demonym') !== (s.via === 'demonym') || n.via === 'pronoun') break;
    const [x, y] = dir === 1 ? [cur, n] : [n, cur];
    const gap = ctx.sentence.text.slice(ctx.tokens[x.t1 - 1]!.end - ctx.sentence.start, ctx.tokens[y.t0]!.start - ctx.sentence.start);
    if (!LIST_LINK.test(gap)) break;
    out.push(n);
    cur = n;
  }
  return out;
}

/**
 * Measures against a case fall on its authors: "sanctions over Russia's destabilising
 * actions" oppose Russia. `authors` maps a Case to who is RESPONSIBLE_FOR it.
 */
export function pairRelations(ctx: SentenceCtx, authors: Map<Ent, Ent[]> = new Map()): RelFact[] {
  const out: RelFact[] = [];
  const spans = ctx.spans;
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const a = spans[i]!;
      const b = spans[j]!;
      if (a.ent === b.ent) continue;
      const gap = between(ctx, a, b);
      if (gap.length > MAX_GAP) break;
      for (const rule of PAIR_RULES) {
        const m = rule.between.exec(gap);
        if (!m) continue;
        const [src, dst] = rule.direction === 'forward' ? [a, b] : [b, a];
        if (rule.firstVia && a.via !== rule.firstVia) continue;
        if (rule.firstNotVia && a.via === rule.firstNotVia) continue;
        if (rule.secondVia && b.via !== rule.secondVia) continue;
        if (rule.firstPrecededBy && !rule.firstPrecededBy.test(ctx.sentence.text.slice(0, ctx.tokens[a.t0]!.start - ctx.sentence.start))) continue;
        if (rule.secondFollowedBy && !rule.secondFollowedBy.test(ctx.sentence.text.slice(ctx.tokens[b.t1 - 1]!.end - ctx.sentence.start))) continue;
        if (rule.secondNotFollowedBy?.test(ctx.sentence.text.slice(ctx.tokens[b.t1 - 1]!.end - ctx.sentence.start))) continue;
        if (rule.from && !rule.from.includes(src.ent.type)) continue;
        if (rule.to && !rule.to.includes(dst.ent.type)) continue;
        if (!relationEndsAllowed(rule.type, src.ent.type, dst.ent.type) && !(rule.type === 'OPPOSES' && dst.ent.type === 'Case')) continue;
        // the object of a preposition is no subject, unless a relative clause makes it one ("to X, which …")
        // (a list counts from its first member: "between the UK and China supports …")
        if (rule.subject && objectOfPreposition(ctx, listMates(ctx, a, -1).at(-1) ?? a) && !/^,\s*(?:which|who|that)\b/.test(gap)) continue;
        if (rule.secondNotPossessive && ctx.tokens[b.t1]?.text === "'s") continue;
        if (rule.notInList && (listMates(ctx, a, -1).length || listMates(ctx, b, 1).length)) continue;
        const role = rule.roleGroup ? m[rule.roleGroup]?.trim() : rule.role;
        const srcs = rule.nearestOnly ? [src] : [src, ...(rule.direction === 'forward' ? listMates(ctx, src, -1) : listMates(ctx, src, 1))];
        const dsts = [dst, ...(rule.direction === 'forward' ? listMates(ctx, dst, 1) : listMates(ctx, dst, -1))];
        const targets = dsts.flatMap((d) => (rule.type === 'OPPOSES' && d.ent.type === 'Case' ? (authors.get(d.ent) ?? []) : [d.ent]));
        for (const s of srcs)
          for (const t of targets) {
            if (s.ent === t || !relationEndsAllowed(rule.type, s.ent.type, t.type)) continue;
            out.push({ type: rule.type, from: s.ent, to: t, sentence: ctx.sentence.index, rule: rule.id, confidence: rule.confidence, role });
          }
        if (!rule.keepGoing) break;
      }
    }
  }
  return out;
}

// "turning to proxies including private investigators and criminals",
// "using local gangs as proxies", "Tehran's use of drug traffickers and smugglers",
// "Kremlin-paid bloggers and trolls".
const PROXY_PATTERNS: RegExp[] = [
  /\b(?:proxies|cut-outs|cutouts|intermediaries)\s+(?:such\s+as|including|like|ranging\s+from)\s+([a-z][a-z\s,-]+)/g,
  /\b(?:using|uses|used|use|recruiting|recruits|recruited|hiring|hires|hired|employing|employs|employed|paying|pays|paid|relying\s+on|relies\s+on|turning\s+to|turned\s+to|turns\s+to)\s+((?:[a-z-]+\s+){0,4}?[a-z-]+(?:\s+(?:and|or|to)\s+(?:[a-z-]+\s+){0,3}?[a-z-]+)*)\s+as\s+(?:proxies|cut-outs|intermediaries)/g,
  /\buse\s+of\s+([a-z][a-z\s,-]+)/g,
  /\b[A-Z][\w]+-(?:paid|controlled|directed|hired|recruited|funded)\s+([a-z][a-z\s,-]+)/g,
];
const GENERIC = new Set(cues.genericGroups);
const CUT = /\s+(?:from|in|with|who|which|that|across|on|at|for|inside|within|to\s+(?!low|high|petty|small)|step|have|has|are|were|is|was)\b.*$/;

export function proxyClasses(ctx: SentenceCtx, reg: Registry): RelFact[] {
  const out: RelFact[] = [];
  const text = ctx.sentence.text;
  for (const re of PROXY_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const listAt = m.index + m[0].lastIndexOf(m[1]!);
      const source = ctx.spans
        .filter((s) => (s.ent.type === 'State' || s.ent.type === 'Group') && ctx.tokens[s.t0]!.start - ctx.sentence.start < listAt)
        .at(-1);
      if (!source) continue;
      let offset = listAt;
      for (const raw of m[1]!.split(/(,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+to\s+)/)) {
        const at = offset;
        offset += raw.length;
        const item = raw
          .replace(CUT, '')
          .replace(/^(?:both|the|other|some|various|local|even)\s+/, '')
          .trim();
        const words = item.split(/\s+/);
        const head = words.at(-1) ?? '';
        if (!item || words.length > 4 || !GENERIC.has(head) || /[A-Z]/.test(item)) continue;
        const ent = reg.get('Group', item, { kind: /crim|traffick|crook|gang|mafia|smuggl|cartel/.test(item) ? 'criminal' : 'other' });
        const start = ctx.sentence.start + at + raw.indexOf(item);
        ent.mentions.push({ sentence: ctx.sentence.index, start, end: start + item.length, text: item });
        out.push({ type: 'USES_PROXY', from: source.ent, to: ent, sentence: ctx.sentence.index, rule: 'proxy-class', confidence: 0.7 });
      }
    }
  }
  return out;
}

// "The NCSC and partners released an advisory on APT40": the publishers investigate
// every threat group and case the sentence names (ONTOLOGY: advisories, attributions).
const ADVISORY = /\b(?:advisory|advisories|alert|attribution|report|assessment)\b/i;
const PUBLISH = /\b(?:issu|publish|releas|join)(?:e|es|ed|ing)?\b/i;
const PUBLISHER = /^(?:government|intelligence|research|media)$/;
const isThreat = (e: Ent): boolean =>
  e.type === 'Case' || (e.type === 'Group' && (e.preferSurface === true || /^(?:terrorist|militant|criminal)$/.test(e.kind ?? '')));

export function advisories(ctx: SentenceCtx): RelFact[] {
  const text = ctx.sentence.text;
  if (!ADVISORY.test(text) || !PUBLISH.test(text)) return [];
  const ents = [...new Set(ctx.spans.filter((s) => s.via !== 'pronoun').map((s) => s.ent))];
  const threats = ents.filter(isThreat);
  const out: RelFact[] = [];
  for (const p of ents) {
    if (p.type !== 'Group' || isThreat(p) || !PUBLISHER.test(p.kind ?? '')) continue;
    for (const t of threats) out.push({ type: 'INVESTIGATES', from: p, to: t, sentence: ctx.sentence.index, rule: 'advisory-publisher', confidence: 0.6 });
  }
  return out;
}

// "The NCSC assesses it is almost certain that APT31 conducted the reconnaissance": an
// agency that makes an attribution investigates the groups and cases it attributes.
const ATTRIBUTE = /^\s*(?:also\s+|now\s+|today\s+|has\s+|have\s+)*(?:assess(?:es|ed)?|judg(?:es|ed)|conclud(?:es|ed)|attribut(?:es|ed))\b/i;

export function attributions(ctx: SentenceCtx): RelFact[] {
  const out: RelFact[] = [];
  const text = ctx.sentence.text;
  for (const p of ctx.spans) {
    if (p.via === 'pronoun' || p.ent.type !== 'Group' || isThreat(p.ent) || !PUBLISHER.test(p.ent.kind ?? '')) continue;
    if (!ATTRIBUTE.test(text.slice(ctx.tokens[p.t1 - 1]!.end - ctx.sentence.start))) continue;
    const later = ctx.spans.filter((s) => s.t0 >= p.t1 && s.via !== 'pronoun' && isThreat(s.ent));
    for (const t of new Set(later.map((s) => s.ent))) {
      out.push({ type: 'INVESTIGATES', from: p.ent, to: t, sentence: ctx.sentence.index, rule: 'agency-attributes', confidence: 0.65 });
    }
  }
  return out;
}

// "The perpetrator was Anis Amri", "the attacker, 27-year-old Stephan Balliet, …": in an article
// about one incident, the person the text introduces as its doer carried it out.
const DOER = new Set(cues.doerNouns);
const COPULA_OR_COMMA = /^(?:was|were|is|are|,)$/;

export function perpetrators(ctx: SentenceCtx, incident: Ent | undefined): RelFact[] {
  if (!incident) return [];
  const { tokens } = ctx;
  const out: RelFact[] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (!DOER.has(tokens[i]!.key) || tokens[i - 1]!.key !== 'the' || !COPULA_OR_COMMA.test(tokens[i + 1]?.text.toLowerCase() ?? '')) continue;
    // the person named within the next few words ("24-year-old Anis Amri", "an Australian man, Brenton Tarrant")
    const person = ctx.spans.find((s) => s.t0 > i + 1 && s.t0 <= i + 12 && s.via !== 'pronoun' && s.ent.type === 'Actor');
    // "The perpetrators were never found, police chief Jane Roe said": a verb between says something else of them
    const between = tokens.slice(i + 2, person?.t0 ?? i + 2);
    if (
      !person ||
      between.some((t) => t.text === '.' || t.text === ';' || lexTags(t.text).some((g) => /Verb|Participle|PastTense|PresentTense|Infinitive|Gerund/.test(g)))
    )
      continue;
    out.push({ type: 'RESPONSIBLE_FOR', from: person.ent, to: incident, sentence: ctx.sentence.index, rule: 'perpetrator-noun', confidence: 0.7 });
  }
  return out;
}

// "Jane Roe, 22, has been charged with …", "John Doe pleaded guilty …": in an article about one
// incident, the people it says were charged, convicted or sentenced are its alleged doers
// (ONTOLOGY.md: each defendant is RESPONSIBLE_FOR the case charged), when the sentence names no other case.
const CHARGED_VERB = /^(?:charged|convicted|sentenced|jailed|indicted)$/;
const PLEADED = /^(?:pleaded|pled)$/;
const BEFORE_CHARGED = /^(?:has|have|had|was|were|is|are|been|also|later|since|each|both|,|and|aged|\d+)$/;

export function chargedWithIncident(ctx: SentenceCtx, incident: Ent | undefined): RelFact[] {
  if (!incident || ctx.spans.some((s) => s.ent.type === 'Case' && s.ent !== incident)) return [];
  const { tokens } = ctx;
  const out: RelFact[] = [];
  for (let v = 1; v < tokens.length; v++) {
    const key = tokens[v]!.key;
    const charged = CHARGED_VERB.test(key) && /^(?:been|was|were|is|are)$/.test(tokens[v - 1]!.key);
    const pleaded = PLEADED.test(key) && tokens[v + 1]?.key === 'guilty';
    if (!charged && !pleaded) continue;
    // walk back over auxiliaries, ages, commas and the listed people themselves
    const people = new Set<Ent>();
    let k = v - 1;
    while (k >= 0) {
      const span = ctx.spans.find((s) => s.t1 === k + 1 && s.via !== 'pronoun');
      if (span?.ent.type === 'Actor') {
        people.add(span.ent);
        k = span.t0 - 1;
      } else if (!span && BEFORE_CHARGED.test(tokens[k]!.key)) k--;
      else break;
    }
    for (const p of people)
      out.push({
        type: 'RESPONSIBLE_FOR',
        from: p,
        to: incident,
        sentence: ctx.sentence.index,
        rule: 'charged-with-incident',
        confidence: 0.6,
        claim: pleaded || (key !== 'charged' && key !== 'indicted') ? 'asserted' : 'alleged',
      });
  }
  return out;
}

// "Their targets included the New York Stock Exchange", "Victims include …", "… were also among
// the targets": in an article about one incident, the names listed are what it targeted.
const phrases = (list: string[]): string => list.map(phraseSource).join('|');
const TARGETS_AFTER = new RegExp(`\\b(?:${phrases(cues.targetsListedAfter)})\\b`, 'i');
const TARGETS_BEFORE = new RegExp(`\\b(?:were|was)\\s+(?:also\\s+)?(?:${phrases(cues.targetsListedBefore)})\\b`, 'i');

export function victimsListed(ctx: SentenceCtx, incident: Ent | undefined): RelFact[] {
  if (!incident) return [];
  const text = ctx.sentence.text;
  const after = TARGETS_AFTER.exec(text);
  const before = after ? null : TARGETS_BEFORE.exec(text);
  if (!after && !before) return [];
  const at = ctx.sentence.start + (after ? after.index + after[0].length : before!.index);
  const victims = ctx.spans.filter(
    (s) =>
      s.via !== 'pronoun' &&
      s.via !== 'demonym' &&
      s.ent !== incident &&
      ['Actor', 'Group', 'State'].includes(s.ent.type) &&
      (after ? ctx.tokens[s.t0]!.start >= at : ctx.tokens[s.t1 - 1]!.end <= at),
  );
  return [...new Set(victims.map((s) => s.ent))].map((to) => ({
    type: 'TARGETED' as const,
    from: incident,
    to,
    sentence: ctx.sentence.index,
    rule: 'victims-listed',
    confidence: 0.65,
  }));
}

/** Who asserts this sentence; when investigators say it, they investigate its cases. */
export function assertion(ctx: SentenceCtx): { by?: Ent; facts: RelFact[] } {
  const src = assertionSource(ctx.sentence.text);
  if (!src) return { facts: [] };
  const from = ctx.sentence.start + src.index;
  const to = from + src.text.length;
  const span = ctx.spans.find((s) => ctx.tokens[s.t0]!.start >= from && ctx.tokens[s.t1 - 1]!.end <= to && s.ent.type !== 'Case');
  if (!span) return { facts: [] };
  const facts: RelFact[] = [];
  if (INVESTIGATING_SOURCE.test(src.text) || (span.ent.type === 'Group' && /^(government|intelligence|research|media|ngo|court)$/.test(span.ent.kind ?? ''))) {
    for (const c of ctx.spans) {
      if (c.ent.type === 'Case' && relationEndsAllowed('INVESTIGATES', span.ent.type, 'Case')) {
        facts.push({ type: 'INVESTIGATES', from: span.ent, to: c.ent, sentence: ctx.sentence.index, rule: 'source-says', confidence: 0.6 });
      }
    }
  }
  return { by: span.ent, facts };
}

// "The defendants are Jane Roe, 38; and John Doe, 41.": each defendant is charged with the
// case that the charging sentences name, when they name exactly one (ONTOLOGY: indictments).
const DEFENDANTS = /\bthe\s+(?:defendants?|accused)\s*,?\s*(?:are|is|were|was|include|included)\b/i;
const CHARGING = /\b(?:indictment|indicted|complaint|charg(?:e|es|ed|ing)|alleged(?:ly)?|prosecut\w+)\b/i;

/** The one case the charging sentences of a document name, if they name exactly one. */
function chargedCase(ctxs: SentenceCtx[]): Ent | undefined {
  const charged = new Set(
    ctxs
      .filter((c) => CHARGING.test(c.sentence.text))
      .flatMap((c) => c.spans.filter((s) => s.via !== 'pronoun' && s.ent.type === 'Case' && s.ent.kind !== 'legal').map((s) => s.ent)),
  );
  return charged.size === 1 ? [...charged][0] : undefined;
}

// "The Justice Department will hold accountable …", "FBI agents arrested …": in a document
// that charges one case, the government bodies said to prosecute or investigate pursue it.
const PURSUES =
  /\b(?:investigat\w*|prosecut\w*|pursu(?:e|es|ed|ing)|hold\s+accountable|disrupt\w*|arrest\w*|indict\w*|charg(?:e|es|ed|ing)|unseal\w*|announc\w*)\b/i;

function prosecutors(ctxs: SentenceCtx[], theCase: Ent): RelFact[] {
  const out: RelFact[] = [];
  const seen = new Set<Ent>();
  for (const c of ctxs) {
    if (!PURSUES.test(c.sentence.text)) continue;
    for (const s of c.spans) {
      if (s.via === 'pronoun' || s.ent.type !== 'Group' || s.ent.kind !== 'government' || seen.has(s.ent)) continue;
      seen.add(s.ent);
      out.push({ type: 'INVESTIGATES', from: s.ent, to: theCase, sentence: c.sentence.index, rule: 'prosecutor-pursues', confidence: 0.55 });
    }
  }
  return out;
}

function defendants(ctxs: SentenceCtx[], theCase: Ent): RelFact[] {
  const named = ctxs.filter((c) => DEFENDANTS.test(c.sentence.text));
  const out: RelFact[] = [];
  for (const c of named) {
    const at = DEFENDANTS.exec(c.sentence.text)!.index;
    for (const p of new Set(
      c.spans.filter((s) => s.ent.type === 'Actor' && s.via !== 'pronoun' && c.tokens[s.t0]!.start - c.sentence.start > at).map((s) => s.ent),
    )) {
      out.push({ type: 'RESPONSIBLE_FOR', from: p, to: theCase, sentence: c.sentence.index, rule: 'defendant-charged', confidence: 0.6, claim: 'alleged' });
    }
  }
  return out;
}

/**
 * An article titled by its incident ("2016 Ansbach bombing") says where it happened in its lead:
 * a place first named in the three sentences after the title is a place of the incident ("a bomb
 * exploded outside Eugens Weinstube in Ansbach").
 */
export function leadPlaces(ctxs: SentenceCtx[]): RelFact[] {
  const title = ctxs[0]?.headline ? ctxs[0] : undefined;
  const words = title ? title.tokens.filter((t) => t.word || /^\d/.test(t.text)) : [];
  const titled = title?.spans.find((s) => s.ent.type === 'Case' && s.t1 - s.t0 >= words.length - (title.tokens[0]?.key === 'the' ? 1 : 0));
  if (!titled) return [];
  const out: RelFact[] = [];
  const seen = new Set<Ent>();
  for (const ctx of ctxs.slice(0, 4))
    for (const s of ctx.spans) {
      if (s.via === 'pronoun' || seen.has(s.ent)) continue;
      seen.add(s.ent);
      if (s.ent.type === 'Place' && ctx !== title)
        out.push({ type: 'OCCURRED_IN', from: titled.ent, to: s.ent, sentence: ctx.sentence.index, rule: 'lead-place', confidence: 0.5 });
    }
  return out;
}

/**
 * Gazetteer knowledge, used only where the text ties both ends in one sentence:
 * a place and its State, an agency and its State, a unit and its parent body,
 * a court and a legal case.
 */
export function documentRelations(reg: Registry, ctxs: SentenceCtx[]): RelFact[] {
  const out: RelFact[] = [];
  for (const ctx of ctxs) {
    const ents = new Set(ctx.spans.filter((s) => s.via !== 'pronoun').map((s) => s.ent));
    for (const e of ents) {
      if (e.state && e.type === 'Place') {
        const st = [...ents].find((x) => x.type === 'State' && x.iso3 === e.state);
        if (st) out.push({ type: 'LOCATED_IN', from: e, to: st, sentence: ctx.sentence.index, rule: 'gazetteer-state-in-sentence', confidence: 0.55 });
      }
      if (e.type === 'Group' && e.kind === 'court') {
        for (const c of ents)
          if (c.type === 'Case' && c.kind === 'legal') {
            out.push({ type: 'PARTY_TO', from: e, to: c, sentence: ctx.sentence.index, rule: 'court-hears-case', confidence: 0.6, role: 'court' });
          }
      }
    }
  }
  // "the Australian Signals Directorate", "the National Police Agency of Japan", "the U.S.
  // Treasury Department": a body whose name, as written, carries the State (name, or the
  // demonym the text uses for it)
  const states = reg.entities.filter((x) => x.type === 'State' && x.mentions.length);
  for (const e of reg.entities) {
    // (a movement's branch carries its State last: "Hezbollah Germany")
    const branch = e.type === 'Group' && e.memberOf !== undefined && e.name.startsWith(`${e.memberOf} `);
    if (e.type !== 'Group' || !e.mentions.length || !(branch || /^(?:government|intelligence|military|court)$/.test(e.kind ?? ''))) continue;
    const carries = (w: string, n: string): boolean =>
      w.startsWith(`${n} `) || w.endsWith(` of ${n}`) || w.endsWith(` of the ${n}`) || (branch && w.endsWith(` ${n}`));
    for (const st of states) {
      const names = [st.name, ...st.aliases, ...(st.iso3 ? stateForms(st.iso3) : [])];
      if (!names.some((n) => carries(e.name, n)) && !e.mentions.some((m) => names.some((n) => carries(m.text, n)))) continue;
      // the evidence is a sentence that writes the State into the name, when one does
      const at = e.mentions.find((m) => names.some((n) => carries(m.text, n))) ?? e.mentions[0]!;
      out.push({ type: 'LOCATED_IN', from: e, to: st, sentence: at.sentence, rule: 'state-in-agency-name', confidence: 0.6 });
      break;
    }
  }
  // "Attorney General Jane Roe" in a text that names the Department of Justice: the title
  // names the body its holder serves
  for (const e of reg.entities) {
    const bodies = e.type === 'Actor' && e.role ? cues.titleOrgs[e.role] : undefined;
    const body = bodies?.map((n) => reg.find('Group', n)).find((g) => g && g.mentions.length);
    if (!body) continue;
    const at = e.mentions[0]; // the title comes with the first mention
    if (at) out.push({ type: 'MEMBER_OF', from: e, to: body, sentence: at.sentence, rule: 'title-names-body', confidence: 0.6, role: e.role });
  }
  // "MR JUSTICE TROWER" in a judgment: the judge is a party to the one legal case the document names
  // (ONTOLOGY.md: counsel and courts are PARTY_TO with their role)
  const legal = [...new Set(ctxs.flatMap((c) => c.spans.filter((s) => s.ent.type === 'Case' && s.ent.kind === 'legal').map((s) => s.ent)))];
  if (legal.length === 1)
    for (const e of reg.entities) {
      const at = e.mentions[0];
      if (e.type === 'Actor' && e.role === 'judge' && at)
        out.push({ type: 'PARTY_TO', from: e, to: legal[0]!, sentence: at.sentence, rule: 'judge-hears-case', confidence: 0.6, role: 'judge' });
      // counsel and the solicitors instructing them, from the judgment's appearances
      if (((e.type === 'Actor' && e.role === 'counsel') || (e.type === 'Group' && e.role === 'solicitors')) && at)
        out.push({ type: 'PARTY_TO', from: e, to: legal[0]!, sentence: at.sentence, rule: 'counsel-appears', confidence: 0.6, role: e.role });
    }
  const charged = chargedCase(ctxs);
  if (charged) for (const f of [...defendants(ctxs, charged), ...prosecutors(ctxs, charged)]) out.push(f);
  for (const e of reg.entities) {
    if (!e.memberOf) continue;
    const parent = reg.find('Group', e.memberOf);
    if (!parent || !parent.mentions.length || !e.mentions.length) continue;
    const both = ctxs.find((c) => c.spans.some((s) => s.ent === e) && c.spans.some((s) => s.ent === parent));
    const sentence = both?.sentence.index ?? e.mentions[0]!.sentence;
    out.push({ type: 'MEMBER_OF', from: e, to: parent, sentence, rule: 'gazetteer-member-of', confidence: both ? 0.7 : 0.5 });
  }
  for (const f of proscriptions(reg, ctxs)) out.push(f);
  return out;
}

// Proscription is the United Kingdom's act under the Terrorism Act 2000: "the Government
// will proscribe X", "the proscription of X", "proscribing X" are the UK opposing X when
// the text names no office-holder doing it (Hansard, Home Office notices).
const PROSCRIBE = /\bproscri(?:be|bes|bed|bing|ption|ptions)\b/i;
const NOT_PROSCRIBED = /^(?:government|court|intelligence|military|company|media|ngo|research)$/;

function proscriptions(reg: Registry, ctxs: SentenceCtx[]): RelFact[] {
  const uk = reg.entities.find((e) => e.type === 'State' && e.iso3 === 'GBR' && e.mentions.length);
  if (!uk) return [];
  const out: RelFact[] = [];
  const proscribing = ctxs.filter((ctx) => PROSCRIBE.test(ctx.sentence.text));
  // "the Home Secretary laid an order to proscribe X": a document that names who proscribes
  // has its source in that person (the rules' business), not in the State
  if (proscribing.some((ctx) => ctx.spans.some((s) => s.ent.type === 'Actor' && s.ent.role))) return [];
  for (const ctx of proscribing) {
    // "Canada moved to proscribe X": another State before the word is the one that proscribes
    const at = ctx.tokens.findIndex((t) => PROSCRIBE.test(t.text));
    if (ctx.spans.some((s) => s.ent.type === 'State' && s.ent !== uk && s.via === 'name' && s.t1 <= at)) continue;
    for (const s of ctx.spans) {
      if (s.via === 'pronoun' || s.ent.type !== 'Group' || NOT_PROSCRIBED.test(s.ent.kind ?? '')) continue;
      out.push({ type: 'OPPOSES', from: uk, to: s.ent, sentence: ctx.sentence.index, rule: 'uk-proscribes', confidence: 0.6 });
    }
  }
  return out;
}
