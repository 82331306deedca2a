"""The context rules that decide what a gazetteer match stands for, compiled from actor_rules.csv.

Rules (each word list is a ``kind`` of ``data/actor_rules.csv``; see ``data/README.md``):

* **Demonym** ("French", "Chinese"): counts for the country when a ``state_noun`` follows, possibly
  after ``state_modifier`` or capitalised words ("French opposition", "Chinese Foreign Ministry",
  "Franco-Chinese relations", "Iranian-backed"), or when it is the nation: "the" + demonym + a
  ``nation_follower`` or punctuation ("the Japanese themselves", "the Russians said"). Otherwise it is
  a nationality ("Russian expert", "French business leaders") and is not counted.
* **Capital** ("Paris", "Beijing"): counts for the government unless a ``place_before`` word precedes
  it ("in Tokyo", "visited Beijing", "trip to Seoul", "of central Tokyo"), a ``place_after`` word
  follows it ("Tokyo liaison office", "Tokyo's streets", "Paris Agreement" via capitals), it is part
  of an address ("in Seattle, Washington", "Taipei, Taiwan") or of a longer name.
* **Longer names**: a country name, capital or one-word person name next to a capitalised word that
  is not a ``function_word``, a title or another actor is part of another name ("Air China", "Hunter
  Biden", "Valeska Paris"), unless the sentence is headline-style title case.
* **Titles**: after a ``not_current`` word ("former", "as") a title is not resolved by date; a title
  followed by "'s" + an ``institution_noun`` ("the French president's office") is the state.
* **Vetoes**: a ``country_veto`` phrase in the sentence drops a same-named country ("Georgia" with
  "Congressional District").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial

from .gazetteer import Gazetteer


def _alt(phrases, *, backwards: bool = False) -> str:
    """A regex alternation of literal phrases, longest first, any run of spaces between words
    (``backwards``: each phrase spelled backwards)."""
    ordered = sorted(phrases, key=len, reverse=True)
    return (
        "|".join(re.escape(p[::-1] if backwards else p).replace(r"\ ", r"\s+") for p in ordered)
        or "(?!)"
    )


@dataclass(frozen=True)
class RulePatterns:
    """The compiled rules of one gazetteer (build with ``rule_patterns``)."""

    state_hyphen: re.Pattern
    state: re.Pattern
    state_cap: re.Pattern
    nation: re.Pattern
    institution: re.Pattern
    place_before: re.Pattern
    place_before_backwards: re.Pattern  # place_before, matched on the reversed text (see below)
    place_after: re.Pattern
    place_address: re.Pattern
    person_before: re.Pattern
    person_before_backwards: re.Pattern
    person_after: re.Pattern
    not_current: re.Pattern
    vetoes: dict[str, re.Pattern]  # country -> phrases that show a same-named place elsewhere
    org_word: frozenset[str]
    not_person_word: frozenset[str]
    title_words: frozenset[str]
    function_words: frozenset[str]
    portfolio_words: frozenset[str]  # "Minister of Education Stefania Giannini"
    calendar_words: frozenset[str]
    gap_words: frozenset[str]


@lru_cache(maxsize=8)
def _compile(
    rules: tuple[tuple[str, tuple[str, ...]], ...], titles: tuple[str, ...]
) -> RulePatterns:
    r = dict(rules)
    hyphen = [p.lstrip("-") for p in r["state_noun"] if p.startswith("-")]
    nouns = _alt(p for p in r["state_noun"] if not p.startswith("-"))
    mods = _alt(r["state_modifier"])
    role, speech, place = _alt(r["role_noun"]), _alt(r["speech_verb"]), _alt(r["place_before"])
    # A ``*_before`` rule is searched in the text before a name and must end where the name starts:
    # the regex engine tries it at each of those characters. Its ``*_backwards`` twin is the same
    # rule spelled backwards, matched once on that text reversed: the same yes or no, faster.
    back = partial(_alt, backwards=True)
    place_back = back(r["place_before"])
    vetoes: dict[str, list[str]] = {}
    for item in r["country_veto"]:
        aid, phrase = item.split("|", 1)
        vetoes.setdefault(aid, []).append(phrase)
    return RulePatterns(
        state_hyphen=re.compile(rf"^-(?i:{_alt(hyphen)})\b"),
        state=re.compile(rf"^(?:['’]s)?\s+(?:(?:(?i:{mods})|[A-Z][\w-]*)\s+){{0,3}}(?i:{nouns})\b"),
        state_cap=re.compile(rf"^\s+(?:[A-Z][\w-]*\s+){{0,2}}(?i:{nouns})\b"),
        nation=re.compile(rf"^(?:\s*(?:[.,;:!?)\"”’]|$)|\s+(?i:{_alt(r['nation_follower'])})\b)"),
        institution=re.compile(rf"^['’]s\s+(?i:{_alt(r['institution_noun'])})\b"),
        place_before=re.compile(rf"(?:^|\W)(?i:{place})\s+(?:the\s+)?$"),
        place_before_backwards=re.compile(rf"(?:\s+eht)?\s+(?i:{place_back})(?:\W|\Z)"),
        place_after=re.compile(rf"^(?:['’]s)?\s+(?i:{_alt(r['place_after'])})\b"),
        place_address=re.compile(
            rf"(?:^|\W)(?i:{place})\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){{0,2}}[A-Z][\w.-]*,\s*$"
        ),
        person_before=re.compile(rf"(?:^|\W)(?i:{role}|{speech}|{_alt(titles)})\s*,?\s*$"),
        person_before_backwards=re.compile(
            rf"\s*,?\s*(?i:{back(r['role_noun'])}|{back(r['speech_verb'])}|{back(titles)})(?:\W|\Z)"
        ),
        person_after=re.compile(
            rf"^(?:,?\s+(?i:{speech})\b|,\s+\d{{1,3}},|,\s+(?:(?:a|an|the|who\s+is|who\s+was)\s+)?"
            rf"(?:[\w-]+\s+){{0,3}}?(?i:{role})\b)"
        ),
        not_current=re.compile(rf"(?i:\b(?:{_alt(r['not_current'])}))\s*$"),
        vetoes={aid: re.compile(rf"\b(?:{_alt(p)})\b") for aid, p in sorted(vetoes.items())},
        org_word=frozenset(r["org_word"]),
        not_person_word=frozenset(r["not_person_word"]),
        title_words=frozenset(
            [t.lower().strip(".") for t in titles if " " not in t]
            + [w.lower() for w in r["role_noun"]]
        ),
        function_words=frozenset(w.lower() for w in r["function_word"]),
        portfolio_words=frozenset(r["portfolio"]),
        calendar_words=frozenset(w.lower() for w in r["calendar_word"]),
        # lower-case words allowed between a country and its title: "Chinese foreign ministry spokesperson"
        gap_words=frozenset(["of", "for", "government", "ministry", *r["state_modifier"]]),
    )


# id(gazetteer) -> (gazetteer, its patterns); the gazetteer is kept so that its id is not reused
_BY_GAZETTEER: dict[int, tuple[Gazetteer, RulePatterns]] = {}


def rule_patterns(g: Gazetteer) -> RulePatterns:
    """Compile (once, cached) the rule regexes of a gazetteer.

    Example:
        >>> from helpers.actors.gazetteer import load_gazetteer
        >>> bool(rule_patterns(load_gazetteer()).place_before.search("a liaison office in "))
        True
    """
    hit = _BY_GAZETTEER.get(id(g))
    if hit is not None and hit[0] is g:
        return hit[1]
    titles = tuple(
        sorted(
            {e.form for es in g.entries.values() for e in es if e.kind in ("title", "honorific")}
        )
    )
    patterns = _compile(tuple(sorted(g.rules.items())), titles)
    if len(_BY_GAZETTEER) >= 8:
        _BY_GAZETTEER.clear()
    _BY_GAZETTEER[id(g)] = (g, patterns)
    return patterns


_COORDINATED = re.compile(r"^(?:\s*(?:,|and|or|&)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)+")
_THE = re.compile(r"\b[Tt]he\s+$")


def demonym_counts(body: str, start: int, end: int, rules: RulePatterns, *, prefix: bool) -> bool:
    """Does the demonym at ``body[start:end]`` stand for the state (see the module docstring)?

    Example:
        >>> from helpers.actors.gazetteer import load_gazetteer
        >>> r, text = rule_patterns(load_gazetteer()), "the Japanese government and Russian experts"
        >>> demonym_counts(text, 4, 12, r, prefix=False), demonym_counts(text, 28, 35, r, prefix=False)
        (True, False)
    """
    after = body[end : end + 80]
    if rules.state_hyphen.match(after):
        return True
    after = re.sub(r"^(?:-[^\W\d_][\w.]*)+", "", after)  # "Franco-Chinese relations"
    after = _COORDINATED.sub("", after)  # "the American and Chinese economies": the noun decides
    if rules.state.match(after):
        return True
    return not prefix and bool(
        _THE.search(body[max(0, start - 5) : start]) and rules.nation.match(after)
    )


def capital_is_place(body: str, start: int, end: int, rules: RulePatterns) -> bool:
    """Is the capital at ``body[start:end]`` a place rather than the government?

    Example:
        >>> from helpers.actors.gazetteer import load_gazetteer
        >>> r, text = rule_patterns(load_gazetteer()), "a liaison office in Tokyo. Paris wants"
        >>> capital_is_place(text, 20, 25, r), capital_is_place(text, 27, 32, r)
        (True, False)
    """
    before = body[max(0, start - 60) : start]
    return bool(
        rules.place_before_backwards.match(before[::-1])
        or rules.place_after.match(body[end : end + 40])
        or rules.place_address.search(before)
    )
