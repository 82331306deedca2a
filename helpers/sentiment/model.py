"""The learned target-sentiment model: features of one mention, weights a student can read.

The lexicon method (:mod:`helpers.sentiment.target`) gives every word a fixed score written by
people. This model instead learned one weight per feature and class from 8,739 labelled targets of
NewsMTSC ``train.jsonl`` (US news sentences; MIT licence): a multinomial logistic regression, so a
mention's score for a class is the sum of the weights of its features plus the class's bias, and
the probabilities are the softmax of the three scores. The weights are a CSV file
(``data/sentiment_model/weights.csv``: feature, negative, neutral, positive), the feature settings
and the training record a JSON file beside it (``model.json``), and ``README.md`` there is the
model card. Nothing is downloaded and no machine-learning library is needed to use it: the
scoring is a loop over the features of a mention and three additions per feature.

Features of a mention (the mention itself and every other mention of the sentence are masked:
names never count, so the model cannot learn that a name is good or bad):

- ``near:WORD``: the words up to ``window`` words away, weighted by distance (1 next to the
  mention, less further away);
- ``before:WORD`` / ``after:WORD``: the words right before and after the mention ("slammed <t>" and
  "<t> slammed" are not the same thing);
- ``pair:WORD WORD``: word pairs near the mention, the mention itself written ``<t>`` ("by <t>",
  "<t> said", "not good");
- ``clause:WORD``: the words of the mention's clause (the lexicon method's clause);
- ``sentence:WORD``: the words of the whole sentence (its general tone);
- ``lexicon:...``: the lexicon method's own numbers (its polarity for this mention, VADER and
  TextBlob on the clause, split into their positive and negative parts);
- ``flag:...``: the mention is the speaker ("Obama said"), inside a quotation, in a clause opened
  by "but", next to a negation, possessive ("Trump's"), after "by", a pronoun, ...

Words are lower-cased and stemmed (Porter: "alleged" -> ``alleg``). A word after a negation ("not",
"never", "n't", ... within three words) is written ``not_WORD``. Other mentions are ``<m>``, numbers
``<num>``, capitalised words inside a sentence (names no gazetteer marked) ``<name>``.

A sentence is read once for all its mentions (:func:`prepare_sentence`); :func:`mention_features`
gives one mention's features as a dict (what training and ``explain_mention`` show), and
:meth:`Model.tally` scores them and keeps each word's push for the evidence table. The analysis
calls :meth:`Model.score_sentence` instead: the same scores (to the last bit) and evidence for all
the mentions of a sentence at once, reading what they share once and making only the features the
model has weights for (:class:`Vocabulary`), which takes about a third less time.
"""

from __future__ import annotations

import csv
import hashlib
import heapq
import io
import json
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from nltk.stem.porter import PorterStemmer

from ..paths import DATA_DIR
from ..tables import write_text_atomic
from .lexicons import negators, news_analyzer, speech_verbs

__all__ = [
    "CLASSES",
    "EVERY_FEATURE",
    "MODEL_DIR",
    "WORD_KINDS",
    "Mention",
    "Model",
    "ModelSettings",
    "Sentence",
    "Vocabulary",
    "Word",
    "load_model",
    "mention_features",
    "model_fingerprint",
    "prepare_sentence",
    "read_model",
    "sentence_hash",
    "sentence_words",
    "top_pushes",
    "trained_sentences",
    "vocabulary",
    "write_model",
]

#: The model's classes, in the order of its weight columns.
CLASSES = ("negative", "neutral", "positive")
#: Where the kit's trained model lives (weights.csv, model.json, README.md, LICENSE).
MODEL_DIR = DATA_DIR / "sentiment_model"
WEIGHTS_FILE = "weights.csv"
SETTINGS_FILE = "model.json"
TRAINED_FILE = "trained_sentences.txt"  # sentence_hash of every training sentence
BIAS = "(bias)"  # the row of weights.csv holding each class's intercept
TARGET, OTHER, NUMBER = "<t>", "<m>", "<num>"

_WORD = re.compile(r"[\w’']+(?:[.\-][\w’']+)*")
_DIGIT = re.compile(r"\d")
_PRONOUNS = frozenset(
    "he him his she her hers they them their theirs it its we us our i me my you your".split()
)
_QUOTES = '"“”'


