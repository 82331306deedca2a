"""The actor gazetteer: countries, organisations and people read from editable CSV files.

Three files under ``data/`` make the gazetteer (see ``data/README.md``):

* ``actors.csv``: one row per actor (a person may have one row per office held), with ``|``-separated
  ``aliases`` (always matched), ``context_aliases`` (matched only after the actor was named, or right
  after a title: "Macron" is an alias, "May" and "the alliance" are context aliases), and for countries
  ``demonyms`` and ``capitals``.
* ``person_titles.csv``: titles ("President", "Foreign Minister") and the office ``role`` they name,
  so "the French president" resolves to the person in that office at the article date.
* ``actor_rules.csv``: the word lists behind the demonym, capital and unknown-person rules.

Everything is compiled once into one Aho-Corasick automaton; ``load_gazetteer`` caches the result.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from .paths import data_file

ACTOR_TYPES = ("country", "organization", "person")
ACTOR_COLUMNS = tuple(
    "actor_id actor_type name country organization role from to aliases context_aliases demonyms "
    "capitals source".split()
)
RULE_KINDS = tuple(
    "state_noun state_modifier nation_follower institution_noun place_before place_after not_actor "
    "role_noun speech_verb not_person_word org_word country_veto function_word not_current "
    "calendar_word".split()
)
_ID = re.compile(r"^[^\W\d_][\w .'’-]*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ROLE = re.compile(r"^[a-z_]+(?:\|[a-z_]+)*$")


class GazetteerError(ValueError):
    """A gazetteer CSV cannot be used; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Term:
    """One office (or nationality) of an actor: who they speak for, in which role, when."""

    country: str
    organization: str
    roles: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        """True if ``day`` falls inside the term (open ends are unbounded)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Actor:
    """A gazetteer actor and its terms (countries and organisations have a single term)."""

    actor_id: str
    actor_type: str
    name: str
    terms: tuple[Term, ...]

    def holds(self, roles: tuple[str, ...], body_id: str) -> bool:
        """True if some term has one of ``roles`` (any if empty) for ``body_id`` (any if "")."""
        return any((not roles or set(roles) & set(t.roles))
                   and (not body_id or body_id in (t.country, t.organization))
                   for t in self.terms)  # fmt: skip

    def term_at(self, day: dt.date | None) -> Term:
        """The term in force on ``day``; else the latest one that began before it; else the latest."""
        ordered = sorted(self.terms, key=lambda t: t.start or dt.date.min)
        if day is not None:
            current = [t for t in ordered if t.covers(day)]
            if current:
                return current[-1]
            before = [t for t in ordered if t.start is None or t.start <= day]
            if before:
                return before[-1]
        return ordered[-1]


@dataclass(frozen=True)
class Entry:
    """One searchable form: the text, what it is (``kind``) and the actors or roles it stands for."""

    form: str
    kind: str  # name|alias|context|demonym|prefix|capital|title|honorific|not_actor
    targets: tuple[str, ...]  # actor ids; for titles the roles
    case: str  # exact|first|any
    countries: tuple[str, ...] = ()  # titles: countries the title is used in ("" = any)


@dataclass(frozen=True)
class Gazetteer:
    """The compiled gazetteer (build it with ``load_gazetteer``)."""

    actors: dict[str, Actor]
    entries: dict[str, tuple[Entry, ...]]
    automaton: ahocorasick.Automaton = field(repr=False)
    rules: dict[str, tuple[str, ...]]
    holders: dict[tuple[str, str], tuple[str, ...]]  # (country or org id, role) -> person ids
    path: Path

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


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def _variants(form: str, *, person: bool) -> list[str]:
    """The form, its accent-free spelling and (for people) "Kim Jong-un" -> "Kim Jong Un"."""
    out = [form]
    plain = _strip_accents(form)
    if plain != form:
        out.append(plain)
    if person:
        for base in list(out):
            spaced = re.sub(r"(?<=[a-z])-([a-z])", lambda m: " " + m.group(1).upper(), base)
            if spaced != base:
                out.append(spaced)
    return out


def _date(cell: str, where: str) -> dt.date | None:
    if not cell.strip():
        return None
    try:
        return dt.date.fromisoformat(cell.strip())
    except ValueError:
        raise GazetteerError(f"{where}: date {cell!r} is not YYYY-MM-DD") from None


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Read a CSV, checking the header and the field count of every row."""
    if not path.exists():
        raise GazetteerError(f"{path}: file not found")
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        missing = [c for c in columns if header is None or c not in header]
        if missing:
            raise GazetteerError(f"{path}:1: header lacks column(s) {', '.join(missing)}")
        for rec in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in rec):
                continue
            if len(rec) != len(header):
                raise GazetteerError(
                    f"{path}:{line}: {len(rec)} fields, expected {len(header)} "
                    "(a stray comma? quote cells that contain commas)"
                )
            rows.append((line, dict(zip(header, rec, strict=True))))
    return rows


