// Relation patterns over the text between two entity mentions in one sentence.
// Each rule reads "FIRST <between> SECOND": `between` is matched against the words
// between the two mentions (lower-cased); `direction` says which of the two is the
// relation's source. End types are checked against ONTOLOGY.md's table afterwards, so
// a rule may be broad in what it accepts and the ontology still keeps it honest.
// The `id` travels into the graph as the evidence's `rule`.
import type { EntityType, RelationType } from '../../ontology.js';
import { HYPHEN_PARTICIPLES } from '../cases.js';
import { cues, phraseSource } from '../gazetteer.js';
import type { SpanVia } from '../model.js';

export interface PairRule {
  id: string;
  type: RelationType;
  between: RegExp;
  direction: 'forward' | 'backward';
  from?: readonly EntityType[];
  to?: readonly EntityType[];
  /** The first (or second) mention must be a demonym ("Russian"). */
  firstVia?: SpanVia;
  /** The first mention must not be of this kind. */
  firstNotVia?: SpanVia;
  secondVia?: SpanVia;
  confidence: number;
  /** The second mention must not be a possessor ("the Justice Department's" is not the unit). */
  secondNotPossessive?: boolean;
  /** Neither mention may stand in a list ("Gaza, Israel, Lebanon" is no "Place, State"). */
  notInList?: boolean;
  /** What must come right before the first mention ("blamed" in "blamed Russia for the attack"). */
  firstPrecededBy?: RegExp;
  /** What must follow the second mention ("Japan" in "Coincheck, a Japan-based exchange"). */
  secondFollowedBy?: RegExp;
  /** The text right after the second mention must not match ("sanctioned Russia-based Hydra": Russia is no object). */
  secondNotFollowedBy?: RegExp;
  /** Subject–verb–object: the first mention is no object of a preposition ("in Moldova targeted …"). */
  subject?: boolean;
  /** Index of the capture group of `between` that holds the role, when there is one. */
  roleGroup?: number;
  /** The pattern describes the nearest mention only, not the list it ends ("A, B, head of Z" is B's title). */
  nearestOnly?: boolean;
  /** Fixed role when the verb names it ("founded" → founder). */
  role?: string;
  /** The fact leaves the pair's other readings open ("Russian state-controlled RT" is in Russia and its proxy). */
  keepGoing?: boolean;
}

// "Russia-based", "Iran-backed": a name joined to a participle modifies the noun after it
const JOINED_MODIFIER = new RegExp(String.raw`^\s*-\s*(?:${HYPHEN_PARTICIPLES.map(phraseSource).join('|')})\b`, 'i');
const TITLES = [...cues.personTitles]
  .sort((a, b) => b.length - a.length)
  .map(phraseSource)
  .join('|');
const AUX = String.raw`(?:(?:has|have|had|is|are|was|were|will|would|also|today|jointly|formally|previously|recently|reportedly|allegedly|successfully|repeatedly|now|then|been|being|further|publicly|officially|already|not only)\s+)*`;
const DET = String.raw`(?:(?:the|a|an|its|their|his|her)\s+)?`;
// "North Korean hackers behind …": the people of a State or group who act for it
const AGENTS = String.raw`(?:(?:state\s+|government\s+|cyber\s+)?(?:hackers|agents|operatives|spies|militants|fighters|forces|troops|officials|actors|operators|criminals)\s+)?`;
// ", which officials say was …": a relative clause, reported or not
const RELATIVE = String.raw`(?:(?:which|who|that)\s+(?:(?:[\w-]+\s+){0,3}(?:say|says|said|believe|believes|allege|alleges|claim|claims)\s+)?)?`;
// "the Justice Department's ": a possessor between the two mentions
const POSS = String.raw`(?:(?:[\w.&-]+\s){0,4}?[\w.&-]+'s\s+)?`;
// "summoned the ambassador, and sanctioned …": a second verb of the same subject
const COORD_REQUIRED = String.raw`[a-z][^.;:"]{0,100}?,?\s+and\s+(?:also\s+|then\s+)?`;
// "…a front company and two individuals who are members of ": the measures reach the group
const MEMBERS_OF = String.raw`(?:[\w-]+\s+){0,8}?(?:who\s+(?:are|were)\s+)?(?:members|leaders|affiliates|financiers|facilitators|associates|operatives|fronts?)\s+(?:of|for)\s+(?:the\s+)?`;
// "…imposed asset freezes on eleven people and two firms over ": measures and what they answer
const SANCTIONS_OVER = new RegExp(
  String.raw`^,?\s*${AUX}(?:[\w-]+\s+){0,6}?(?:sanctions|restrictive\s+measures|penalties|asset\s+freezes|travel\s+bans)\s+(?:[\w-]+\s+){0,10}?(?:responsible\s+for|over|in\s+response\s+to|for|because\s+of)\s+(?:the\s+)?$`,
  'i',
);
const FILL = String.raw`(?:(?!in\b|at\b|on\b|by\b|and\b|but\b|which\b|who\b|that\b)[a-z0-9-]+\s+){0,4}`;