@dataclass(frozen=True)
class ModelSettings:
    """How a mention is turned into features, and how the model was fitted.

    The feature settings (``window`` .. ``flags``) are stored with the weights and must be those
    the weights were learned with; the fitting settings (``min_count`` .. ``class_weight``) are
    kept as a record of how the model was made.

    Attributes:
        window: words on each side counted as ``near:`` (and ``pair:``) features.
        side: words right before/after the mention counted as ``before:``/``after:``.
        pairs: add ``pair:`` features (word pairs near the mention).
        clause: add ``clause:`` features.
        sentence: add ``sentence:`` features.
        negation_scope: words after a negation written ``not_WORD`` (0: none).
        names: write capitalised words inside the sentence (names the gazetteer does not know)
            as ``<name>``, so that the model cannot learn who is good or bad.
        stem: reduce words to their Porter stem ("alleged", "allegations" -> ``alleg``).
        lexicon: add the lexicon method's numbers as features.
        flags: add the ``flag:`` features.
        min_count: a feature must occur with at least this many training targets.
        c: inverse strength of the L2 penalty (smaller: smaller weights, fewer surprises).
        class_weight: "balanced" weighs the classes as if they were equally common.
    """

    window: int = 4
    side: int = 2
    pairs: bool = True
    clause: bool = True
    sentence: bool = True
    negation_scope: int = 3
    names: bool = True
    stem: bool = True
    lexicon: bool = True
    flags: bool = True
    min_count: int = 5
    c: float = 0.1
    class_weight: str = "balanced"

    @classmethod
    def from_dict(cls, values: dict) -> ModelSettings:
        """Settings from a dict (unknown keys are an error: a newer model needs a newer kit)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown model settings {unknown}; update the kit or retrain")
        return cls(**values)


class Word(NamedTuple):
    """One word of a sentence: offsets, its feature form (lower case, ``<num>``) and surface."""

    start: int
    end: int
    form: str
    surface: str


class Mention(NamedTuple):
    """What the lexicon method found for a mention, as the model's features need it."""

    start: int
    end: int
    speaker: bool
    clause_start: int  # the mention's clause (offsets into the sentence)
    clause_end: int
    polarity: float  # the lexicon method's polarity for the mention
    vader: float  # VADER (+ news words) on the mention's clause
    textblob: float  # TextBlob on the mention's clause
    contrast: bool  # the mention's clause is opened by "but", "although", ...
    sentence_vader: float  # VADER (+ news words), mean over the sentence's clauses
    sentence_textblob: float  # TextBlob, mean over the sentence's clauses


def sentence_words(text: str) -> list[Word]:
    """Split a sentence into the words the model reads (lower case, curly apostrophes made straight).

    Example:
        >>> [w.form for w in sentence_words("He didn’t win 3 states.")][1:]
        ["didn't", 'win', '<num>', 'states']
    """
    out = []
    for match in _WORD.finditer(text):
        surface = match.group()
        form = NUMBER if _DIGIT.search(surface) else surface.lower().replace("’", "'")
        out.append(Word(match.start(), match.end(), form, surface))
    return out


NAME = "<name>"


_PORTER = PorterStemmer()


@lru_cache(maxsize=100_000)
def _stem(form: str) -> str:
    """Porter's stem of a word ("attacked", "attacks" -> "attack"); ``<num>``, ``<name>`` as is."""
    return _PORTER.stem(form) if form[:1].isalpha() else form


class _About(NamedTuple):
    """What :func:`prepare_sentence` needs to know of a word, whatever the sentence."""

    lower: str  # lower case, straight apostrophes
    plain: str  # the feature form unstemmed (``<num>`` for a number)
    stem: str  # the feature form stemmed
    capitalised: bool  # written with a capital (and not "I", and not a VADER word): a name?
    negation: bool  # "not", "never", "n't", ...
    tone: float  # VADER's valence / 4, or 0
    letter: bool  # begins with a letter
    upper: bool  # begins with a capital


@lru_cache(maxsize=100_000)
def _about(surface: str) -> _About:
    """:class:`_About` of a word as written (kept: the kit's lexicons are read once per process)."""
    lower = surface.lower().replace("’", "'")
    plain = NUMBER if _DIGIT.search(surface) else lower
    valences = news_analyzer().lexicon
    return _About(
        lower,
        plain,
        _stem(plain),
        surface[0].isupper() and surface != "I" and plain not in valences,
        lower.replace("'", "") in negators() or lower.endswith("n't"),
        valences.get(lower, 0.0) / 4.0,
        surface[:1].isalpha(),
        surface[0].isupper(),
    )


def _title_case(words: list[_About]) -> bool:
    """Whether most words are capitalised (a headline in title case: capitals say nothing)."""
    letters = [w for w in words if w.letter]
    return sum(w.upper for w in letters) > 0.6 * len(letters)


#: The features made of one word of the sentence, in the order of :attr:`Vocabulary.words`.
WORD_KINDS = ("near", "before", "after", "clause", "sentence")


class Vocabulary(NamedTuple):
    """Which features exist: their names are looked up once, not built for every mention.

    :data:`EVERY_FEATURE` has every feature (training, :func:`mention_features`); a model's
    :attr:`Model.vocabulary` only those it has weights for (a feature the model never learned
    changes no score, so the analysis does not make it). Each field is a look-up giving a
    feature's entry, or None for a feature that does not exist. An entry is a tuple: the
    feature's name, then, in a model's vocabulary, its weights for negative, neutral and
    positive, and its push per unit (positive - negative).

    Attributes:
        words: a word's form -> the entries of its :data:`WORD_KINDS` features ("help" ->
            (entry of ``near:help``, of ``before:help``, ...)).
        pairs: (form, form) -> the entry of the ``pair:`` feature.
        others: a ``lexicon:`` or ``flag:`` feature's name -> its entry.
    """

    words: Callable[[str], tuple[tuple | None, ...] | None]
    pairs: Callable[[tuple[str, str]], tuple | None]
    others: Callable[[str], tuple | None]


