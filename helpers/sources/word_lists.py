"""Word lists of the source-attribution steps: the cue words of ``data/cue_verbs.csv`` and the
``word,role`` lists (``data/speaker_words.csv``, ``data/anonymous_sources.csv``), read once.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count

from ..paths import data_file


@dataclass(frozen=True)
class Cue:
    """A cue word or phrase from ``data/cue_verbs.csv``."""

    form: str
    lemma: str
    category: str  # speech | belief | report | according_to | label | demand | exclude
    inverted: bool  # may follow the quote and precede the speaker: '..., said X'
    ambiguous: bool  # also a noun or adjective: only counts before 'that', ':' or a quote


def _read_csv(name: str) -> list[dict[str, str]]:
    path = data_file(name)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if rows and None in rows[0]:
        raise ValueError(f"{path}: a row has more fields than the header; quote commas in notes")
    return rows


@lru_cache(maxsize=4)
def load_cues(name: str = "cue_verbs.csv") -> dict[str, Cue]:
    """Read cue words and phrases, keyed by their lower-case form.

    Example:
        >>> load_cues()["said"].category
        'speech'
    """
    out: dict[str, Cue] = {}
    for row in _read_csv(name):
        form = " ".join(row["cue"].lower().split())
        if form:
            out[form] = Cue(
                form,
                row["lemma"].strip(),
                row["category"].strip(),
                row["inverted"].strip().lower() == "true",
                row["ambiguous"].strip().lower() == "true",
            )
    return out


@lru_cache(maxsize=8)
def load_word_roles(name: str) -> dict[str, tuple[str, ...]]:
    """Read a ``term/word,role`` CSV into {role: terms}, longest first.

    Example:
        >>> "someone" in load_word_roles("anonymous_sources.csv")["head"]
        True
    """
    roles: dict[str, list[str]] = {}
    for row in _read_csv(name):
        term = " ".join((row.get("term") or row.get("word") or "").split())
        if term:
            roles.setdefault(row["role"].strip(), []).append(term)
    return {role: tuple(sorted(terms, key=lambda t: (-len(t), t))) for role, terms in roles.items()}


@lru_cache(maxsize=64)
def phrase_regex(phrases: tuple[str, ...], *, ignore_case: bool = True) -> re.Pattern[str]:
    """One alternation over word phrases (longest first), with word boundaries.

    Example:
        >>> bool(phrase_regex(("according to",)).search("According  to the BBC"))
        True
    """
    parts = [r"\s+".join(re.escape(w) for w in p.split()) for p in phrases]
    flags = re.IGNORECASE if ignore_case else 0
    # A lookahead for the phrases' first letters lets the scan skip most positions without
    # trying the lookbehind and the alternation there (about three times faster, same matches).
    firsts = {p.split()[0][0] for p in phrases if p.strip()}
    ahead = f"(?=[{''.join(re.escape(c) for c in sorted(firsts))}])" if firsts else ""
    if not all(p.strip() for p in phrases):
        ahead = ""  # an empty phrase matches anywhere
    return re.compile(ahead + r"(?<![\w’'-])(?:" + "|".join(parts) + r")(?![\w’'-])", flags)


@lru_cache(maxsize=4)
def _cue_forms(name: str) -> tuple[str, ...]:
    return tuple(sorted(load_cues(name), key=lambda f: (-len(f), f)))


@lru_cache(maxsize=4)
def cue_regex(name: str = "cue_verbs.csv") -> re.Pattern[str]:
    """The regex that finds every cue of ``data/cue_verbs.csv`` in a text.

    Example:
        >>> cue_regex().search("as he told reporters").group(0)
        'told'
    """
    return phrase_regex(_cue_forms(name))


_RUN = re.compile(r"[\w’'-]+")
_RUN_SPLIT = re.compile(r"([\w’'-]+)")
# characters that re's IGNORECASE matches to an ASCII letter although str.lower() does not
_FOLDS_TO_ASCII = re.compile("[İıſ]")


@lru_cache(maxsize=64)
def _phrases_by_first_word(
    phrases: tuple[str, ...],
) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]] | None:
    """(phrase, its other words) grouped by first word, each group in the phrases' order.

    None when a phrase is not plain ASCII words (one run of letters, digits, hyphens and
    apostrophes each): only the regex reads those.
    """
    groups: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for phrase in phrases:
        words = tuple(phrase.lower().split())
        if not words or not phrase.isascii() or not all(_RUN.fullmatch(w) for w in words):
            return None
        groups.setdefault(words[0], []).append((" ".join(words), words[1:]))
    return {first: tuple(forms) for first, forms in groups.items()}


@lru_cache(maxsize=2)
def _lower_runs(text: str) -> tuple[list[str], list[int]] | None:
    """The lower-cased text split into gaps and word runs, and where each piece ends.

    ``parts[2i + 1]`` is word i, which starts at ``offsets[2i]`` and ends at ``offsets[2i + 1]``;
    ``parts[2i]`` is the gap before it. None when the text has a letter that only the regex folds
    like ASCII. (Kept for the last texts: the cues and the unnamed reports of an article are
    looked up in the same masked text.)
    """
    if _FOLDS_TO_ASCII.search(text):
        return None
    parts = _RUN_SPLIT.split(text.lower())
    return parts, list(accumulate(map(len, parts)))


def find_phrase_spans(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Every phrase in ``text``: (start, end, phrase), as ``phrase_regex(phrases)`` finds them.

    A lookup of each word in a table of first words instead of one regex alternation over all
    phrases, which is several times faster on long texts; the matches are the same (tested).
    The lower-cased text is as long as the text (the one letter whose lower case is longer, "İ",
    takes the regex path).

    Example:
        >>> find_phrase_spans("It was  reported that", ("it was reported", "reportedly"))
        [(0, 16, 'it was reported')]
    """
    groups = _phrases_by_first_word(phrases)
    runs = _lower_runs(text) if groups is not None else None
    if runs is None:  # phrases that are not plain words, or rare letters only the regex folds
        return [
            (m.start(), m.end(), " ".join(m.group(0).lower().split()))
            for m in phrase_regex(phrases).finditer(text)
        ]
    parts, offsets = runs
    words = parts[1::2]
    hits, next_free = [], 0
    for i in compress(count(), map(groups.__contains__, words)):  # the words that open one
        if i < next_free:
            continue  # inside the phrase just found
        for phrase, rest in groups[words[i]]:
            n = len(rest) + 1
            if rest and (
                tuple(words[i + 1 : i + n]) != rest
                or not all(parts[2 * j].isspace() for j in range(i + 1, i + n))
            ):
                continue
            hits.append((offsets[2 * i], offsets[2 * (i + n) - 1], phrase))
            next_free = i + n
            break
    return hits


