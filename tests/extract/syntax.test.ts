// The syntax-aware relation layer (src/extract/relations/syntax.ts) on real spaCy parses:
// one row per predicate class of data/lexicons/predicates.json, each sentence written for
// this file (no corpus sentence, no names swapped into one), then the sentences each class
// must not read as a relation.
import { afterAll, describe, expect, it } from 'vitest';
import { extractWithParser } from '../../src/extract/index.js';
import { createParserPool } from '../../src/extract/parser/pool.js';
import { predicateClasses } from '../../src/extract/relations/syntax.js';

const parser = createParserPool({ size: 1 });
afterAll(() => parser.close());

const extractText = (text: string) => extractWithParser({ id: 'syntax-test', text }, parser);
const facts = async (text: string) => (await extractText(text)).relations.map((r) => `${r.source} ${r.type} ${r.target} [${r.rule}]`);

interface Row {
  rule: string;
  text: string;
  rel: string;
}

const rows: Row[] = [
  {
    rule: 'syn-carry-out',
    text: 'Prosecutors say the Black Lantern cell carried out the depot bombing in Lyon.',
    rel: 'Black Lantern RESPONSIBLE_FOR depot bombing in Lyon',
  },
  {
    rule: 'syn-carry-out',
    text: 'The Red Kestrel group, which police describe as a criminal gang, later orchestrated the bank heist in Tallinn.',
    rel: 'Red Kestrel RESPONSIBLE_FOR bank heist in Tallinn',
  },
  {
    rule: 'syn-behind',
    text: 'Officials believe the Grey Heron network was behind the pipeline explosion in Gdansk.',
    rel: 'Grey Heron RESPONSIBLE_FOR pipeline explosion in Gdansk',
  },
  {
    rule: 'syn-claim-responsibility',
    text: 'The Crimson Dawn Brigade claimed responsibility on Friday for the suicide bombing in Kano.',
    rel: 'Crimson Dawn Brigade RESPONSIBLE_FOR suicide bombing in Kano',
  },
  {
    rule: 'syn-responsible',
    text: 'Investigators found the Blue Falcon gang responsible for the warehouse arson in Leeds.',
    rel: 'Blue Falcon RESPONSIBLE_FOR warehouse arson in Leeds',
  },
  { rule: 'syn-target', text: 'Last year the Iron Owl group hacked Northwind Energy and stole customer data.', rel: 'Iron Owl TARGETED Northwind Energy' },
  { rule: 'syn-oppose', text: 'Canada sanctioned the Amber Wolf network on Tuesday after months of pressure.', rel: 'Canada OPPOSES Amber Wolf' },
  // a passive complement of a passive verb: the raised subject is what is done to
  { rule: 'syn-oppose', text: 'The Amber Wolf network and the Onyx Crow unit are set to be banned by Canada next week.', rel: 'Canada OPPOSES Onyx Crow' },
  // the parser hangs a passive's agent on the "as" noun: "listed as a terrorist organisation by Canada"
  { rule: 'syn-oppose', text: 'The Onyx Crow network was listed as a terrorist organisation by Canada in 2021.', rel: 'Canada OPPOSES Onyx Crow' },
  { rule: 'syn-support', text: 'For a decade Belarus armed the Silver Fox militia and trained its fighters.', rel: 'Belarus SUPPORTS Silver Fox' },
  { rule: 'syn-supply-to', text: 'Analysts said Venezuela sent drones and spare parts to the Copper Eagle militia.', rel: 'Venezuela SUPPORTS Copper Eagle' },
  // a gerund after an adjective's or a noun's preposition is done by the subject of their verb
  { rule: 'syn-support', text: 'Karim Haddad faces charges of conspiring to support the Copper Eagle militia.', rel: 'Karim Haddad SUPPORTS Copper Eagle' },
  { rule: 'syn-supply-to', text: 'Karim Haddad pleaded guilty to providing weapons to the Copper Eagle militia.', rel: 'Karim Haddad SUPPORTS Copper Eagle' },
  {
    rule: 'syn-use-proxy',
    text: "Belarus's KGB recruited the Night Owls, a motorcycle club, to watch the exiles.",
    rel: 'KGB of Belarus USES_PROXY Night Owls',
  },
  // a past participle in a relative clause with its own subject and "has" is active, not passive
  {
    rule: 'syn-use-proxy',
    text: 'It was the first time that Belarus has recruited local couriers to watch the exiles.',
    rel: 'Belarus USES_PROXY local couriers',
  },
  { rule: 'syn-act-for', text: 'The Jade Viper group acted on behalf of the Vietnamese government, the report says.', rel: 'Vietnam USES_PROXY Jade Viper' },
  {
    rule: 'syn-member',
    text: 'Anna Kowalczyk joined the Internal Security Agency in 2019 as an analyst.',
    rel: 'Anna Kowalczyk MEMBER_OF Internal Security Agency',
  },
  {
    rule: 'syn-work-for',
    text: 'Before her arrest, Lena Hartmann worked for the Federal Intelligence Service for six years.',
    rel: 'Lena Hartmann MEMBER_OF Federal Intelligence Service',
  },
  { rule: 'syn-based', text: 'Orion Freight, a shipping firm registered in Malta, denied any wrongdoing.', rel: 'Orion Freight LOCATED_IN Malta' },
  {
    rule: 'syn-charge',
    text: 'Federal prosecutors charged Tomas Varga over the Northgate pension fraud.',
    rel: 'Tomas Varga RESPONSIBLE_FOR Northgate pension fraud',
  },
  { rule: 'syn-accuse', text: 'Poland accused the Onyx Crow unit of the railway sabotage near Lublin.', rel: 'Onyx Crow RESPONSIBLE_FOR railway sabotage' },
  { rule: 'syn-investigate', text: 'Europol is investigating the Scarlet Moth ring, which sold stolen passports.', rel: 'Europol INVESTIGATES Scarlet Moth' },
  {
    rule: 'syn-attribute',
    text: 'The ministry attributed the cyberattack on the Bundestag to the Pale Horse unit.',
    rel: 'Pale Horse RESPONSIBLE_FOR cyberattack on the Bundestag',
  },
  {
    rule: 'syn-member-noun',
    text: 'Pavel Sokolov, a senior member of the Grey Heron network, was arrested in Riga.',
    rel: 'Pavel Sokolov MEMBER_OF Grey Heron',
  },
  { rule: 'syn-proxy-noun', text: 'Investigators say Karim Haddad acted as an agent of Iran while living in Vienna.', rel: 'Iran USES_PROXY Karim Haddad' },
  // a gerund after a preposition is done by whom its verb is about: the passive subject, the object
  { rule: 'syn-proxy-noun', text: 'Karim Haddad was arrested in Vienna for acting as an agent of Iran.', rel: 'Iran USES_PROXY Karim Haddad' },
  { rule: 'syn-proxy-noun', text: 'Austrian police arrested Karim Haddad in Vienna for acting as an agent of Iran.', rel: 'Iran USES_PROXY Karim Haddad' },
  {
    rule: 'syn-event-noun',
    text: "The Black Lantern cell's attack on the Meridian Hotel shocked the city.",
    rel: 'Black Lantern RESPONSIBLE_FOR attack on the Meridian Hotel',
  },
  { rule: 'syn-oppose-noun', text: "Japan's sanctions on the Amber Wolf network took effect on Monday.", rel: 'Japan OPPOSES Amber Wolf' },
  { rule: 'syn-support-noun', text: "Qatar's funding for the Silver Fox militia ended in 2020.", rel: 'Qatar SUPPORTS Silver Fox' },
  { rule: 'syn-use-noun', text: "Belarus's use of the Night Owls, a motorcycle club, worried analysts.", rel: 'Belarus USES_PROXY Night Owls' },
  {
    rule: 'syn-carry-out',
    text: 'Operation Nightjar was carried out by criminal groups such as the Iron Owl group.',
    rel: 'Iron Owl RESPONSIBLE_FOR Operation Nightjar',
  },
  { rule: 'syn-oppose-noun', text: "As Belarus's illegal war against Lithuania continues, its allies met in Riga.", rel: 'Belarus OPPOSES Lithuania' },
  {
    rule: 'syn-assessed',
    text: 'Estonian officials concluded that the Grey Heron unit was behind the harbour bombing in Tallinn.',
    rel: 'Estonia INVESTIGATES harbour bombing in Tallinn',
  },
  { rule: 'syn-assessed', text: 'The NCSC assessed that the Onyx Crow group carried out the port intrusion.', rel: 'NCSC INVESTIGATES Onyx Crow' },
  {
    rule: 'syn-x-designated',
    text: 'The Onyx Crow network, a U.S.-designated terrorist organization, moved funds through Beirut.',
    rel: 'United States OPPOSES Onyx Crow',
  },
  { rule: 'syn-x-designated', text: 'The EU-sanctioned Amber Wolf network bought drones in March.', rel: 'European Union OPPOSES Amber Wolf' },
  // an owner's pronoun before a case's head names the case with that head ("his poisoning")
  {
    rule: 'syn-responsible',
    text: 'The poisoning of Jan Kowal in Gdansk shocked Poland. Kowal accused President Pavel Sorokin of being responsible for his poisoning.',
    rel: 'Pavel Sorokin RESPONSIBLE_FOR poisoning of Jan Kowal in Gdansk',
  },
  // a passive verb coordinated with an active one: their shared subject is the passive verb's patient
  {
    rule: 'syn-attribute',
    text: 'The Gdansk depot bombing killed one guard and was later attributed to the Amber Wolf network.',
    rel: 'Amber Wolf RESPONSIBLE_FOR Gdansk depot bombing',
  },
  // a light verb's noun keeps the complement the parse hangs on the verb ("imposed sanctions in March on X")
  { rule: 'syn-oppose-noun', text: 'Norway imposed fresh sanctions in March on the Amber Wolf network.', rel: 'Norway OPPOSES Amber Wolf' },
  { rule: 'syn-oppose', text: 'Canada is, jointly with Norway, imposing sanctions on the Onyx Crow network.', rel: 'Norway OPPOSES Onyx Crow' },
  { rule: 'syn-group-in', text: 'Analysts said Houthi militants in Yemen fired two missiles at a tanker.', rel: 'Houthi LOCATED_IN Yemen' },
  { rule: 'place-comma-chain', text: 'The depot fire started in Lund, Skane, Sweden on Sunday night.', rel: 'Skane LOCATED_IN Sweden' },
  {
    rule: 'syn-state-sponsored',
    text: 'The Silver Fox militia, a Belarusian state-funded paramilitary group, denied the claim.',
    rel: 'Belarus SUPPORTS Silver Fox',
  },
  { rule: 'syn-based-noun', text: 'Orion Freight, a Maltese shipping firm, denied any wrongdoing.', rel: 'Orion Freight LOCATED_IN Malta' },
];