@lru_cache(maxsize=100_000)
def _word_entries(form: str) -> tuple[tuple[str], ...]:
    """Every word feature of a form, names alone (:data:`EVERY_FEATURE`)."""
    return tuple((f"{kind}:{form}",) for kind in WORD_KINDS)


def _pair_entry(pair: tuple[str, str]) -> tuple[str]:
    """The ``pair:`` feature of two forms, its name alone (:data:`EVERY_FEATURE`)."""
    return (f"pair:{pair[0]} {pair[1]}",)


def _other_entry(name: str) -> tuple[str]:
    """A ``lexicon:`` or ``flag:`` feature, its name alone (:data:`EVERY_FEATURE`)."""
    return (name,)


#: Every feature (what training sees): entries are the names alone.
EVERY_FEATURE = Vocabulary(_word_entries, _pair_entry, _other_entry)


def vocabulary(weights: dict[str, Sequence[float]]) -> Vocabulary:
    """The :class:`Vocabulary` of the features that have weights (a model's).

    Example:
        >>> known = vocabulary({"near:help": (-1.0, 0.0, 1.0), "pair:<t> help": (0.0, 0.0, 0.5)})
        >>> known.words("help"), known.words("hurt"), known.pairs(("<t>", "help"))
        ((('near:help', -1.0, 0.0, 1.0, 2.0), None, None, None, None), None, ('pair:<t> help', 0.0, 0.0, 0.5, 0.5))
    """
    words: dict[str, list[tuple | None]] = {}
    pairs: dict[tuple[str, str], tuple] = {}
    others: dict[str, tuple] = {}
    for name, (negative, neutral, positive) in weights.items():
        entry = (name, negative, neutral, positive, positive - negative)
        kind, _, rest = name.partition(":")
        if kind == "pair":
            first, _, second = rest.partition(" ")
            pairs[(first, second)] = entry
        elif kind in WORD_KINDS:
            words.setdefault(rest, [None] * len(WORD_KINDS))[WORD_KINDS.index(kind)] = entry
        else:
            others[name] = entry
    kinds = {form: tuple(entries) for form, entries in words.items()}
    return Vocabulary(kinds.get, pairs.get, others.get)


class Sentence(NamedTuple):
    """A sentence as the model reads it: one item per word, one per mention (see
    :func:`prepare_sentence`)."""

    text: str
    forms: list[str]  # feature forms: stemmed, ``not_`` after a negation, ``<m>`` for a mention
    surfaces: list[str]  # the words as written ("" for the mentions)
    lowers: list[str]  # the words in lower case, unstemmed (for the lexicon look-ups)
    starts: list[int]  # offsets into the sentence
    index: dict[tuple[int, int], int]  # mention span -> its item
    words: dict[str, list]  # the ``sentence:`` features (the same for every mention):
    # {feature: [value, words, entry]} (an entry of ``vocabulary``)
    tones: list[float]  # VADER's valence / 4 of each word (sign flipped after a negation), or 0
    flags: list[str]  # the flag: features every mention of the sentence has (quotes, "?", ...)
    vocabulary: Vocabulary  # the features made: all of them, or a model's (``known``)
    entries: list  # each item's :attr:`Vocabulary.words` (None: a mention or an unknown word)
    negated: list[bool]  # each item's form is ``not_...``