def _read_actors(path: Path) -> tuple[dict[str, Actor], list[tuple[int, str, Entry]]]:
    rows = _rows(path, ACTOR_COLUMNS)
    first: dict[str, tuple[int, str, str]] = {}
    terms: dict[str, list[Term]] = defaultdict(list)
    forms: list[tuple[int, str, Entry]] = []
    for line, row in rows:
        where = f"{path}:{line}"
        aid, kind, name = row["actor_id"].strip(), row["actor_type"].strip(), row["name"].strip()
        if not aid or not _ID.match(aid):
            raise GazetteerError(f"{where}: actor_id {aid!r} is empty or has odd characters")
        if kind not in ACTOR_TYPES:
            raise GazetteerError(
                f"{where}: actor_type {kind!r} must be one of {', '.join(ACTOR_TYPES)}"
            )
        if not name:
            raise GazetteerError(f"{where}: name is empty")
        if aid in first:
            line0, kind0, name0 = first[aid]
            if kind != "person" or kind0 != "person" or name != name0:
                raise GazetteerError(
                    f"{where}: actor_id {aid!r} already used on line {line0}; only a "
                    "person may have several rows (one per office), with the same name"
                )
        first.setdefault(aid, (line, kind, name))
        country, org = row["country"].strip(), row["organization"].strip()
        if country and not _ISO3.match(country):
            raise GazetteerError(
                f"{where}: country {country!r} is not a three-letter code such as FRA"
            )
        if kind == "person" and row["role"].strip() and not _ROLE.match(row["role"].strip()):
            raise GazetteerError(
                f"{where}: role {row['role']!r} must be lower_case words joined by |"
            )
        start, end = _date(row["from"], where), _date(row["to"], where)
        if start and end and end < start:
            raise GazetteerError(f"{where}: 'to' ({end}) is before 'from' ({start})")
        roles = tuple(_split(row["role"])) if kind == "person" else ()
        terms[aid].append(Term(country if kind != "organization" else "", org, roles, start, end))
        person = kind == "person"
        for col, entry_kind in (
            ("aliases", "alias"),
            ("context_aliases", "context"),
            ("demonyms", "demonym"),
            ("capitals", "capital"),
        ):
            if col in ("demonyms", "capitals") and row[col].strip() and kind == "person":
                raise GazetteerError(f"{where}: a person has no {col}")
            for form in _split(row[col]):
                ekind = "prefix" if entry_kind == "demonym" and form.endswith("-") else entry_kind
                form = form.rstrip("-") if ekind == "prefix" else form
                # "The alliance" may open a sentence, but "may" is not Theresa May
                case = "first" if ekind == "context" and not person else "exact"
                for variant in _variants(form, person=person):
                    forms.append((line, aid, Entry(variant, ekind, (aid,), case)))
        if line == first[aid][0]:
            for variant in _variants(name, person=person):
                forms.append((line, aid, Entry(variant, "name", (aid,), "exact")))
    actors = {aid: Actor(aid, first[aid][1], first[aid][2], tuple(ts)) for aid, ts in terms.items()}
    for aid, actor in actors.items():
        for term in actor.terms:
            for ref, want in ((term.country, "country"), (term.organization, "organization")):
                if ref and (ref not in actors or actors[ref].actor_type != want):
                    raise GazetteerError(
                        f"{path}:{first[aid][0]}: {aid!r} refers to {ref!r}, "
                        f"which is not a {want} row of the file"
                    )
    return actors, forms