export const PAIR_RULES: PairRule[] = [
  // "MI6 Chief Richard Moore said…", "the FBI's Director, Kash Patel, …"
  {
    id: 'org-title-person',
    type: 'MEMBER_OF',
    direction: 'backward',
    from: ['Actor'],
    to: ['Group'],
    confidence: 0.9,
    between: new RegExp(
      String.raw`^(?:'s\s+)?((?:acting\s+|deputy\s+|former\s+|assistant\s+|press\s+|principal\s+|senior\s+)?(?:${TITLES}|owner))\s*(?:,|is|was)?\s*$`,
      'i',
    ),
    roleGroup: 1,
  },
  // "Jane Doe, director of the Cyber Agency, said…", "John Roe, the agency's head of research"
  {
    id: 'person-title-of-org',
    type: 'MEMBER_OF',
    direction: 'forward',
    from: ['Actor'],
    to: ['Group'],
    confidence: 0.85,
    secondNotPossessive: true,
    nearestOnly: true,
    between: new RegExp(
      String.raw`^,?\s*(?:the\s+|a\s+|an\s+|who\s+is\s+(?:the\s+|a\s+)?|who\s+was\s+(?:the\s+|a\s+)?|as\s+)?((?:acting\s+|deputy\s+|former\s+|assistant\s+|senior\s+|chief\s+)?(?:${TITLES}|[a-z-]+\s+(?:officer|official|analyst|researcher|spokesperson|member|agent|minister|secretary|employee|lawyer|barrister|partner|commander)))\s+(?:of|at|for|from|with)\s+(?:the\s+)?${POSS}$`,
      'i',
    ),
    roleGroup: 1,
  },
  // "the Director of the FBI, Christopher Wray,", "Commissioner of the Metropolitan Police and
  // national lead for counterterrorism, Mark Rowley": the title comes before the organisation
  {
    id: 'title-of-org-person',
    type: 'MEMBER_OF',
    direction: 'backward',
    from: ['Actor'],
    to: ['Group'],
    confidence: 0.75,
    firstPrecededBy: new RegExp(String.raw`\b(?:${TITLES})\s+(?:of|at|for)\s+(?:the\s+)?$`, 'i'),
    // ("Under Secretary of the Treasury for Terrorism and Financial Intelligence Jane Roe": the title's remit between)
    between: /^(?:(?:and|for)\s+(?:[\w-]+\s+){0,7}[\w-]+)?\s*,?\s*$/i,
  },
  // "Assistant Attorney General Jane Roe of the Justice Department's Criminal Division"
  {
    id: 'person-of-org',
    type: 'MEMBER_OF',
    direction: 'forward',
    from: ['Actor'],
    to: ['Group'],
    confidence: 0.75,
    secondNotPossessive: true,
    between: new RegExp(String.raw`^,?\s*(?:of|at|from)\s+(?:the\s+)?${POSS}$`, 'i'),
  },
  // "the Shenzhen branch of the Ministry", "Unit 26165, a unit of the GRU,"
  {
    id: 'group-branch-of-group',
    type: 'MEMBER_OF',
    direction: 'forward',
    from: ['Group'],
    to: ['Group'],
    confidence: 0.8,
    between:
      /^,?\s*(?:is\s+|was\s+|are\s+|which\s+is\s+|started\s+as\s+|began\s+as\s+|a\s+|an\s+|the\s+)*(?:(?:regional|local|overseas|military|cyber|armed|political|youth|media|foreign)\s+)?(branch|affiliate|wing|unit|subsidiary|division|arm|franchise|offshoot|section|component|department|faction|front|part|member|proxy)\s+of\s+(?:the\s+)?(?:former\s+|now-defunct\s+)?(?:(?:[\w.-]+\s){0,2}[\w.-]+'s\s+)?$/i,
    roleGroup: 1,
  },
  // "ASD's ACSC" — an organisation's own unit, named with a possessive
  { id: 'group-possessive-group', type: 'MEMBER_OF', direction: 'backward', from: ['Group'], to: ['Group'], confidence: 0.6, between: /^'s\s*$/ },
  // "Mosul, Iraq" / "Khar, Pakistan": a place and the State it lies in
  { id: 'place-comma-state', type: 'LOCATED_IN', direction: 'forward', from: ['Place'], to: ['State'], confidence: 0.85, notInList: true, between: /^,\s*$/ },
  // "Russia's Belgorod region", "China's Ministry of State Security"
  {
    id: 'state-possessive',
    type: 'LOCATED_IN',
    direction: 'backward',
    from: ['Place', 'Group'],
    to: ['State'],
    confidence: 0.8,
    between:
      /^'s?(?:\s*\([A-Z]{2,6}\))?(?:\s+(?:own|southern|northern|eastern|western|central|border|main|top|foreign|domestic|military|state|national|intelligence|security))?\s*$/i,
  },
  // "the UK Electoral Commission", "the U.S. Department of the Treasury": a State's name as modifier
  { id: 'state-modifier', type: 'LOCATED_IN', direction: 'backward', from: ['Group'], to: ['State'], firstVia: 'name', confidence: 0.7, between: /^\s*$/ },
  // "the Russian Ministry of Defence", "Japanese exchange CoinCheck", "a Finnish operator, Telia"
  {
    id: 'demonym-modifier',
    type: 'LOCATED_IN',
    direction: 'backward',
    from: ['Group', 'Place'],
    to: ['State'],
    firstVia: 'demonym',
    confidence: 0.7,
    keepGoing: true,
    // ("Polish prosecutors said Russian military intelligence …": a reporting verb ends the modifier)
    between:
      /^\s*(?:(?:(?!(?:or|of|in|the|a|from|to|at|by|on|with|for|into|against|have|has|had|been|be|was|were|is|are|said|says|say|told|added|warned|claimed|believe|believes|believed|think|thought|found|accused|alleged|allege)\b)[A-Za-z-]+\s+){0,5}|(?:island|city|town|port|region|province|village|capital)\s+of\s+)$/,
  },
  // "Storm-2035 is an Iranian influence group", "Acme was a Cypriot shell company",
  // "the Black Banner Front, another Syrian militant group"
  {
    id: 'group-is-demonym',
    type: 'LOCATED_IN',
    direction: 'forward',
    from: ['Group'],
    to: ['State'],
    secondVia: 'demonym',
    confidence: 0.7,
    between: /^(?:is|was|are|were|,)\s+(?:a|an|another)\s+(?:(?:\w+\s+){0,2})?$/i,
  },
  // "Coincheck, a Japan-based exchange", "the Cyprus-registered firm Acme Ltd"
  {
    id: 'x-based',
    type: 'LOCATED_IN',
    direction: 'backward',
    from: ['Group'],
    to: ['State', 'Place'],
    confidence: 0.75,
    between: /^-\s*(?:based|headquartered|registered|incorporated)\s+(?:(?!and\b|of\b|in\b)[\w-]+\s+){0,5}$/i,
  },
  {
    id: 'x-based',
    type: 'LOCATED_IN',
    direction: 'forward',
    from: ['Group'],
    to: ['State', 'Place'],
    confidence: 0.75,
    between: /^,\s*(?:a|an|the)\s+$/i,
    secondFollowedBy: /^-\s*(?:based|headquartered|registered)\b/i,
  },
  // "a hacking group based in Iran", "Acme Ltd, headquartered in Cyprus"
  {
    id: 'based-in',
    type: 'LOCATED_IN',
    direction: 'forward',
    from: ['Group'],
    to: ['State', 'Place'],
    confidence: 0.85,
    between:
      /^,?\s*(?:(?:which|that|who)\s+(?:is|are|was|were)\s+)?(?:\w+\s+)?(?:based|headquartered|located|registered|incorporated|operating|operates)\s+(?:in|out of|from)\s+(?:the\s+)?$/i,
  },
  // "Canada sanctioned the Wagner Group", "the EU imposed sanctions on three officials",
  // "Britain summoned the ambassador and sanctioned two members of APT99"
  {
    id: 'sanction-designate',
    subject: true,
    secondNotFollowedBy: JOINED_MODIFIER,
    type: 'OPPOSES',
    direction: 'forward',
    confidence: 0.85,
    between: new RegExp(
      String.raw`^,?\s*${AUX}(?:(?:decided|agreed|voted|moved|plans|planned|plan|will|is\s+set)\s+to\s+)?(?:sanction(?:s|ed|ing)?|designat(?:es|ed|ing|e)|proscrib(?:es|ed|ing|e)|expel(?:s|led|ling)?|ban(?:s|ned|ning)?|outlaw(?:s|ed)?|blacklist(?:s|ed)?|(?:imposed?|imposes|imposing|announced?|announces)\s+(?:\w+\s+){0,4}(?:sanctions|measures|penalties|restrictions)\s+(?:on|against)|declared?\s+war\s+on|(?:is|are|was|were)\s+at\s+war\s+with|waged?\s+war\s+(?:on|against)|invaded?|invades|fought|fights|threaten(?:s|ed)?)\s+${DET}(?:${FILL}|${MEMBERS_OF})$`,
      'i',
    ),
  },
  // a second verb of the same subject; a demonym there modifies the first verb's object ("summoned the Russian envoy")
  {
    id: 'sanction-designate',
    subject: true,
    secondNotFollowedBy: JOINED_MODIFIER,
    firstNotVia: 'demonym',
    type: 'OPPOSES',
    direction: 'forward',
    confidence: 0.85,
    between: new RegExp(
      String.raw`^,?\s*${AUX}${COORD_REQUIRED}(?:(?:decided|agreed|voted|moved|plans|planned|plan|will|is\s+set)\s+to\s+)?(?:sanction(?:s|ed|ing)?|designat(?:es|ed|ing|e)|proscrib(?:es|ed|ing|e)|expel(?:s|led|ling)?|ban(?:s|ned|ning)?|outlaw(?:s|ed)?|blacklist(?:s|ed)?|(?:imposed?|imposes|imposing|announced?|announces)\s+(?:\w+\s+){0,4}(?:sanctions|measures|penalties|restrictions)\s+(?:on|against)|declared?\s+war\s+on|(?:is|are|was|were)\s+at\s+war\s+with|waged?\s+war\s+(?:on|against)|invaded?|invades|fought|fights|threaten(?:s|ed)?)\s+${DET}(?:${FILL}|${MEMBERS_OF})$`,
      'i',
    ),
  },
  // "the EU imposed sanctions on 12 people responsible for Russia's hybrid activities":
  // measures over what a State does oppose that State
  {
    id: 'sanctions-over-actions',
    subject: true,
    type: 'OPPOSES',
    direction: 'forward',
    to: ['State', 'Group', 'Actor'],
    confidence: 0.7,
    secondFollowedBy: /^'s?\s/,
    between: SANCTIONS_OVER,
  },
  // "asset freezes over the Salisbury poisoning" oppose the poisoning's authors
  { id: 'sanctions-over-actions', subject: true, type: 'OPPOSES', direction: 'forward', to: ['Case'], confidence: 0.7, between: SANCTIONS_OVER },
  // "Iran funds Hezbollah", "the group received backing from Russia" (backward below)
  {
    id: 'supports-verb',
    subject: true,
    type: 'SUPPORTS',
    direction: 'forward',
    confidence: 0.8,
    between: new RegExp(
      String.raw`^,?\s*${AUX}(?:fund(?:s|ed|ing)?|financ(?:es|ed|ing|e)|arm(?:s|ed|ing)?|back(?:s|ed|ing)?|support(?:s|ed|ing)?|sponsor(?:s|ed|ing)?|bankroll(?:s|ed)?|aid(?:s|ed)?|assist(?:s|ed)?|is\s+allied\s+with|(?:sent|sends|send|deployed|deploys)\s+(?:\w+\s+){0,3}(?:troops|soldiers|forces|weapons|arms|drones|missiles)\s+to|provid(?:es|ed|ing|e)\s+(?:\w+\s+){0,3}(?:support|funding|weapons|arms|money|assistance)\s+(?:to|for))\s+${DET}$`,
      'i',
    ),
  },
  // "Iran-backed militias", "a China state-affiliated group", "Kremlin-linked hackers"
  {
    id: 'x-backed',
    type: 'SUPPORTS',
    direction: 'forward',
    confidence: 0.75,
    between:
      /^(?:\([A-Z]{2,6}\)\s*)?(?:-\s*|state[- ]\s*|government\s*-?\s*)?(?:backed|sponsored|funded|affiliated|linked|aligned|supported|allied)(?:\s+(?!of\b|and\b|in\b|by\b)[a-z-]+){0,3}\s*,?\s*$/i,
  },
  // "the IRGC hired local criminals", "Russia recruited a network of couriers"
  {
    id: 'recruits-proxy',
    subject: true,
    type: 'USES_PROXY',
    direction: 'forward',
    from: ['State', 'Group'],
    to: ['Actor', 'Group'],
    confidence: 0.75,
    between: new RegExp(
      String.raw`^,?\s*${AUX}(?:recruit(?:s|ed|ing)?|hir(?:es|ed|ing|e)|pa(?:ys|id|y)|direct(?:s|ed|ing)?|task(?:s|ed|ing)?|us(?:es|ed|ing|e)|employ(?:s|ed|ing)?|contract(?:s|ed|ing)?|relie[sd]\s+on|rely\s+on|turn(?:s|ed|ing)?\s+to)\s+${DET}$`,
      'i',
    ),
  },
  // "the group carried out the bombing", "Russia was behind the sabotage"
  {
    id: 'perpetrated',
    subject: true,
    type: 'RESPONSIBLE_FOR',
    direction: 'forward',
    to: ['Case'],
    confidence: 0.85,
    between: new RegExp(
      String.raw`^,?\s*${RELATIVE}${AGENTS}${AUX}(?:(?:is|are|was|were)\s+(?:believed|thought|suspected|said|alleged)\s+to\s+(?:have\s+been\s+|be\s+)?)?(?:carried\s+out|conducted|committed|launched|orchestrated|perpetrated|staged|executed|claimed(?:\s+responsibility\s+for)?|responsible\s+for|behind|masterminded|ordered|planned|plotted|organi[sz]ed|engaged\s+in|involved\s+in|participated\s+in|took\s+part\s+in|led|directed|ran|run|operated|operating|operate)\s+${DET}(?:(?:hundreds|dozens|thousands|scores|series|wave|number|string|spate)\s+of\s+)?(?:[$£€][\d.,]+\s*(?:bn|m|k|billion|million)?\s+)?$`,
      'i',
    ),
  },
  // "Britain blamed Russia for the cyber attack", "Kyiv accused Moscow of the strike"
  {
    id: 'blamed-for',
    type: 'RESPONSIBLE_FOR',
    direction: 'forward',
    from: ['Actor', 'Group', 'State'],
    to: ['Case'],
    confidence: 0.75,
    firstPrecededBy: /\b(?:blamed|blames|blaming|blame|accused|accuses|accusing|accuse|held|holds|hold|holding)\s+(?:the\s+)?$/i,
    between: /^(?:\w+\s+){0,2}?(?:for|of|over)\s+(?:the\s+|a\s+|an\s+)?$/i,
  },
  // "Microsoft attributed the intrusions to Midnight Blizzard"
  {
    id: 'attributed-to',
    type: 'RESPONSIBLE_FOR',
    direction: 'backward',
    from: ['Actor', 'Group', 'State'],
    to: ['Case'],
    confidence: 0.75,
    firstPrecededBy: /\battribut(?:ed|es|ing|e)\s+(?:the\s+)?$/i,
    between: /^(?:\w+\s+){0,3}?to\s+(?:the\s+)?$/i,
  },
  // "the fires were Chinese sabotage", "the leak was a Russian operation"
  {
    id: 'case-was-demonym',
    type: 'RESPONSIBLE_FOR',
    direction: 'backward',
    from: ['State'],
    to: ['Case'],
    confidence: 0.6,
    between: /^\s*(?:was|were|is|are)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?$/i,
  },
  // "He was charged over the plot", "two men charged in connection with the attack"
  {
    id: 'charged-with',
    type: 'RESPONSIBLE_FOR',
    direction: 'forward',
    from: ['Actor', 'Group'],
    to: ['Case'],
    confidence: 0.7,
    between:
      /^,?\s*(?:[\w,]+\s+){0,3}(?:was\s+|were\s+|is\s+|are\s+|been\s+)?(?:charged|indicted|convicted|sentenced|arrested|accused)\s+(?:\w+\s+){0,3}(?:with|for|over|in\s+connection\s+with|of|in)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}$/i,
  },
  // "the campaign targeted the Bundestag", "a hack aimed at Japanese banks",
  // "plots posing lethal threats to Dutch citizens and Belgian officials"
  {
    id: 'case-targets',
    type: 'TARGETED',
    direction: 'forward',
    from: ['Case'],
    confidence: 0.8,
    between:
      /^,?\s*(?:which\s+|that\s+)?(?:was\s+|were\s+|has\s+|have\s+|had\s+)?(?:\w+\s+){0,3}?(?:targeting|targeted|target|targets|aimed\s+at|against|hit|struck|affected|affecting|compromised|disrupted|damaged|victimi[sz]ed|directed\s+at|intended\s+to\s+\w+|(?:pos(?:ing|ed|es|e)|present(?:ing|ed|s)?)\s+(?:[\w-]+\s+){0,3}?(?:threats?|risks?|dangers?)\s+to)\s+(?:(?!in\b|at\b)\w+\s+){0,4}?(?:the\s+)?$/i,
  },
  // "Cyber actors have targeted U.S. nationals", "the group hacked the ministry"
  {
    id: 'actor-targets',
    subject: true,
    type: 'TARGETED',
    direction: 'forward',
    from: ['Actor', 'Group', 'State'],
    to: ['Actor', 'Group', 'State'],
    confidence: 0.7,
    between: new RegExp(
      String.raw`^,?\s*${AUX}(?:targeted|targeting|targets|attacked|attacks|hacked|breached|compromised|spied\s+on|surveilled|harassed|threatened|intimidated)\s+${DET}$`,
      'i',
    ),
  },
  // "the blasts in Beirut", "the riots across England"
  {
    id: 'case-in-place',
    type: 'OCCURRED_IN',
    direction: 'forward',
    from: ['Case'],
    to: ['Place', 'State'],
    confidence: 0.75,
    between: /^(?:(?!was\b|were\b|is\b|are\b|said\b|says\b|by\b)[\w'-]+\s+){0,4}?(?:in|across|throughout|at|near|off)\s+(?:the\s+)?$/i,
  },
  // "Belgian police are investigating the arson", "the FBI disrupted the botnet"
  {
    id: 'investigates',
    subject: true,
    type: 'INVESTIGATES',
    direction: 'forward',
    to: ['Case', 'Group', 'Actor'],
    confidence: 0.8,
    between: new RegExp(
      String.raw`^,?\s*(?:and\s+(?:the\s+)?(?:\w+\s+){0,2})?${AUX}(?:(?:is|are|was|were)\s+)?(?:(?:announced|launched|began|led|coordinated|unveiled)\s+(?:\w+\s+){0,4}?(?:efforts|operation|action|actions|charges|indictments?)\s+(?:to\s+)?(?:\w+\s+and\s+)?)?(?:investigat\w*|prosecut\w*|charg(?:es|ed|ing)|indict(?:s|ed|ing)?|arrest(?:s|ed|ing)?|disrupt(?:s|ed|ing)?|track(?:s|ed|ing)?(?!\s+as\b)|monitor(?:s|ed|ing)?|attribut\w*|expos(?:es|ed|ing)|uncover(?:s|ed|ing)?|foil(?:s|ed|ing)?|thwart(?:s|ed|ing)?|prob(?:es|ed|ing)|dismantl\w*|seiz(?:es|ed|ing)|respond(?:s|ed|ing)?\s+to|analy[sz](?:es|ed|ing)|detect(?:s|ed|ing)?|identif(?:y|ies|ied|ying)|(?:issued|published|released)\s+(?:\w+\s+){0,3}(?:advisory|report|assessment|alert)\s+(?:on|about|into)|(?:opened|launched)\s+(?:an?\s+)?(?:investigation|inquiry|probe)\s+into|report(?:s|ed)?\s+on|deter(?:s|red)?|alert(?:s|ed|ing)?\s+(?:the\s+public\s+)?(?:to|about)|warn(?:s|ed|ing)?\s+(?:\w+\s+){0,2}(?:of|about)|(?:release|issue|publish)\w*\s+(?:\w+\s+){0,3}(?:advisory|report|alert)\s+(?:outlining|on|about|into|detailing|describing|attributing))\s+${DET}${FILL}$`,
      'i',
    ),
  },
];
