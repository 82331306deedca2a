"""Word lists of the source-attribution steps: the cue words of ``data/cue_verbs.csv`` and the
``word,role`` lists (``data/speaker_words.csv``, ``data/anonymous_sources.csv``), read once.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .paths import data_file


@dataclass(frozen=True)
class Cue:
    """A cue word or phrase from ``data/cue_verbs.csv``."""

    form: str
    lemma: str
    category: str  # speech | belief | report | according_to | naming
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
def cue_regex(name: str = "cue_verbs.csv") -> re.Pattern[str]:
    """The regex that finds every cue of ``data/cue_verbs.csv`` in a text.

    Example:
        >>> cue_regex().search("as he told reporters").group(0)
        'told'
    """
    return phrase_regex(tuple(sorted(load_cues(name), key=lambda f: (-len(f), f))))


_RUN_SPLIT = re.compile(r"([\w’'-]+)")
# characters that re's IGNORECASE matches to an ASCII letter although str.lower() does not
_FOLDS_TO_ASCII = re.compile("[İıſ]")


@lru_cache(maxsize=4)
def _cues_by_first_word(name: str) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Cue forms grouped by their first word, each group in ``cue_regex``'s order."""
    groups: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for form in sorted(load_cues(name), key=lambda f: (-len(f), f)):
        words = tuple(form.split())
        groups.setdefault(words[0], []).append((form, words))
    return {first: tuple(forms) for first, forms in groups.items()}


def find_cue_spans(text: str, name: str = "cue_verbs.csv") -> list[tuple[int, int, str]]:
    """Every cue of ``data/cue_verbs.csv`` in ``text``: (start, end, form), as ``cue_regex`` finds.

    A lookup of each word in a table of first words instead of one regex alternation over all
    cues, which is several times faster on long texts; the matches are the same (tested).

    Example:
        >>> find_cue_spans("According  to the BBC, he told reporters")
        [(0, 13, 'according to'), (26, 30, 'told')]
    """
    if _FOLDS_TO_ASCII.search(text):  # rare letters only the regex folds like ASCII: use it
        return [
            (m.start(), m.end(), " ".join(m.group(0).lower().split()))
            for m in cue_regex(name).finditer(text)
        ]
    groups = _cues_by_first_word(name)
    # Split the lower-cased text (as long as the text: the rare letter whose lower case is longer
    # took the regex path above) into separators and words: parts[2i + 1] is word i, it ends at
    # offsets[2i + 1] and starts at offsets[2i]; parts[2i + 2] is the gap after it.
    parts = _RUN_SPLIT.split(text.lower())
    offsets = list(accumulate(map(len, parts)))
    words = parts[1::2]
    hits, next_free = [], 0
    for i in [i for i, word in enumerate(words) if word in groups]:
        if i < next_free:
            continue  # inside the cue just found
        for form, cue_words in groups[words[i]]:
            n = len(cue_words)
            if i + n > len(words):
                continue
            if all(
                words[i + k] == cue_words[k] and parts[2 * (i + k)].isspace() for k in range(1, n)
            ):
                hits.append((offsets[2 * i], offsets[2 * (i + n) - 1], form))
                next_free = i + n
                break
    return hits
