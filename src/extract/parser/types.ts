// The dependency parse of one sentence, as the spaCy worker pool returns it. Offsets are
// character offsets into the sentence text that was sent (not into the document).

export interface ParsedToken {
  /** index in the sentence */
  i: number;
  text: string;
  /** character offset of the token's first character in the sentence text */
  start: number;
  /** character offset just after the token */
  end: number;
  lemma: string;
  /** universal POS (NOUN, VERB, PROPN, ...) */
  pos: string;
  /** Penn Treebank tag (VBD, NNP, ...) */
  tag: string;
  /** dependency label (nsubj, dobj, pobj, prep, agent, conj, appos, ...) */
  dep: string;
  /** index of the head token; the root is its own head */
  head: number;
}

export interface ParsedSentence {
  tokens: ParsedToken[];
  /** named entities spaCy's NER proposes: character offsets into the sentence, label PERSON, ORG, GPE, ... */
  ents: Array<{ start: number; end: number; label: string }>;
}

/** Parses sentences; one implementation: the pool of spaCy worker processes. */
export interface SentenceParser {
  /**
   * Parses the sentences of one article. `label` names the article in errors. `ner`, one flag
   * per sentence, says which sentences the entity recogniser reads (all when absent).
   */
  parse(sentences: string[], label: string, ner?: boolean[]): Promise<ParsedSentence[]>;
  close(): Promise<void>;
}
