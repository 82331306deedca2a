"""The actor gazetteer: countries, organisations and people read from editable CSV files.

Three files under ``data/`` make the gazetteer (see ``data/README.md``):

* ``actors.csv``: one row per actor (a person may have one row per office held), with ``|``-separated
  ``aliases`` (always matched), ``context_aliases`` (matched only after the actor was named, or right
  after a title: "Macron" is an alias, "May" and "the alliance" are context aliases), and for countries
  ``demonyms`` and ``capitals``.
* ``person_titles.csv``: titles ("President", "Foreign Minister") and the office ``role`` they name,
  so "the French president" resolves to the person in that office at the article date.
* ``actor_rules.csv``: the word lists behind the demonym, capital and unknown-person rules.

``helpers.actors.gazetteer_files`` reads and checks the rows; this module compiles them into the lookups the
actor step uses (forms by folded spelling, office holders by country and role) and ``load_gazetteer``
caches the result until a file changes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import ahocorasick

from ..paths import data_file
from .gazetteer_files import (
    ACTOR_COLUMNS,
    ACTOR_TYPES,
    RULE_KINDS,
    Actor,
    Entry,
    GazetteerError,
    Term,
    check_clashes,
    read_actors,
    read_rules,
    read_titles,
)

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_TYPES",
    "RULE_KINDS",
    "Actor",
    "Entry",
    "Gazetteer",
    "GazetteerError",
    "KIND_RANK",
    "Term",
    "build_gazetteer",
    "fold",
    "load_gazetteer",
]


# when one span is several kinds of form, the first kind listed wins
KIND_RANK = {k: i for i, k in enumerate("not_actor name alias context demonym prefix capital title "
                                        "honorific".split())}  # fmt: skip
KIND_RANK["alias"] = KIND_RANK["name"]
KIND_RANK["prefix"] = KIND_RANK["demonym"]


@dataclass(frozen=True)
class Gazetteer:
    """The compiled gazetteer (build it with ``load_gazetteer``)."""

    actors: dict[str, Actor]
    entries: dict[str, tuple[Entry, ...]]
    rules: dict[str, tuple[str, ...]]
    holders: dict[tuple[str, str], tuple[str, ...]]  # (country or org id, role) -> person ids
    path: Path

    @cached_property
    def automaton(self) -> ahocorasick.Automaton:
        """Every folded form (``entries`` key), mapped to itself; built on first use."""
        automaton = ahocorasick.Automaton()
        for key in self.entries:
            automaton.add_word(key, key)
        automaton.make_automaton()
        return automaton

    @cached_property
    def ranked(self) -> dict[str, tuple[tuple[Entry, str, int], ...]]:
        """Each folded form's entries as (entry, form with straight apostrophes, kind rank), best
        rank first (``KIND_RANK``): what ``helpers.actors.scan`` checks for every match."""
        return {
            key: tuple(
                sorted(
                    ((e, e.form.replace("’", "'"), KIND_RANK[e.kind]) for e in entries),
                    key=lambda r: r[2],
                )
            )
            for key, entries in self.entries.items()
        }

    def holder(self, body_id: str, roles: tuple[str, ...], day: dt.date) -> str | None:
        """The person holding one of ``roles`` for a country/organisation on ``day`` (or None).

        Example:
            >>> g = load_gazetteer()
            >>> g.holder("FRA", ("head_of_state",), dt.date(2023, 7, 11))
            'Emmanuel Macron'
        """
        found = []
        for role in roles:
            for person in self.holders.get((body_id, role), ()):
                for term in self.actors[person].terms:
                    if (
                        role in term.roles
                        and body_id in (term.country, term.organization)
                        and term.covers(day)
                    ):
                        found.append((term.start or dt.date.min, person))
        return max(found)[1] if found else None


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length, and make curly apostrophes straight.

    Example:
        >>> fold("NATO’s Tokyo")
        "nato's tokyo"
    """
    low = text.lower()
    if len(low) != len(text):  # a few letters (e.g. "İ") grow when lower-cased
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.replace("’", "'").replace("‘", "'")