def prepare_sentence(
    text: str,
    spans: Sequence[tuple[int, int]],
    settings: ModelSettings,
    *,
    words: list[Word] | None = None,
    known: Vocabulary = EVERY_FEATURE,
) -> Sentence:
    """Read a sentence once for all its mentions: words, stems, names, negation, mention items.

    Every mention (``spans``) becomes one ``<m>`` item, whatever its number of words; the
    mention being scored is written ``<t>`` by :func:`mention_features`. ``known`` limits the
    features to a vocabulary (the analysis passes its model's: :meth:`Model.score_sentence`).

    Example:
        >>> s = prepare_sentence("Japan did not help China.", [(0, 5), (19, 24)], ModelSettings())
        >>> s.forms, s.index
        (['<m>', 'did', 'not', 'not_help', '<m>'], {(0, 5): 0, (19, 24): 4})
    """
    if words is None:
        found = [(match.start(), match.group()) for match in _WORD.finditer(text)]
    else:
        found = [(word.start, word.surface) for word in words]
    about = [_about(surface) for _, surface in found]
    # Each word's mention: the first (in order) of the spans it overlaps, found by bisection.
    ends = [start + len(surface) for start, surface in found]
    ordered = sorted((int(a), int(b)) for a, b in spans)
    covered: list[tuple[int, int] | None] = [None] * len(found)
    for span in ordered:
        k = bisect_right(ends, span[0])
        while k < len(found) and found[k][0] < span[1]:
            if covered[k] is None:
                covered[k] = span
            k += 1
    forms: list[str] = []
    surfaces: list[str] = []
    lowers: list[str] = []
    starts: list[int] = []
    tones: list[float] = []
    index: dict[tuple[int, int], int] = {}
    scope = settings.negation_scope
    names = settings.names and not _title_case(about)
    stem = settings.stem
    last_span = None
    negated_until = -1
    for k, (start, surface) in enumerate(found):
        span = covered[k]
        if span is not None:
            if span != last_span and span not in index:
                index[span] = len(forms)
                forms.append(OTHER)
                surfaces.append("")
                lowers.append("")
                starts.append(start)
                tones.append(0.0)
            last_span = span
            continue
        last_span = None
        lower, plain, stemmed, capitalised, negation, tone, _, _ = about[k]
        # A capitalised word after the first is a name the gazetteer does not know (unless
        # VADER scores it): <name>, so that the model cannot learn who is good or bad.
        if names and k and capitalised:
            form = NAME
        else:
            form = stemmed if stem else plain
        if scope and negation:
            negated_until = len(forms) + scope
        elif len(forms) <= negated_until:
            form = "not_" + form
        forms.append(form)
        # A name's own word is not what the model read: the evidence shows "<name>", so that
        # "Foreign" of "Russian Foreign Ministry" is never listed as a sentiment word.
        surfaces.append(NAME if capitalised and form.endswith(NAME) else surface)
        lowers.append(lower)
        starts.append(start)
        tones.append(tone * (-0.74 if form.startswith("not_") else 1.0))
    for span in ordered:  # a mention with no word (punctuation only): an item where it starts
        if span not in index:
            at = next((i for i, s in enumerate(starts) if s >= span[0]), len(forms))
            index = {k: (v + 1 if v >= at else v) for k, v in index.items()}
            index[span] = at
            forms.insert(at, OTHER)
            surfaces.insert(at, "")
            lowers.insert(at, "")
            starts.insert(at, span[0])
            tones.insert(at, 0.0)
    entries_of = known.words
    entries = [None if form == OTHER else entries_of(form) for form in forms]
    shared: dict[str, list] = {}
    if settings.sentence:
        for entry, surface in zip(entries, surfaces, strict=True):
            if entry is not None and entry[4] is not None:
                _add(shared, entry[4], 1.0, surface)
    flags = []
    if any(q in text for q in _QUOTES):
        flags.append("flag:quote_in_sentence")
    if not speech_verbs().isdisjoint(lowers):
        flags.append("flag:speech_verb")
    if "?" in text:
        flags.append("flag:question")
    if len(index) > 1:
        flags.append("flag:other_mentions")
    negated = [form.startswith("not_") for form in forms]
    return Sentence(
        text, forms, surfaces, lowers, starts, index, shared, tones, flags, known, entries, negated
    )


def _add(out: dict[str, list], entry: tuple, value: float, surface: str) -> None:
    """Add ``value`` to the feature of ``entry``, remembering the distinct words behind it.

    ``out`` maps each feature's name to [value, words, entry].
    """
    item = out.get(entry[0])
    if item is None:
        out[entry[0]] = [value, surface, entry]
        return
    item[0] += value
    if surface and surface not in item[1].split(" / "):
        item[1] = f"{item[1]} / {surface}" if item[1] else surface


def mention_features(
    text: str,
    mention: Mention,
    *,
    spans: Sequence[tuple[int, int]],
    settings: ModelSettings,
    words: list[Word] | None = None,
    sentence: Sentence | None = None,
    with_sentence: bool = True,
) -> dict[str, tuple[float, str]]:
    """The features of one mention: {feature: (value, the words of the sentence behind it)}.

    Args:
        text: the sentence.
        mention: the mention's offsets and what the lexicon method found (:class:`Mention`).
        spans: every mention of the sentence (the target's own span included), masked.
        settings: the model's feature settings.
        words: :func:`sentence_words` of ``text`` (computed when omitted; pass to reuse).
        sentence: :func:`prepare_sentence` of ``text`` and ``spans`` (pass to reuse).
        with_sentence: include the ``sentence:`` features (the same for every mention of the
            sentence: the analysis scores them once per sentence).

    Example:
        >>> m = Mention(0, 5, False, 0, 22, -0.6, -0.6, -0.5, False, -0.6, -0.5)
        >>> f = mention_features("Japan lied again, sadly.", m, spans=[(0, 5)],
        ...                      settings=ModelSettings())
        >>> f["after:lie"], f["pair:<t> lie"], f["sentence:sadli"]
        ((1.0, 'lied'), (1.0, 'lied'), (1.0, 'sadly'))
    """
    if sentence is None:
        sentence = prepare_sentence(text, spans, settings, words=words)
    features = {
        name: (value, surface)
        for name, (value, surface, _) in _features(sentence, mention, settings).items()
    }
    if with_sentence:
        features.update(
            (name, (value, surface)) for name, (value, surface, _) in sentence.words.items()
        )
    return features


