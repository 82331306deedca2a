"""People and organisations that the gazetteer does not know, found from capitalised names.

A run of capitalised words ("Pavel Timofeev", "K J Noh") is a person when a title, a role noun or a
speech verb stands next to it: "Russian expert Pavel Timofeev", "said K J Noh, a journalist",
"Bill Gates, the co-founder of Microsoft". Later surname-only mentions ("Timofeev said") count for the
same person. A run ending in an organisation word ("Institute", "Review") is listed as an unknown
organisation for the teacher, but not counted. The word lists are in ``data/actor_rules.csv``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

import pandas as pd

from ..frames import Columns, col, empty_frame
from ..ingest.rules import load_outlets
from .gazetteer import Gazetteer, fold, load_gazetteer
from .rules import RulePatterns, demonym_counts, rule_patterns

UNKNOWN_COLUMNS = ["name", "count", "example"]
_UP = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_LOW = "".join(chr(c) for c in range(0x61, 0x250) if chr(c).islower())
_U, _L = f"[{re.escape(_UP)}]", f"[{re.escape(_LOW)}]"
# (an apostrophe inside a name, as Samoan and Arabic names have it: "Mata'afa", "Sa'ilele"; not a
# possessive or a contraction: "Trump's", "We'll")
_WORD = (
    rf"(?:[OD]['’]|[dl]['’])?{_U}{_L}+(?:{_U}{_L}+)?(?:['’](?!(?:s|t|re|ve|ll|d|m)\b){_L}{{2,}})?"
    rf"(?:-{_U}?{_L}+)*"
)
_INITIAL = rf"{_U}\.?"
_PARTICLE = r"(?:van|von|de|der|da|di|du|bin|al|el|le|la|del|dos|ibn)"
_NAME = re.compile(
    rf"(?<![\w.'’-])(?:{_WORD}|{_INITIAL})"
    rf"(?: (?:{_WORD}|{_INITIAL}|{_PARTICLE}(?= {_U})))*(?![\w-])"
)
_THE = re.compile(r"\b[Tt]he $")
# "Centre for Control of Iodine Deficiency Disorders": the run goes on a longer proper name
_OF_NAME = re.compile(rf"({_WORD}) (?:of|for) $")
# "Minister of Education ...", "Foreign Affairs and Trade ...": a title or brief before the run
_BRIEF_BEFORE = re.compile(rf"({_WORD}) (?:of|for|and) (?:the )?$")
_IS_PARTICLE = re.compile(rf"^{_PARTICLE}$")
_IS_WORD = re.compile(rf"^{_WORD}$")


def title_case_flags(sentences: pd.DataFrame) -> list[bool]:
    """Flag headline-style sentences, where capitals do not mark names ("China Comes First: Why...").

    Example:
        >>> title_case_flags(pd.DataFrame({"text": ["China Comes First: Why NATO Waits", "He left."]}))
        [True, False]
    """
    return title_case_texts(col(sentences, "text"))


# a word (letter first) of more than three characters; a shorter word cannot match from inside
_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def title_case_texts(texts: list[str]) -> list[bool]:
    """For each sentence text: is it in Title Case (a headline), where capitals say nothing?

    Example:
        >>> title_case_texts(["Japan Joins The New Alliance Today", "Japan joins the alliance"])
        [True, False]
    """
    flags = []
    for text in texts:
        words = _LONG_WORD.findall(text)
        flags.append(len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words))
    return flags


def _runs(body: str, patterns: RulePatterns) -> list[tuple[int, int, bool]]:
    """Capitalised-name runs as (start, end, titled), titles and sentence openers trimmed off.

    ``find_mentions`` and ``find_unknown_actors`` both need the runs of the same body: the last
    answer is kept.
    """
    global _LAST_RUNS
    last = _LAST_RUNS
    if last is not None and last[1] is patterns and (last[0] is body or last[0] == body):
        return list(last[2])
    runs = _find_runs(body, patterns)
    _LAST_RUNS = (body, patterns, tuple(runs))
    return runs


_LAST_RUNS: tuple[str, RulePatterns, tuple[tuple[int, int, bool], ...]] | None = None


def _find_runs(body: str, patterns: RulePatterns) -> list[tuple[int, int, bool]]:
    out = []
    titles, openers, calendar, not_person = (
        patterns.title_words,
        patterns.function_words,
        patterns.calendar_words,
        patterns.not_person_word,
    )
    for m in _NAME.finditer(body):
        words = m.group().split(" ")  # the tokens of a run are joined by single spaces
        hi = len(words)
        if hi == 1:  # most runs are one word: the loops below, unrolled
            low = words[0].lower()
            if not (low.strip(".") in titles or low in openers or low in calendar):
                out.append((m.start(), m.end(), False))
            continue
        cut = hi - 1
        # "Director Jane Doe" has a title; "National Iodine Nutrition" ("a national of") does not
        while cut >= 0 and (
            words[cut].lower().strip(".") not in titles or words[cut] in not_person
        ):
            cut -= 1
        lo = cut + 1
        while lo < hi and words[lo].lower() in openers:
            lo += 1
        while lo < hi and words[hi - 1].lower() in calendar:
            hi -= 1
        if lo < hi:
            start = m.start() + sum(map(len, words[:lo])) + lo
            end = start + sum(map(len, words[lo:hi])) + hi - lo - 1
            out.append((start, end, cut >= 0))
    return out


class _Spans:
    """Answers "does (start, end) overlap one of these spans?" with a bisection."""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach = []  # reach[k]: the largest end among the first k + 1 spans
        top = None
        for _, e in ordered:
            top = e if top is None or e > top else top
            self.reach.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)  # spans[:k] start before ``end``
        return k > 0 and self.reach[k - 1] > start


def yields_to_people(mention: dict) -> bool:
    """A capital or one-word country name gives way to a person of that name ("Valeska Paris ...
    Paris said", "Jim Jordan ... Jordan said").

    Example:
        >>> yields_to_people({"actor_type": "country", "rule": "name", "matched": "Jordan"})
        True
        >>> yields_to_people({"actor_type": "country", "rule": "name", "matched": "South Korea"})
        False
    """
    one_word_country = (
        mention["actor_type"] == "country"
        and mention["rule"] in ("name", "alias")
        and " " not in mention["matched"]
    )
    return mention["rule"] == "capital" or one_word_country


def _after_place(
    run: tuple[int, int, bool], body: str, places: dict[int, int]
) -> tuple[int, int, bool]:
    """The run without a leading place name when at least two words follow it."""
    start, end, titled = run
    stop = places.get(start)
    if stop is None or stop >= end or body[stop] != " " or body.count(" ", stop + 1, end) < 1:
        return run
    return stop + 1, end, titled


def _after_portfolio(
    run: tuple[int, int, bool], body: str, patterns: RulePatterns
) -> tuple[int, int, bool]:
    """The run without a ministry's brief after a title ("Minister of Education Stefania
    Giannini", "Minister for Foreign Affairs and Trade Penny Wong"): the name starts after it."""
    start, end, titled = run
    words = body[start:end].split(" ")
    if words[0] not in patterns.portfolio_words:  # most runs: no brief, no look behind
        return run
    m = _BRIEF_BEFORE.search(body[max(0, start - 40) : start])
    if m is None or not (
        m.group(1).lower() in patterns.title_words or m.group(1) in patterns.portfolio_words
    ):
        return run
    k = 0
    while k < len(words) and words[k] in patterns.portfolio_words:
        k += 1
    if k == 0 or len(words) - k < 2:
        return run
    return start + sum(len(w) + 1 for w in words[:k]), end, True


def _is_outlet(name: str) -> bool:
    """Is the name a known outlet (``data/outlets.csv``): "told Agence France-Presse"."""
    return any(regex.fullmatch(name) for _, regex in load_outlets())


def _goes_on_a_name(before: str, patterns: RulePatterns) -> bool:
    """Is the run the end of a longer proper name ("Centre for Control of Iodine ...")?

    A capitalised word other than a title right before "of" or "for" says so; after a title
    ("Governor of", "Minister for") a name may follow.
    """
    m = _OF_NAME.search(before)
    return m is not None and m.group(1).lower() not in patterns.title_words


def find_unknown_people(
    body: str,
    mentions: list[dict],
    *,
    patterns: RulePatterns,
    sentence_id_at: Callable[[int], int],
    title_case_at: Callable[[int], bool],
    places: dict[int, int] | None = None,
) -> list[dict]:
    """Person mentions (rules ``unknown_person`` and ``surname``) for names not in the gazetteer.

    Called by :func:`helpers.actors.find_mentions`, which gives it the rule patterns and the
    sentence lookups; there its answers read::

        Russian expert Pavel Timofeev spoke. Timofeev said the talks failed.
        -> Pavel Timofeev (unknown_person), Pavel Timofeev (surname)

    ``mentions`` are the gazetteer mentions already found (their spans are left alone). ``places``
    maps the start of each capital or country name the gazetteer found to its end: a run that
    begins with one and goes on with at least two words is a place before a name ("Governor of
    Washington Chris Gregoire"), and the name starts after it.
    """
    taken = _Spans((m["start"], m["end"]) for m in mentions if not yields_to_people(m))
    runs = [r for r in _runs(body, patterns) if not taken.overlaps(r[0], r[1])]
    if places:
        runs = [_after_place(run, body, places) for run in runs]
    runs = [_after_portfolio(run, body, patterns) for run in runs]
    people: dict[str, int] = {}  # name -> first start
    for start, end, titled in runs:
        name = body[start:end]
        if " " not in name:  # one word (runs are words joined by single spaces)
            continue
        words = name.split()
        if (
            not _IS_WORD.match(words[-1])
            or words[-1] in patterns.org_word
            or patterns.not_person_word.intersection(words)
            or _THE.search(body[max(0, start - 4) : start])
            or _goes_on_a_name(body[max(0, start - 40) : start], patterns)
            or _is_outlet(name)
        ):
            continue
        evidence = (
            titled
            or patterns.person_before_backwards.match(body[max(0, start - 40) : start][::-1])
            or patterns.person_after.match(body[end : end + 60])
        )
        if evidence and not (title_case_at(start) and not titled):
            people.setdefault(name, start)
    if not people:
        return []
    surnames: dict[str, str] = {}  # "Timofeev" and "de Blasio" -> the full name
    for name in people:
        parts = name.split()
        surnames[parts[-1]] = name  # the last person with that surname, as before
        if len(parts) >= 3 and _IS_PARTICLE.match(parts[-2]):
            surnames[" ".join(parts[-2:])] = name
    rows = []
    for start, end, _ in runs:
        text = body[start:end]
        full = surnames.get(text)
        if full is not None and full != text and start > people[full]:
            text, rule = full, "surname"  # "Bill de Blasio … de Blasio said": the same person
        elif text in people:
            rule = "unknown_person"
        else:
            continue
        rows.append(
            {
                "sentence_id": sentence_id_at(start),
                "actor_id": text,
                "actor": text,
                "actor_type": "person",
                "country": "",
                "matched": body[start:end],
                "start": start,
                "end": end,
                "rule": rule,
                "role": "",
            }
        )
    return rows


_UNKNOWN_KINDS = {"name": "str", "count": "int64", "example": "str"}


def find_unknown_actors(
    body: str,
    sentences: pd.DataFrame | Columns,
    mentions: pd.DataFrame | Columns,
    *,
    gazetteer: Gazetteer | None = None,
) -> Columns:
    """List names a teacher may want to add to ``data/actors.csv``: unknown people and organisations.

    Returns:
        name, count, example (the first sentence it occurs in); most frequent first, as
        :class:`helpers.frames.Columns` (``.frame()`` is the DataFrame).

    Example:
        >>> from helpers.actors import find_mentions
        >>> from helpers.ingest.segment import split_sentences
        >>> body = "Russian expert Pavel Timofeev spoke. Timofeev said the Nikkei Asian Review erred."
        >>> s = split_sentences(body)
        >>> find_unknown_actors(body, s, find_mentions(body, s)).column("name")
        ['Pavel Timofeev', 'Nikkei Asian Review']
    """
    g = gazetteer or load_gazetteer()
    patterns = rule_patterns(g)
    found: dict[str, list[int]] = {}
    taken: list[tuple[int, int]] = []
    if len(mentions):
        # columns are read only when needed: each costs more than the loop over it
        starts, ends = col(mentions, "start"), col(mentions, "end")
        taken = list(zip(starts, ends, strict=True))
        rules = col(mentions, "rule")
        people = [k for k, rule in enumerate(rules) if rule in ("unknown_person", "surname")]
        if people:
            names, ids = col(mentions, "actor"), col(mentions, "actor_id")
            for k in people:
                if ids[k] not in g.actors:
                    found.setdefault(names[k], []).append(int(starts[k]))
    spans = _Spans(taken)
    for start, end, _ in _runs(body, patterns):
        name = body[start:end]
        if " " not in name:  # one word (runs are words joined by single spaces)
            continue
        words = name.split()
        if words[-1] in patterns.org_word and not spans.overlaps(start, end):
            first = start + len(words[0])
            kinds = {e.kind for e in g.entries.get(fold(words[0]), ())}
            if "demonym" in kinds and demonym_counts(body, start, first, patterns, prefix=False):
                continue  # "Chinese Foreign Ministry" is the Chinese state, already known
            found.setdefault(name, []).append(start)
    if not found:
        return Columns.empty(UNKNOWN_COLUMNS, lambda: empty_frame(UNKNOWN_COLUMNS, ints=("count",)))
    starts, texts = col(sentences, "start"), col(sentences, "text")

    def sentence_text(pos: int) -> str:
        return texts[max(bisect.bisect_right(starts, pos) - 1, 0)] if texts else ""

    ranked = sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))
    data = {
        "name": [name for name, _ in ranked],
        "count": [len(pos) for _, pos in ranked],
        "example": [sentence_text(min(pos)) for _, pos in ranked],
    }
    return Columns(data, _UNKNOWN_KINDS)
