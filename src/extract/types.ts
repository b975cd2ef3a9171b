// The extractor's contract with the rest of ThreatGraph: the ONTOLOGY.md JSON
// (name/type entities, source/type/target relations) plus what the graph needs
// to keep evidence: mentions with offsets, and per-relation sentence, rule,
// confidence and claim.
import type { CaseKind, Claim, EntityType, GroupKind, RelationType } from '../ontology.js';

/** An article as the extractor reads it. `text` may be plain text, Markdown or HTML. */
export interface ArticleInput {
  id?: string;
  title?: string;
  text: string;
  published?: string; // ISO date, the document's date
  source?: string;
  url?: string;
  /** How `text` is written; guessed from the content when absent. */
  format?: 'text' | 'markdown' | 'html';
}

/** One sentence of the normalised document (title is sentence 0 when present). */
export interface Sentence {
  index: number;
  text: string;
  start: number; // offset of the sentence in Extraction.text
  end: number;
}

export interface Mention {
  sentence: number; // index into Extraction.sentences
  start: number; // character offsets into Extraction.text
  end: number;
  text: string; // the surface form as written
}

export interface ExtractedEntity {
  name: string; // canonical name (ONTOLOGY.md)
  type: EntityType;
  aliases: string[]; // other surface forms the text used
  kind?: GroupKind | CaseKind;
  iso3?: string; // State only
  role?: string; // Actor: title or role taken off the name ("Director General")
  date?: string; // Case: ISO date when the text gives one
  mentions: Mention[];
}

export interface ExtractedRelation {
  source: string; // canonical name of the source entity
  sourceType: EntityType;
  type: RelationType;
  target: string;
  targetType: EntityType;
  evidence: string; // the sentence that proves it
  sentence: number;
  start: number; // offsets of the evidence sentence in Extraction.text
  end: number;
  rule: string; // the reason id of the pattern that produced it
  confidence: number; // in [0, 1]
  claim: Claim;
  assertedBy?: string; // the party that makes the assertion, when the text names it
  role?: string; // MEMBER_OF / PARTY_TO role when stated
}

export interface Extraction {
  id: string;
  title?: string;
  published?: string;
  source?: string;
  url?: string;
  /** The normalised text that offsets refer to: title, a blank line, then the body. */
  text: string;
  sentences: Sentence[];
  entities: ExtractedEntity[];
  relations: ExtractedRelation[];
}