describe('syntax-aware relations: one sentence per predicate class', () => {
  for (const row of rows) {
    it(`${row.rule}: ${row.text}`, async () => {
      const got = await facts(row.text);
      expect(got.map((g) => g.replace(/ \[.*\]$/, ''))).toContain(row.rel);
    });
  }

  it('every predicate class has a reason and an example of its own', () => {
    for (const c of predicateClasses()) {
      expect(c.reason.length, c.id).toBeGreaterThan(10);
      expect(c.example.length, c.id).toBeGreaterThan(10);
    }
  });
});

describe('claims', () => {
  it('a hedged passive is responsibility suspected ("were likely carried out by")', async () => {
    const x = await extractText('The cable disruptions in the Baltic Sea were likely carried out by Russia.');
    const r = x.relations.find((y) => y.type === 'RESPONSIBLE_FOR' && y.source === 'Russia');
    expect(r?.claim).toBe('suspected');
  });

  it('"is believed to be behind" is responsibility suspected, and the believer is no party to it', async () => {
    const x = await extractText('The Grey Heron network is believed to be behind the Tallinn port bombing.');
    const r = x.relations.find((y) => y.type === 'RESPONSIBLE_FOR');
    expect(r).toMatchObject({ source: 'Grey Heron', claim: 'suspected' });
  });
});

