"""Read and check the three gazetteer CSV files, one row at a time, into plain records.

``data/actors.csv`` becomes :class:`Actor` records (with their :class:`Term` of office) and the
searchable forms (:class:`Entry`) of each actor; ``data/person_titles.csv`` adds the titles;
``data/actor_rules.csv`` gives the rule phrases by kind. Every problem raises :class:`GazetteerError`
naming the file, the line and what to fix. ``helpers.actors.gazetteer`` compiles these records into the
lookup structures that the actor step uses.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ACTOR_TYPES = ("country", "organization", "person")
ACTOR_COLUMNS = tuple(
    "actor_id actor_type name country organization role from to aliases context_aliases demonyms "
    "capitals source".split()
)
RULE_KINDS = tuple(
    "state_noun state_modifier nation_follower institution_noun place_before place_after not_actor "
    "role_noun speech_verb not_person_word org_word country_veto function_word not_current "
    "calendar_word portfolio".split()
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


def read_actors(path: Path) -> tuple[dict[str, Actor], list[tuple[int, str, Entry]]]:
    """The actors of an actors file by id, and every searchable form as (line, actor id, entry).

    Example:
        >>> from helpers.paths import data_file
        >>> actors, forms = read_actors(data_file("actors.csv"))
        >>> actors["FRA"].name, ("France", "name") in {(e.form, e.kind) for _, _, e in forms}
        ('France', True)
    """
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


def read_titles(path: Path, actors: dict[str, Actor]) -> list[tuple[int, str, Entry]]:
    """The titles and honorifics of a titles file as (line, "", entry); countries must be ``actors``.

    Example:
        >>> from helpers.paths import data_file
        >>> actors, _ = read_actors(data_file("actors.csv"))
        >>> line, _, entry = read_titles(data_file("person_titles.csv"), actors)[0]
        >>> entry.form, entry.kind, entry.targets
        ('President', 'title', ('head_of_state',))
    """
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


def read_rules(path: Path, actors: dict[str, Actor]) -> dict[str, tuple[str, ...]]:
    """Phrases by kind; ``country_veto`` phrases are stored as "ACTOR_ID|phrase".

    Example:
        >>> from helpers.paths import data_file
        >>> actors, _ = read_actors(data_file("actors.csv"))
        >>> read_rules(data_file("actor_rules.csv"), actors)["state_noun"][:3]
        ('government', 'governments', 'administration')
    """
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


def check_clashes(
    path: Path, forms: list[tuple[int, str, Entry]], actors: dict[str, Actor]
) -> None:
    """Two countries/organisations may not share an always-on form: the match would be a coin toss.

    Example:
        >>> from helpers.paths import data_file
        >>> actors, forms = read_actors(data_file("actors.csv"))
        >>> check_clashes(data_file("actors.csv"), forms, actors)  # the shipped list is clean
        >>> fra = next(e for _, aid, e in forms if aid == "FRA" and e.form == "France")
        >>> check_clashes(data_file("actors.csv"), [*forms, (9999, "DEU", fra)], actors)
        Traceback (most recent call last):
        ...
        helpers.actors.gazetteer_files.GazetteerError: ...: 'France' is also given to 'FRA' on line ...
    """
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
