"""TextBlob's sentence sentiment (PatternAnalyzer polarity and subjectivity), exactly, but faster.

``TextBlob(s).sentiment`` tokenises with Pattern's ``find_tokens`` and then walks the tokens through
``Sentiment.assessments``. Both are re-implemented here step for step, with the same lexicon
(read from TextBlob's own loaded ``en-sentiment.xml``, so a TextBlob upgrade is picked up), the
same tokenizer constants and the same arithmetic in the same order, so the floats are identical.
The speed comes from plain ``dict``/``frozenset`` look-ups instead of TextBlob's lazy dictionary
(a method call per look-up), ``str.replace`` for the literal contraction rules instead of one
``re.sub`` each, a fast path for tokens without surrounding punctuation, and a table for the
emoticons instead of a loop over all of them per token. ``tests/sentiment/test_fastblob.py`` checks
equality on every sentence of the corpus and the seeds and on generated text. The tokenizer's
constants are read from TextBlob's private ``textblob._text``, so only for the TextBlob versions
transcribed (:data:`TRANSCRIBED_VERSIONS`); with any other version :func:`score` calls TextBlob
itself (the same numbers, slower), as :mod:`helpers.sentiment.fastvader` does with VADER.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import NamedTuple

from textblob.en import sentiment as _textblob_sentiment

__all__ = ["TRANSCRIBED_VERSIONS", "Sentiment", "assessments", "score", "sentiment", "tokenize"]

#: The TextBlob versions transcribed here (``tests/sentiment/test_fastblob.py`` checks every
#: corpus sentence against TextBlob). With any other version TextBlob itself is called, as
#: ``helpers.sentiment.fastvader`` calls VADER: slower, never different.
TRANSCRIBED_VERSIONS = ("0.20.1",)
try:
    _TRANSCRIBED = version("textblob") in TRANSCRIBED_VERSIONS
except PackageNotFoundError:
    _TRANSCRIBED = False
if _TRANSCRIBED:
    # TextBlob's tokenizer constants live in its private module: read only for the versions
    # transcribed, whose contents the tests pin.
    from textblob import _text

    _PUNCTUATION = _text.PUNCTUATION
    _LEAD = tuple(_PUNCTUATION.replace(".", ""))  # find_tokens splits periods separately
    _LEAD_SET = frozenset(_LEAD)
    _TRAIL = (*_LEAD, ".")
    _TRAIL_SET = frozenset(_TRAIL)
    _ABBREVIATIONS = frozenset(_text.ABBREVIATIONS)
    _REPLACE = dict(_text.replacements)
    _EOS = _text.EOS
    _SENTENCE_END = frozenset(("...", ".", "!", "?", _EOS))
    _SENTENCE_CLOSE = frozenset(("'", '"', "”", "’", "...", ".", "!", "?", ")", _EOS))
    # A contraction rule is a regex in TextBlob; all of them are literal text, so str.replace is
    # the same (if that ever changes, TextBlob is called instead).
    _TRANSCRIBED = all(re.escape(key) == key for key in _REPLACE)
    # A character all the rules contain ("'"), so a text without it needs none of them.
    _REPLACE_MARK = "'" if all("'" in key for key in _REPLACE) else ""
_QUOTES = (("“", " “ "), ("”", " ” "), ("‘", " ‘ "), ("’", " ’ "), ("'", " ' "), ('"', ' " '))
_LINEBREAK = re.compile(r"\n{2,}")


class Sentiment(NamedTuple):
    """Polarity (-1..1) and subjectivity (0..1), like ``TextBlob(s).sentiment``."""

    polarity: float
    subjectivity: float


class _Lexicon(NamedTuple):
    scores: dict[str, tuple[float, float, float]]  # word -> (polarity, subjectivity, intensity)
    modifiers: frozenset[str]  # words with an adverb reading: they modify the next word
    labels: dict[str, str]
    negations: frozenset[str]
    emoticons: dict[str, float]  # lower-cased emoticon -> polarity
    inert: frozenset[str]  # unscored words a rule still looks at: negations, "!", "(!)", faces


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Read TextBlob's loaded sentiment lexicon once (POS-agnostic scores, as TextBlob uses for text)."""
    tb = _textblob_sentiment
    len(tb)  # the lazy dictionary loads its XML on first use
    scores, modifiers = {}, set()
    for word, by_pos in dict.items(tb):
        p, s, i = by_pos[None]
        scores[word] = (p, s, i)
        if any(pos in by_pos for pos in tb.modifiers):
            modifiers.add(word)
    emoticons: dict[str, float] = {}
    for (_kind, polarity), faces in _text.EMOTICONS.items():
        for face in faces:
            emoticons.setdefault(face.lower(), polarity)
    # TextBlob stops at the first group (in dict order) holding the face; setdefault keeps that one.
    negations = frozenset(tb.negations)
    inert = negations | {"!", "(!)"} | emoticons.keys()
    return _Lexicon(scores, frozenset(modifiers), dict(tb.labeler), negations, emoticons, inert)