describe('pronouns in any position', () => {
  it('"Police say it carried out …": it is the group named before', async () => {
    const x = await extractText('The Grey Heron network was founded in Riga. Police say it carried out the Tallinn port bombing.');
    expect(x.relations.map((r) => `${r.source} ${r.type} ${r.target}`)).toContain('Grey Heron RESPONSIBLE_FOR Tallinn port bombing');
  });

  it('"he" is a person, never a group', async () => {
    const x = await extractText('The Grey Heron network met in Riga. Later he carried out the Tallinn port bombing.');
    expect(x.relations.filter((r) => r.source === 'Grey Heron' && r.type === 'RESPONSIBLE_FOR')).toEqual([]);
  });
});

describe('a person who owns an attack is its victim', () => {
  it('"Petrov\'s poisoning" targeted Petrov; "Smith\'s killing of his neighbour" was done by Smith', async () => {
    const x = await extractText("Ivan Petrov fell ill on a flight to Omsk in May. Ministers condemned Petrov's poisoning and sanctioned two officers.");
    const rels = x.relations.map((r) => `${r.source} ${r.type} ${r.target}`);
    expect(rels).toContain("Petrov's poisoning TARGETED Ivan Petrov");
    expect(rels.filter((r) => r.startsWith('Ivan Petrov RESPONSIBLE_FOR'))).toEqual([]);
    const y = await extractText("John Smith was arrested in Leeds. Police said John Smith's killing of his neighbour Tom Brown followed a dispute.");
    expect(y.relations.filter((r) => r.type === 'TARGETED' && r.target === 'John Smith')).toEqual([]);
  });
});