@lru_cache(maxsize=64)
def _distance_weights(window: int) -> tuple[float, ...]:
    """The weight of a word ``d`` words away from the mention: 1 next to it, less further away."""
    return tuple((window + 1 - d) / window for d in range(window + 1))


def _features(
    sentence: Sentence,
    mention: Mention,
    settings: ModelSettings,
    clauses: dict[tuple[int, int], dict] | None = None,
) -> dict[str, list]:
    """:func:`mention_features` without the ``sentence:`` ones: {feature: [value, words, entry]}.

    Only the features of the sentence's vocabulary are made (see :class:`Vocabulary`).
    ``clauses`` keeps the ``clause:`` features of each clause for the sentence's other mentions.
    """
    forms, surfaces, entries, tones = (
        sentence.forms,
        sentence.surfaces,
        sentence.entries,
        sentence.tones,
    )
    at = sentence.index[(int(mention.start), int(mention.end))]
    found: list[tuple] = []  # (entry, value, words) in the order they are made
    add = found.append
    window, side, n = settings.window, settings.side, len(forms)
    weights = _distance_weights(window)
    lo, hi = max(0, at - window), min(n, at + window + 1)
    near = 0.0  # the VADER valences near the mention, weighted like the words
    for i in range(lo, hi):
        if i == at or forms[i] == OTHER:
            continue
        distance = at - i if i < at else i - at
        weight = weights[distance]
        near += tones[i] * weight
        entry = entries[i]  # near:WORD, before:WORD, after:WORD, clause:WORD, sentence:WORD
        if entry is None:
            continue
        if entry[0] is not None:
            add((entry[0], weight, surfaces[i]))
        if distance <= side:
            side_entry = entry[1] if i < at else entry[2]
            if side_entry is not None:
                add((side_entry, 1.0, surfaces[i]))
    if settings.pairs:
        pair_entry = sentence.vocabulary.pairs
        for i in range(lo, min(n - 1, at + window)):
            first = TARGET if i == at else forms[i]
            second = TARGET if i + 1 == at else forms[i + 1]
            entry = pair_entry((first, second))
            if entry is None:
                continue
            one, two = surfaces[i], surfaces[i + 1]
            surface = f"{one} {two}" if one and two else one or two
            distance = max(1, min(abs(i - at), abs(i + 1 - at)))
            add((entry, weights[distance], surface))
    out: dict[str, list] = {}
    for entry, value, surface in found:
        item = out.get(entry[0])
        if item is None:
            out[entry[0]] = [value, surface, entry]
        else:
            item[0] += value
            if surface and surface not in item[1].split(" / "):
                item[1] = f"{item[1]} / {surface}" if item[1] else surface
    if settings.clause:
        key = (mention.clause_start, mention.clause_end)
        part = clauses.get(key) if clauses is not None else None
        if part is None:
            part = _clause_features(sentence, *key)
            if clauses is not None:
                clauses[key] = part
        out.update(part)  # new names: "clause:" features are made nowhere else
    other_entry = sentence.vocabulary.others
    if settings.lexicon:
        for (plus, minus), value in zip(
            _LEXICON_FEATURES,
            (
                mention.polarity,
                mention.vader,
                mention.textblob,
                mention.sentence_vader,
                mention.sentence_textblob,
                near,
            ),
            strict=True,
        ):
            if value > 0:
                entry = other_entry(plus)
                if entry is not None:
                    out[entry[0]] = [value, "", entry]
            elif value < 0:
                entry = other_entry(minus)
                if entry is not None:
                    out[entry[0]] = [-value, "", entry]
    if settings.flags:
        for flag in _flags(sentence, mention, at):
            entry = other_entry(flag)
            if entry is not None:
                out[entry[0]] = [1.0, "", entry]
    return out


def _clause_features(sentence: Sentence, start: int, end: int) -> dict[str, list]:
    """The ``clause:`` features of the words from ``start`` to ``end`` (any mention's clause)."""
    out: dict[str, list] = {}
    entries, surfaces, starts = sentence.entries, sentence.surfaces, sentence.starts
    first = bisect_left(starts, start)  # the items are in order: bisection finds the clause's
    for i in range(first, bisect_left(starts, end, first)):
        entry = entries[i]  # None for a mention (the one scored and the others)
        if entry is not None and entry[3] is not None:
            _add(out, entry[3], 1.0, surfaces[i])
    return out


#: The ``lexicon:`` features' names (positive part, negative part), in the order they are made.
_LEXICON_FEATURES = tuple(
    (f"lexicon:{name}+", f"lexicon:{name}-")
    for name in ("polarity", "vader", "textblob", "sentence_vader", "sentence_textblob", "near")
)