def _split_token(t: str, tokens: list[str]) -> None:
    """Pattern's punctuation splitting for one whitespace-separated token (verbatim logic)."""
    tail = []
    while t.startswith(_LEAD) and t not in _REPLACE:
        tokens.append(t[0])
        t = t[1:]
    while t.endswith(_TRAIL) and t not in _REPLACE:
        if t.endswith(_LEAD):
            tail.append(t[-1])
            t = t[:-1]
        if t.endswith("..."):
            tail.append("...")
            t = t[:-3].rstrip(".")
        if t.endswith("."):
            if (
                t in _ABBREVIATIONS
                or _text.RE_ABBR1.match(t) is not None
                or _text.RE_ABBR2.match(t) is not None
                or _text.RE_ABBR3.match(t) is not None
            ):
                break
            tail.append(t[-1])
            t = t[:-1]
    if t != "":
        tokens.append(t)
    tokens.extend(reversed(tail))


def tokenize(text: str) -> list[str]:
    """Split text into the lower-cased tokens TextBlob's sentiment scores.

    Only with a transcribed TextBlob version (:data:`TRANSCRIBED_VERSIONS`).

    Example:
        >>> tokenize("It isn't good :)")  # Pattern splits the apostrophe off again
        ['it', 'is', 'n', "'", 't', 'good', ':)']
    """
    if not _TRANSCRIBED:
        raise RuntimeError(
            f"helpers.sentiment.fastblob transcribes TextBlob {TRANSCRIBED_VERSIONS}; "
            "with this version only score(), sentiment() and assessments() work (through TextBlob)"
        )
    if _REPLACE_MARK in text:  # every contraction rule holds an apostrophe: most texts skip them
        for old, new in _REPLACE.items():
            if old in text:
                text = text.replace(old, new)
    for old, new in _QUOTES:
        if old in text:
            text = text.replace(old, new)
    if "\n" in text:
        text = text.replace("\r\n", "\n")
        if "\n\n" in text:
            text = _LINEBREAK.sub(f" {_EOS} ", text)
    tokens: list[str] = []
    # str.split() splits at the runs of characters that regex \s matches (both ask
    # Py_UNICODE_ISSPACE), so this is Pattern's re.sub(r"\s+", " ", text).split(" ") without
    # its empty strings (tests/test_fastblob.py checks every code point).
    for t in text.split():
        if t[0] in _LEAD_SET:
            _split_token(t, tokens)
        elif t[-1] in _TRAIL_SET:
            if t[-1] in _LEAD_SET and t[-2] not in _TRAIL_SET and t not in _REPLACE:
                tokens += (t[:-1], t[-1])  # "word,": what _split_token does with one mark
            else:
                _split_token(t, tokens)
        else:
            tokens.append(t)
    if _EOS not in tokens:
        # Without blank lines Pattern's sentence boundaries only matter when an emoticon could be
        # joined across one; with no emoticon anywhere the whole text gives the same tokens.
        joined = " ".join(tokens)
        if "(" in joined:
            joined = _text.RE_SARCASM.sub("(!)", joined)
        if _text.RE_EMOTICONS.search(joined) is None:
            return joined.lower().split()
    return _by_sentence(tokens)