def find_cue_spans(text: str, name: str = "cue_verbs.csv") -> list[tuple[int, int, str]]:
    """Every cue of ``data/cue_verbs.csv`` in ``text``: (start, end, form), as ``cue_regex`` finds.

    Example:
        >>> find_cue_spans("According  to the BBC, he told reporters")
        [(0, 13, 'according to'), (26, 30, 'told')]
    """
    return find_phrase_spans(text, _cue_forms(name))


def _word_at(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """A regex for any word of the phrases, as a whole word (None unless all are letters).

    A phrase that covers the start of a token has one of its words start there (a token never
    starts right after a letter): where this does not match, no phrase covers the token.
    """
    words = sorted({w for p in phrases for w in p.split()}, key=lambda w: (-len(w), w))
    if not words or not all(w.isalpha() for w in words):
        return None
    return re.compile("(?:" + "|".join(map(re.escape, words)) + r")(?![\w’'-])", re.I)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """English words that are no nouns ("amid", "narrow", "happy", "similar"), from the part-of-speech
    lexicon TextBlob ships (Brill's, from the Brown corpus and the Penn Treebank): a capital opening
    a sentence does not make one of them a name.

    Example:
        >>> sorted({"amid", "narrow", "gift", "brown"} & common_words())
        ['amid', 'brown', 'narrow']
    """
    from textblob.en import lexicon  # the lexicon is read on first use

    return frozenset(
        word
        for word, tag in lexicon.items()
        if word.islower()
        and word.isalpha()
        and tag[:2] not in ("NN", "FW", "SY", "LS", "CD", "PR", "WP")
    )


@lru_cache(maxsize=1)
def token_word_sets() -> dict[str, object]:
    """The word lists phrase scanning (``helpers.sources.phrases``) needs, as lower-case frozensets and
    regexes, read once."""
    speaker = load_word_roles("speaker_words.csv")
    anon = load_word_roles("anonymous_sources.csv")

    def role(name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in speaker.get(name, ()))

    return {
        "aux": role("auxiliary"),
        "ly_nouns": role("ly_noun"),
        "boundary": role("boundary"),
        "titles": role("title"),
        "org_words": role("org_word"),
        "quantifiers": role("quantifier"),
        "openers": role("opener"),
        "common_words": common_words(),
        "abbreviations": frozenset(w.lower().rstrip(".") for w in speaker.get("abbreviation", ())),
        "glue_by": frozenset(
            p.lower() for p in speaker.get("author", ()) + speaker.get("modifier", ())
        ),
        "qualifier": phrase_regex(anon.get("qualifier", ("familiar with",))),
        "qualifier_word": _word_at(anon.get("qualifier", ("familiar with",))),
        "from_heads": frozenset(
            w.lower() for w in anon.get("head", ()) + speaker.get("document", ())
        ),
        # A cue word ends a speaker phrase: "Znak.com reported its source said" -> "its source".
        "cue_words": frozenset(
            c.form
            for c in load_cues().values()
            if " " not in c.form and not c.ambiguous and c.category not in ("exclude", "demand")
        ),
    }


@lru_cache(maxsize=1)
def speaker_start_words() -> tuple[frozenset[str], frozenset[str]]:
    """The determiners, and the words a speaker phrase may start with besides a capital ("the
    expert", "he", "officials"), from ``data/speaker_words.csv`` and ``anonymous_sources.csv``."""
    words, anon = load_word_roles("speaker_words.csv"), load_word_roles("anonymous_sources.csv")
    determiners = frozenset(w.lower() for w in words.get("determiner", ()))
    return determiners, determiners | {
        w.lower()
        for w in words.get("pronoun", ()) + anon.get("determiner", ()) + anon.get("head", ())
    }