def _read_titles(path: Path, actors: dict[str, Actor]) -> list[tuple[int, str, Entry]]:
    out = []
    for line, row in _rows(path, ("title", "role", "countries")):
        title, role = row["title"].strip(), row["role"].strip()
        countries = tuple(_split(row["countries"]))
        bad = [c for c in countries if c not in actors]
        if not title or bad or (role and not _ROLE.match(role)):
            raise GazetteerError(
                f"{path}:{line}: need a title, a lower_case role (or none for an "
                f"honorific) and known country codes; got {title!r}, {role!r}, {bad}"
            )
        kind, case = ("title", "any") if role else ("honorific", "exact")
        if title.isupper():
            case = "exact"  # "PM" but not "pm"
        out.append((line, "", Entry(title, kind, (role,) if role else (), case, countries)))
    return out


def _read_rules(path: Path, actors: dict[str, Actor]) -> dict[str, tuple[str, ...]]:
    """Phrases by kind; ``country_veto`` phrases are stored as "ACTOR_ID|phrase"."""
    rules: dict[str, list[str]] = {kind: [] for kind in RULE_KINDS}
    for line, row in _rows(path, ("kind", "phrase", "actor_id")):
        kind, phrase, aid = row["kind"].strip(), row["phrase"].strip(), row["actor_id"].strip()
        if kind not in rules or not phrase:
            raise GazetteerError(
                f"{path}:{line}: kind {kind!r} must be one of {', '.join(RULE_KINDS)} "
                "and phrase must not be empty"
            )
        if (kind == "country_veto") != bool(aid) or (aid and aid not in actors):
            raise GazetteerError(
                f"{path}:{line}: actor_id must name a gazetteer country for "
                "country_veto rows, and be empty for the other kinds"
            )
        rules[kind].append(f"{aid}|{phrase}" if aid else phrase)
    return {kind: tuple(phrases) for kind, phrases in rules.items()}


def _check_clashes(
    path: Path, forms: list[tuple[int, str, Entry]], actors: dict[str, Actor]
) -> None:
    """Two countries/organisations may not share an always-on form: the match would be a coin toss."""
    owner: dict[tuple[str, str], tuple[int, str]] = {}
    for line, aid, entry in forms:
        if not aid or actors[aid].actor_type == "person" or entry.kind == "context":
            continue
        key = (entry.form, "demonym" if entry.kind in ("demonym", "prefix") else "name")
        if key in owner and owner[key][1] != aid:
            raise GazetteerError(
                f"{path}:{line}: {entry.form!r} is also given to {owner[key][1]!r} "
                f"on line {owner[key][0]}; keep it on one actor (or make it a "
                "context alias)"
            )
        owner.setdefault(key, (line, aid))


def build_gazetteer(actors_path: Path, titles_path: Path, rules_path: Path) -> Gazetteer:
    """Read, check and compile the three gazetteer files (uncached; see ``load_gazetteer``).

    Example:
        >>> g = build_gazetteer(data_file("actors.csv"), data_file("person_titles.csv"),
        ...                     data_file("actor_rules.csv"))
        >>> g.actors["FRA"].name
        'France'
    """
    actors, forms = _read_actors(actors_path)
    _check_clashes(actors_path, forms, actors)
    forms += _read_titles(titles_path, actors)
    rules = _read_rules(rules_path, actors)
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
    automaton = ahocorasick.Automaton()
    for key in entries:
        automaton.add_word(key, key)
    automaton.make_automaton()
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
        automaton,
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