def _by_sentence(tokens: list[str]) -> list[str]:
    """Pattern's sentence loop, verbatim: drops EOS markers and applies the emoticon rules per sentence."""
    sentences: list[list[str]] = [[]]
    i = j = 0
    n = len(tokens)
    while j < n:
        if tokens[j] in _SENTENCE_END:
            while j < n and tokens[j] in _SENTENCE_CLOSE:
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != _EOS)
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    words: list[str] = []
    for sentence in sentences:
        if not sentence:
            continue
        joined = _text.RE_SARCASM.sub("(!)", " ".join(sentence))
        joined = _text.RE_EMOTICONS.sub(_join_emoticon, joined)
        words.extend(joined.lower().split())
    return words


def _join_emoticon(match: re.Match) -> str:
    return match.group(1).replace(" ", "") + match.group(2)


def _assess(words: list[str]) -> list[list]:
    """Pattern's ``Sentiment.assessments`` for POS-less words: [words, p, s, i, n, label] items."""
    lex = _lexicon()
    scores, modifiers, labels, negations = lex.scores, lex.modifiers, lex.labels, lex.negations
    emoticons, inert = lex.emoticons, lex.inert
    a: list[list] = []
    m = None  # preceding modifier ("really good")
    n = None  # preceding negation ("not good")
    for w in words:
        known = scores.get(w)
        if known is None and m is None and n is None and w not in inert:
            continue  # nothing pending and no rule for this word: the branch below changes nothing
        if known is not None:
            p, s, i = known
            if m is None:
                a.append([[w], p, s, i, 1, labels.get(w)])
            else:
                last = a[-1]
                last[0].append(w)
                last[1] = max(-1.0, min(p * last[3], +1.0))
                last[2] = max(-1.0, min(s * last[3], +1.0))
                last[3] = i
                last[5] = labels.get(w)
            if n is not None:
                last = a[-1]
                last[0].insert(0, n)
                last[3] = 1.0 / last[3]
                last[4] = -1
            m = w if w in modifiers else None
            n = w if w in negations else None
        else:
            if w in negations:
                n = w
            elif n and len(w.strip("'")) > 1:
                n = None
            if n is not None and m is not None and _textblob_sentiment.modifier(m):
                a[-1][0].append(n)
                a[-1][4] = -1
                n = None
            elif m and len(w) > 2:
                m = None
            if w == "!" and len(a) > 0:
                a[-1][0].append("!")
                a[-1][1] = max(-1.0, min(a[-1][1] * 1.25, +1.0))
            if w == "(!)":
                a.append([[w], 0.0, 1.0, 1.0, 1, _text.IRONY])
            face = emoticons.get(w)  # look-up first: most words are no face, skip Pattern's tests
            if face is not None and not w.isalpha() and len(w) <= 5 and w not in _PUNCTUATION:
                a.append([[w], face, 1.0, 1.0, 1, _text.MOOD])
    return a


def score(text: str) -> tuple:
    """Drop-in for ``textblob.en.sentiment(text)``: a (polarity, subjectivity) tuple with ``.assessments``.

    TextBlob itself is called when its version is not one transcribed here.

    Example:
        >>> result = score("It’s not much to ask.")
        >>> tuple(result), result.assessments
        ((-0.1, 0.2), [(['not', 'much'], -0.1, 0.2, None)])
    """
    if not _TRANSCRIBED:
        return _textblob_sentiment(text)
    found = [
        (w, p * -0.5 if neg < 0 else p, s, x) for w, p, s, _i, neg, x in _assess(tokenize(text))
    ]
    polarity = subjectivity = 0
    for _w, p, s, _x in found:  # Pattern's avg(): the same additions in the same order
        polarity += p
        subjectivity += s
    n = float(len(found) or 1)
    return _text.Score(polarity / n, subjectivity / n, found)


def assessments(text: str) -> list[tuple[list[str], float, float, str | None]]:
    """The scored phrases behind a sentence, like ``TextBlob(s).sentiment_assessments.assessments``.

    Example:
        >>> assessments("The talks were not good.")
        [(['not', 'good'], -0.35, 0.6000000000000001, None)]
    """
    return score(text).assessments


def sentiment(text: str) -> Sentiment:
    """Polarity and subjectivity of a text, identical to ``TextBlob(text).sentiment``.

    Example:
        >>> sentiment("The summit was a great success.")
        Sentiment(polarity=0.55, subjectivity=0.375)
    """
    return Sentiment(*score(text))