def _flags(sentence: Sentence, mention: Mention, at: int) -> list[str]:
    """The ``flag:`` features of a mention (see the module docstring), the sentence's own
    (:attr:`Sentence.flags`) last."""
    text, start, end = sentence.text, mention.start, mention.end
    flags = ["flag:speaker"] if mention.speaker else []
    if text.count("“", 0, start) > text.count("”", 0, start) or text.count('"', 0, start) % 2:
        flags.append("flag:in_quote")
    if mention.contrast:
        flags.append("flag:contrast_clause")
    if any(sentence.negated[max(0, at - 4) : at + 5]):
        flags.append("flag:negation_near")
    if text[end : end + 2] in ("'s", "’s"):
        flags.append("flag:possessive")
    if at > 0 and sentence.lowers[at - 1] == "by":
        flags.append("flag:after_by")
    if at == 0:
        flags.append("flag:first_word")
    if text[start:end].lower() in _PRONOUNS:
        flags.append("flag:pronoun")
    return flags + sentence.flags


@dataclass(frozen=True)
class Model:
    """A trained model: feature settings, one weight per feature and class, the class biases.

    ``examples`` gives, for each feature, the words it was most often made of in training (a
    reader's aid: ``near:prais`` is "praised"); ``info`` is the training record of ``model.json``.
    """

    settings: ModelSettings
    weights: dict[str, tuple[float, float, float]]
    bias: tuple[float, float, float]
    info: dict = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)

    def scores(self, features: dict[str, tuple[float, str]], *, bias: bool = True) -> list[float]:
        """The three class scores: the bias plus weight x value of every known feature."""
        neg, neu, pos = self.bias if bias else (0.0, 0.0, 0.0)
        weights = self.weights
        for name, item in features.items():  # (value, words) or [value, words, entry]
            value = item[0]
            w = weights.get(name)
            if w is not None:
                neg += w[0] * value
                neu += w[1] * value
                pos += w[2] * value
        return [neg, neu, pos]

    def predict(
        self, features: dict[str, tuple[float, str]], *, base: Sequence[float] = (0.0, 0.0, 0.0)
    ) -> tuple[str, list[float]]:
        """The most likely class and the three probabilities (softmax of :meth:`scores`).

        ``base`` is added to the scores: the analysis scores the features a sentence's mentions
        share once (``self.scores(shared, bias=False)``) and passes them here.

        Example:
            >>> model = Model(ModelSettings(), {"near:lie": (1.0, 0.0, -1.0)}, (0.0, 0.5, 0.0))
            >>> label, p = model.predict({"near:lie": (1.0, "lied")})
            >>> label, [round(x, 2) for x in p]
            ('negative', [0.57, 0.35, 0.08])
        """
        return self.probabilities(self.scores(features), base=base)

    def probabilities(
        self, scores: Sequence[float], *, base: Sequence[float] = (0.0, 0.0, 0.0)
    ) -> tuple[str, list[float]]:
        """The most likely class and the softmax of ``scores`` + ``base``."""
        scores = [a + b for a, b in zip(scores, base, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return CLASSES[scores.index(top)], [e / total for e in exps]

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The features this model has weights for (see :class:`Vocabulary`)."""
        return vocabulary(self.weights)

    def score_sentence(
        self, text: str, mentions: Sequence[Mention], *, limit: int = 5, minimum: float = 0.1
    ) -> list[tuple[str, list[float], list[tuple[str, float, str]]]]:
        """Label, probabilities and evidence of every mention of one sentence (the analysis' call).

        For each mention: :meth:`probabilities` of :meth:`tally` of its
        :func:`mention_features`, the ``sentence:`` features (the same for every mention)
        tallied once and added as ``base``, and the :func:`top_pushes` of both as its evidence.
        The sentence is read once, and features the model has no weight for are not made.

        Args:
            text: the sentence.
            mentions: every mention of the sentence (all are masked), as the lexicon method
                describes them (:func:`helpers.sentiment.target.lexicon_mentions`).
            limit: evidence rows per mention (the largest pushes).
            minimum: the smallest push (either way) that is evidence.

        Example:
            >>> m = Mention(0, 5, False, 0, 22, -0.6, -0.6, -0.5, False, -0.6, -0.5)
            >>> answers = load_model().score_sentence("Japan lied again, sadly.", [m])
            >>> [(label, [w for w, _, _ in evidence if ":" not in w]) for label, _, evidence in answers]
            [('negative', ['lied'])]
        """
        spans = [(mention.start, mention.end) for mention in mentions]
        sentence = prepare_sentence(text, spans, self.settings, known=self.vocabulary)
        base, shared = _tally(sentence.words, (0.0, 0.0, 0.0))
        # The shared pushes that can be evidence, largest first (see top_pushes).
        ranked = sorted(
            (-abs(push), key, push, names)
            for key, (push, names) in shared.items()
            if abs(push) >= minimum
        )
        clauses: dict = {}  # the clause: features of each clause, for its mentions
        out = []
        for mention in mentions:
            features = _features(sentence, mention, self.settings, clauses)
            scores, pushes = _tally(features, self.bias)
            label, probabilities = self.probabilities(scores, base=base)
            out.append((label, probabilities, _top(pushes, shared, ranked, limit, minimum)))
        return out

    def tally(self, features: dict[str, Sequence], *, bias: bool = True) -> tuple[list, dict]:
        """:meth:`scores` and :meth:`pushes` in one pass over the features (what the analysis
        needs for every mention)."""
        neg, neu, pos = self.bias if bias else (0.0, 0.0, 0.0)
        weights = self.weights
        out: dict[str, list] = {}
        for name, item in features.items():  # (value, words) or [value, words, entry]
            w = weights.get(name)
            if w is None:
                continue
            value, surface = item[0], item[1]
            neg += w[0] * value
            neu += w[1] * value
            pos += w[2] * value
            key = surface or name
            push = (w[2] - w[0]) * value
            item = out.get(key)
            if item is None:
                out[key] = [push, name]
            else:
                item[0] += push
                item[1] = f"{item[1]}|{name}"
        return [neg, neu, pos], out

    def pushes(self, features: dict[str, Sequence]) -> dict[str, list]:
        """Each feature's push toward positive, added up per word: {words: [push, features]}.

        A feature's push is (weight for positive - weight for negative) x its value: above 0 it
        pulls toward positive, below 0 toward negative. Pushes of the same words (``near:lie``,
        ``clause:lie``, ``sentence:lie`` all come from "lied") are added up; features that are
        not words (``lexicon:``, ``flag:``) are keyed by their name; unknown features are left
        out. ``features`` names the features, joined by "|".
        """
        return self.tally(features, bias=False)[1]

    def evidence(
        self,
        features: dict[str, Sequence],
        *,
        shared: dict[str, list] | None = None,
        limit: int = 5,
        minimum: float = 0.1,
    ) -> list[tuple[str, float, str]]:
        """What pushed a mention toward positive or negative: (words, push, features).

        The :meth:`pushes` of ``features`` (with the ``shared`` pushes of the features every
        mention of the sentence has, when given), the ``limit`` largest of at least ``minimum``,
        largest first; ``features`` lists the feature names, sorted, joined by "|".

        Example:
            >>> model = Model(ModelSettings(), {"near:lie": (1.0, 0.0, -1.0),
            ...     "clause:lie": (0.5, 0.0, -0.5)}, (0.0, 0.0, 0.0))
            >>> model.evidence({"near:lie": (1.0, "lied"), "clause:lie": (1.0, "lied")})
            [('lied', -3.0, 'clause:lie|near:lie')]
        """
        return top_pushes(self.pushes(features), shared=shared, limit=limit, minimum=minimum)

    def table(self) -> pd.DataFrame:
        """The weights as a table: feature, kind, example words, the three weights and ``push``.

        ``push`` = positive - negative: how far one unit of the feature moves a mention from
        negative toward positive. Sorted by feature.

        Example:
            >>> weights = load_model().table()
            >>> list(weights.columns)
            ['feature', 'kind', 'example', 'negative', 'neutral', 'positive', 'push']
        """
        names = sorted(self.weights)
        values = [self.weights[n] for n in names]
        return pd.DataFrame(
            {
                "feature": names,
                "kind": [n.split(":", 1)[0] for n in names],
                "example": [self.examples.get(n, "") for n in names],
                "negative": [v[0] for v in values],
                "neutral": [v[1] for v in values],
                "positive": [v[2] for v in values],
                "push": [v[2] - v[0] for v in values],
            }
        )


def top_pushes(
    pushes: dict[str, list],
    *,
    shared: dict[str, list] | None = None,
    limit: int = 5,
    minimum: float = 0.1,
) -> list[tuple[str, float, str]]:
    """The largest pushes of :meth:`Model.pushes` (plus ``shared``): see :meth:`Model.evidence`."""
    shared = shared or {}
    ranked = []  # (-size, words, push, features): the largest first, ties by the words
    for key, (push, names) in pushes.items():
        theirs = shared.get(key)
        if theirs is not None:
            push, names = push + theirs[0], f"{names}|{theirs[1]}"
        if abs(push) >= minimum:
            ranked.append((-abs(push), key, push, names))
    for key, (push, names) in shared.items():
        if abs(push) >= minimum and key not in pushes:
            ranked.append((-abs(push), key, push, names))
    return [
        (key, push, "|".join(sorted(names.split("|"))))
        for _, key, push, names in heapq.nsmallest(limit, ranked)
    ]


def _tally(features: dict[str, list], bias: Sequence[float]) -> tuple[list, dict]:
    """:meth:`Model.tally` of :func:`_features` (their entries carry the weights)."""
    neg, neu, pos = bias
    out: dict[str, list] = {}
    for name, (value, surface, entry) in features.items():
        if value == 1.0:  # most features: the weights themselves (x 1.0 changes no bit)
            neg += entry[1]
            neu += entry[2]
            pos += entry[3]
            push = entry[4]
        else:
            neg += entry[1] * value
            neu += entry[2] * value
            pos += entry[3] * value
            push = entry[4] * value
        key = surface or name
        item = out.get(key)
        if item is None:
            out[key] = [push, name]
        else:
            item[0] += push
            item[1] = f"{item[1]}|{name}"
    return [neg, neu, pos], out


def _top(
    pushes: dict[str, list],
    shared: dict[str, list],
    ranked: list[tuple],
    limit: int,
    minimum: float,
) -> list[tuple[str, float, str]]:
    """:func:`top_pushes` with ``ranked``: the shared pushes of at least ``minimum``, sorted."""
    found = []
    for key, (push, names) in pushes.items():
        theirs = shared.get(key)
        if theirs is not None:
            push, names = push + theirs[0], f"{names}|{theirs[1]}"
        if abs(push) >= minimum:
            found.append((-abs(push), key, push, names))
    taken = 0
    for item in ranked:
        if taken == limit:
            break
        if item[1] not in pushes:
            found.append(item)
            taken += 1
    return [
        (key, push, "|".join(sorted(names.split("|"))))
        for _, key, push, names in sorted(found)[:limit]
    ]


def read_model(folder: Path | str) -> Model:
    """Read a model folder (``weights.csv`` and ``model.json``).

    Example:
        >>> read_model(MODEL_DIR).settings.window > 0
        True
    """
    folder = Path(folder)
    try:
        info = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
        settings = ModelSettings.from_dict(info.pop("settings"))
        weights: dict[str, tuple[float, float, float]] = {}
        examples: dict[str, str] = {}
        bias = None
        with (folder / WEIGHTS_FILE).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                values = tuple(float(row[name]) for name in CLASSES)
                if row["feature"] == BIAS:
                    bias = values
                else:
                    weights[row["feature"]] = values
                    examples[row["feature"]] = row.get("example") or ""
    except (OSError, KeyError, ValueError, TypeError, AttributeError) as error:
        raise RuntimeError(
            f"{folder}: cannot read the sentiment model ({error!r}); restore "
            f"{WEIGHTS_FILE} and {SETTINGS_FILE} from the kit, retrain it "
            "(python -m helpers train-sentiment) or use the lexicon method (--sentiment lexicon)"
        ) from error
    if bias is None:
        raise RuntimeError(f"{folder / WEIGHTS_FILE}: no {BIAS} row; retrain the model")
    return Model(settings, weights, bias, info, examples)


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The kit's trained model (``data/sentiment_model/``), read once per process.

    Example:
        >>> load_model().bias != (0.0, 0.0, 0.0)
        True
    """
    return read_model(MODEL_DIR)


def sentence_hash(sentence: str) -> str:
    """A short fingerprint of a sentence: recognises training sentences without storing them.

    Spaces are normalised first, so a re-wrapped copy of a sentence has the same fingerprint.

    Example:
        >>> sentence_hash("Japan helps.") == sentence_hash("Japan  helps.")
        True
        >>> len(sentence_hash("Japan helps."))
        12
    """
    return hashlib.sha256(" ".join(sentence.split()).encode("utf-8")).hexdigest()[:12]


def trained_sentences(folder: Path | str = MODEL_DIR) -> frozenset[str]:
    """The :func:`sentence_hash` of every sentence the model was trained on (empty if unknown).

    The evaluation leaves these sentences out: a model is never scored on what it learned from.

    Example:
        >>> len(trained_sentences()) > 1000
        True
    """
    path = Path(folder) / TRAINED_FILE
    if not path.is_file():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines())


def model_fingerprint(folder: Path | str = MODEL_DIR) -> str:
    """A hash of the model's weights and settings (part of the analysis cache key).

    Example:
        >>> len(model_fingerprint())
        64
    """
    digest = hashlib.sha256()
    for name in (WEIGHTS_FILE, SETTINGS_FILE):
        path = Path(folder) / name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def write_model(model: Model, folder: Path | str) -> list[Path]:
    """Write ``weights.csv`` (features sorted, weights to 6 decimals) and ``model.json``.

    The same model gives the same bytes, so a retrained model can be compared with ``diff``.
    Each file is written atomically.
    """
    folder = Path(folder)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["feature", *CLASSES, "example"])
    writer.writerow([BIAS, *(f"{v:.6f}" for v in model.bias), ""])
    for name, values in sorted(model.weights.items()):
        writer.writerow([name, *(f"{v:.6f}" for v in values), model.examples.get(name, "")])
    info = {**model.info, "settings": asdict(model.settings)}
    return [
        write_text_atomic(folder / WEIGHTS_FILE, text.getvalue()),
        write_text_atomic(
            folder / SETTINGS_FILE, json.dumps(info, indent=2, sort_keys=True) + "\n"
        ),
    ]