def build_gazetteer(actors_path: Path, titles_path: Path, rules_path: Path) -> Gazetteer:
    """Read, check and compile the three gazetteer files (uncached; see ``load_gazetteer``).

    Example:
        >>> g = build_gazetteer(data_file("actors.csv"), data_file("person_titles.csv"),
        ...                     data_file("actor_rules.csv"))
        >>> g.actors["FRA"].name
        'France'
    """
    actors, forms = read_actors(actors_path)
    check_clashes(actors_path, forms, actors)
    forms += read_titles(titles_path, actors)
    rules = read_rules(rules_path, actors)
    forms += [(0, "", Entry(p, "not_actor", (), "exact")) for p in rules["not_actor"]]
    merged: dict[tuple[str, str, str, tuple[str, ...]], list[str]] = defaultdict(list)
    names = {(entry.form, aid) for _, aid, entry in forms if entry.kind == "name"}
    for _, aid, entry in forms:
        if entry.kind == "alias" and (entry.form, aid) in names:
            continue
        key = (entry.form, entry.kind, entry.case, entry.countries)
        for target in entry.targets or ("",):
            if target not in merged[key]:
                merged[key].append(target)
    entries: dict[str, list[Entry]] = defaultdict(list)
    for (form, kind, case, countries), targets in sorted(merged.items()):
        entries[fold(form)].append(
            Entry(form, kind, tuple(t for t in targets if t), case, countries)
        )
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for aid, actor in sorted(actors.items()):
        for term in actor.terms:
            for role in term.roles:
                for body_id in filter(None, (term.country, term.organization)):
                    if aid not in holders[(body_id, role)]:
                        holders[(body_id, role)].append(aid)
    return Gazetteer(
        actors,
        {k: tuple(v) for k, v in entries.items()},
        rules,
        {k: tuple(v) for k, v in holders.items()},
        actors_path,
    )


@lru_cache(maxsize=8)
def _load_cached(actors_path: Path, titles_path: Path, rules_path: Path, stamp: tuple) -> Gazetteer:
    return build_gazetteer(actors_path, titles_path, rules_path)


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Load the gazetteer (``data/actors.csv`` unless ``path`` names another actors file).

    The titles and rules files are read from the same folder when it has them, else from ``data/``.
    The result is cached and reloaded when a file changes, so a teacher can edit and rerun.
    A malformed row raises ``GazetteerError`` naming the file and line.

    Example:
        >>> load_gazetteer().actors["NATO"].actor_type
        'organization'
    """
    actors, (titles, titles_default), (rules, rules_default) = _places(path)
    stamps, chosen = [_mtime(actors[0])], [actors[1]]
    for here, default in ((titles, titles_default), (rules, rules_default)):
        stamp = _mtime(here[0])
        if stamp is None:  # not in the folder of the actors file: the kit's own
            here, stamp = default, _mtime(default[0])
        stamps.append(stamp)
        chosen.append(here[1])
    return _load_cached(*chosen, tuple(0 if t is None else t for t in stamps))


@lru_cache(maxsize=64)
def _places(path: Path | str | None) -> tuple:
    """Where the files of a gazetteer may be, as (name for os.stat, resolved path) pairs: the
    actors file, then (in its folder, in ``data/``) for the titles and for the rules."""
    actors = Path(path) if path is not None else data_file("actors.csv")

    def place(where: Path) -> tuple[str, Path]:
        return os.fspath(where), where.resolve()

    return (
        place(actors),
        (place(actors.parent / "person_titles.csv"), place(data_file("person_titles.csv"))),
        (place(actors.parent / "actor_rules.csv"), place(data_file("actor_rules.csv"))),
    )


def _mtime(name: str) -> int | None:
    """The file's modification time, or None when there is no such file (remembering the paths
    and calling os.stat on them makes this check cheap enough for every article)."""
    try:
        return os.stat(name).st_mtime_ns
    except (FileNotFoundError, NotADirectoryError):
        return None