describe("the article's own case", () => {
  it('"The FBI investigated the case" in a release about one case: the FBI investigates that case', async () => {
    const x = await extractText(
      'Prosecutors charged Ivan Petrov over the Harbour Bank fraud in Riga. The Harbour Bank fraud cost savers millions. The Harbour Bank fraud was uncovered in May. The FBI investigated the case.',
    );
    expect(x.relations.map((r) => `${r.source} ${r.type} ${r.target}`)).toContain('FBI INVESTIGATES Harbour Bank fraud in Riga');
  });

  it('no case stands for "the case" when the article names two incidents equally', async () => {
    const x = await extractText('The Harbour Bank fraud in Riga and the ferry bombing in Tallinn were both in May. The FBI investigated the case.');
    expect(x.relations.filter((r) => r.source === 'FBI' && r.type === 'INVESTIGATES')).toEqual([]);
  });
});

describe('what the classes must not read as relations', () => {
  const none: Array<{ text: string; not: string }> = [
    // a State joined to a designation word is who designates, not where the group is based
    { text: 'The Onyx Crow network, a U.S.-designated terrorist organization, moved funds through Beirut.', not: 'Onyx Crow LOCATED_IN United States' },
    // solicitors instruct counsel in a judgment's appearances: no proxy
    {
      text: 'Osbourne v Persons Unknown. MR P HALLORAN KC (instructed by Birch Lane Solicitors) appeared on behalf of the Claimant.',
      not: 'Birch Lane Solicitors USES_PROXY P Halloran',
    },
    // the State that designates a state-sponsored group is not its sponsor
    { text: 'The Onyx Crow network, a U.S.-designated Iranian state-sponsored hacking group, hit the port.', not: 'United States SUPPORTS Onyx Crow' },
    // saying is no assessment: a company that reports a claim does not investigate
    { text: 'Microsoft said that the Onyx Crow group carried out the port intrusion.', not: 'Microsoft INVESTIGATES Onyx Crow' },
    // an assessment whose clause makes no one responsible attributes nothing
    { text: 'The NCSC assessed that the Onyx Crow group is based in Minsk.', not: 'NCSC INVESTIGATES Onyx Crow' },
    // negation: "did not carry out"
    { text: 'Officials said the Black Lantern cell did not carry out the depot bombing in Lyon.', not: 'Black Lantern RESPONSIBLE_FOR depot bombing in Lyon' },
    // condemnation is no opposition (ONTOLOGY.md)
    { text: 'Canada condemned the Amber Wolf network on Tuesday.', not: 'Canada OPPOSES Amber Wolf' },
    // a victim's nationality is no doer: the attack hit a Polish firm
    { text: 'The Iron Owl group hacked a Polish logistics firm last year.', not: 'Poland TARGETED' },
    // the passive subject is the object, not the doer
    { text: 'The Iron Owl group was hacked by Northwind Energy investigators.', not: 'Iron Owl TARGETED Northwind Energy' },
    // being targeted is not targeting
    { text: 'Northwind Energy was attacked by the Iron Owl group in March.', not: 'Northwind Energy TARGETED Iron Owl' },
    // an agent of a participle inside the "as" phrase is not the one who lists
    { text: 'The Onyx Crow network was listed as a group funded by Belarus.', not: 'Belarus OPPOSES Onyx Crow' },
    // worked with is not worked for
    { text: 'Lena Hartmann worked with journalists from the Baltic Times.', not: 'Lena Hartmann MEMBER_OF Baltic Times' },
    { text: 'The Home Office has been working closely with the Metropolitan Police on the case.', not: 'Home Office MEMBER_OF Metropolitan Police' },
  ];
  for (const { text, not } of none) {
    it(text, async () => {
      const got = (await facts(text)).map((g) => g.replace(/ \[.*\]$/, ''));
      expect(got.filter((g) => g.startsWith(not))).toEqual([]);
    });
  }
});

