#!/usr/bin/env python3
"""Readability statistics for Gleaner, as an out-of-process `exec` analyzer.

Speaks the gleaner-exec/1 protocol (docs/plugins.md): it writes a handshake
line, then reads one JSON request per line on stdin and answers each with one
JSON line on stdout. Only Python's standard library is used.

For each article it reports word, sentence and syllable counts, the Flesch
reading ease and Flesch-Kincaid grade (English only), a plain-language level,
the reading time, and the longest sentence with its span, so an editor can
see at a glance how hard a piece is to read and where it gets heavy.

Pipeline configuration:

    [analyzers.readability]
    type = "exec"
    command = "python3"
    args = ["examples/exec-analyzer/readability.py", "--wpm", "230"]
    timeout_ms = 5000

Options:
    --wpm N              reading speed for reading_minutes (default 230)
    --long-sentence N    words from which a sentence counts as long (default 30)

Fault injection, for testing how Gleaner handles broken analyzers (each takes
a text matched against the document id; an empty text matches every id):
    --hang-on TEXT       never answer that document
    --crash-on TEXT      exit with status 3 on that document
    --garbage-on TEXT    answer that document with a line that is not JSON
"""

import argparse
import json
import re
import sys
import time

PROTOCOL = "gleaner-exec/1"

WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d+(?:[.,]\d+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")
VOWEL_GROUP = re.compile(r"[aeiouy]+")

LEVELS = [
    (90, "very easy"),
    (80, "easy"),
    (70, "fairly easy"),
    (60, "plain English"),
    (50, "fairly difficult"),
    (30, "difficult"),
]


def syllables(word):
    """Estimated English syllables in one word (at least 1)."""
    if word[0].isdigit():
        return min(max(len(re.sub(r"\D", "", word)), 1), 3)
    w = word.lower().replace("\u2019", "'")
    w = re.sub(r"'s$", "", w)
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return 1
    count = len(VOWEL_GROUP.findall(w))
    # A final silent e ("make"), but not "-le" after a consonant ("table").
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    # "-ed" is usually silent unless after t or d ("walked" vs "wanted").
    if w.endswith("ed") and len(w) > 3 and w[-3] not in "td" and count > 1:
        count -= 1
    return max(count, 1)


def sentence_spans(doc):
    """(start, end, source_start, source_end) of each sentence, in characters.

    Uses the sentences Gleaner's normalizer found; falls back to splitting
    on end punctuation when there are none.
    """
    text = doc.get("text", "")
    found = doc.get("sentences") or []
    if found:
        return [
            (s["start"], s["end"], s.get("source_start"), s.get("source_end"))
            for s in found
        ]
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        spans.append((start, m.start(), None, None))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text), None, None))
    return spans


def level(ease):
    for floor, name in LEVELS:
        if ease >= floor:
            return name
    return "very difficult"


def analyze(doc, opts):
    text = doc.get("text", "")
    spans = sentence_spans(doc)
    words = WORD.findall(text)
    n_words = len(words)
    n_syll = sum(syllables(w) for w in words)
    counted = []
    for start, end, sstart, send in spans:
        n = len(WORD.findall(text[start:end]))
        if n:
            counted.append((n, start, end, sstart, send))
    n_sent = len(counted)
    language = (doc.get("meta") or {}).get("language") or "en"
    english = language.lower().startswith("en")

    out = {
        "words": n_words,
        "sentences": n_sent,
        "syllables": n_syll,
        "reading_minutes": round(n_words / opts.wpm, 1),
        "long_sentences": sum(1 for c in counted if c[0] >= opts.long_sentence),
    }
    if n_words and n_sent:
        wps = n_words / n_sent
        spw = n_syll / n_words
        out["words_per_sentence"] = round(wps, 1)
        out["syllables_per_word"] = round(spw, 2)
        if english:
            ease = 206.835 - 1.015 * wps - 84.6 * spw
            out["flesch_reading_ease"] = round(ease, 1)
            out["flesch_kincaid_grade"] = round(0.39 * wps + 11.8 * spw - 15.59, 1)
            out["level"] = level(ease)
        else:
            out["note"] = "Flesch scores are only computed for English (language %s)" % language
        n, start, end, sstart, send = max(counted, key=lambda c: c[0])
        longest = {"start": start, "end": end, "words": n}
        if sstart is not None and send is not None:
            longest["source_start"] = sstart
            longest["source_end"] = send
        out["longest_sentence"] = longest
    return out


def matches(pattern, doc_id):
    return pattern is not None and pattern in doc_id


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wpm", type=float, default=230.0)
    parser.add_argument("--long-sentence", type=int, default=30)
    parser.add_argument("--hang-on")
    parser.add_argument("--crash-on")
    parser.add_argument("--garbage-on")
    opts = parser.parse_args()
    if opts.wpm <= 0:
        parser.error("--wpm must be positive")

    send({"protocol": PROTOCOL, "name": "readability", "version": "1.0"})
    for raw in sys.stdin.buffer:
        if not raw.strip():
            continue
        request = json.loads(raw.decode("utf-8"))
        rid = request.get("id")
        if request.get("protocol") != PROTOCOL:
            send({"id": rid, "error": "unsupported protocol %r" % request.get("protocol")})
            continue
        doc = request.get("document") or {}
        doc_id = str(doc.get("id", ""))
        if matches(opts.hang_on, doc_id):
            print("hanging on %s as asked" % doc_id, file=sys.stderr, flush=True)
            while True:
                time.sleep(3600)
        if matches(opts.crash_on, doc_id):
            print("crashing on %s as asked" % doc_id, file=sys.stderr, flush=True)
            sys.exit(3)
        if matches(opts.garbage_on, doc_id):
            sys.stdout.write("readability: scoring %s...\n" % doc_id)
            sys.stdout.flush()
            continue
        try:
            send({"id": rid, "annotations": analyze(doc, opts)})
        except Exception as e:  # one bad document must not stop the analyzer
            send({"id": rid, "error": "%s: %s" % (type(e).__name__, e)})


if __name__ == "__main__":
    main()