describe('classes of people used as proxies (ONTOLOGY.md) and the chain to the case', () => {
  it('the GRU hired couriers; the couriers started the fires: organ -> proxy -> case', async () => {
    const x = await extractText(
      'Investigators said the GRU hired so-called disposable couriers through Telegram. ' +
        'The couriers carried out the parcel fires in Leipzig, prosecutors said.',
    );
    const got = x.relations.map((r) => `${r.source} ${r.type} ${r.target}`);
    expect(x.entities.map((e) => `${e.type}:${e.name}`)).toContain('Group:disposable couriers');
    expect(got).toContain('GRU USES_PROXY disposable couriers');
    expect(got).toContain('disposable couriers RESPONSIBLE_FOR parcel fires in Leipzig');
    const ev = x.relations.find((r) => r.type === 'USES_PROXY')!;
    expect(ev.rule).toBe('syn-use-proxy');
    expect(ev.evidence).toContain('hired so-called disposable couriers');
  });

  it('a class no State or group recruits is no entity ("the couriers were late")', async () => {
    const x = await extractText('The couriers were late and the parcels reached Leipzig on Monday.');
    expect(x.entities.filter((e) => e.name.includes('couriers'))).toEqual([]);
  });
});

describe("people spaCy's NER proposes, decided by the name's shape", () => {
  it('takes a person the cues cannot decide', async () => {
    const x = await extractText('Investigators said Dragomir Vetrenko, a purported leader of the Black Lantern cell, was arrested in Riga.');
    expect(x.entities.map((e) => `${e.type}:${e.name}`)).toContain('Actor:Dragomir Vetrenko');
  });

  it('reads a sentence whose only name no list knows, or that names one other entity, for its people', async () => {
    const alone = await extractText('Dragomir Vetrenko was arrested on Friday.');
    expect(alone.entities.map((e) => `${e.type}:${e.name}`)).toContain('Actor:Dragomir Vetrenko');
    const agent = await extractText('Dragomir Vetrenko is an agent of Moldova.');
    expect(agent.relations.map((r) => `${r.source} ${r.type} ${r.target}`)).toContain('Moldova USES_PROXY Dragomir Vetrenko');
  });

  it('leaves a proposal whose last word is a common word, and headlines, alone', async () => {
    const services = await extractText('Police said the Black Lantern cell moved the money through Tornado Cash and the Grey Owl group.');
    expect(services.entities.filter((e) => e.type === 'Actor').map((e) => e.name)).toEqual([]);
    const headline = await extractText('Dragomir Vetrenko Arrested In Riga After Port Bombing');
    expect(headline.entities.filter((e) => e.type === 'Actor').map((e) => e.name)).not.toContain('Dragomir Vetrenko Arrested');
  });
});
