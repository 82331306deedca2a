"""Find every gazetteer form in an article body: one Aho-Corasick pass, then word-boundary and case
checks; where matches overlap the longest wins ("South China Sea" over "China").

``actors.find_mentions`` decides afterwards what each match stands for.
"""

from __future__ import annotations

from .gazetteer import Entry, Gazetteer, fold

# when one span is several kinds of form, the first kind listed wins
KIND_RANK = {k: i for i, k in enumerate("not_actor name alias context demonym prefix capital title "
                                        "honorific".split())}  # fmt: skip
KIND_RANK["alias"] = KIND_RANK["name"]
KIND_RANK["prefix"] = KIND_RANK["demonym"]


class Tok:
    """One gazetteer match: its span, its kind and the entries (of that kind) it matched."""

    __slots__ = ("start", "end", "kind", "entries", "targets", "licence", "resolved")

    def __init__(self, start: int, end: int, kind: str, entries: tuple[Entry, ...]) -> None:
        self.start, self.end, self.kind, self.entries = start, end, kind, entries
        self.targets: tuple[str, ...] = tuple(t for e in entries for t in e.targets)
        self.licence: tuple | None = None  # (roles, polity) of the title right before a name
        self.resolved: tuple | None = None  # (start, end, person) for a title resolved by date


def _case_ok(entry: Entry, form: str, raw: str) -> bool:
    """Does ``raw`` (curly apostrophes made straight) match ``form`` under the entry's case rule?"""
    if entry.case == "exact":
        return raw == form
    if entry.case == "first":
        return raw[1:] == form[1:] and raw[:1].lower() == form[:1].lower()
    return True


# id(gazetteer) -> (gazetteer, {folded form: ((entry, form with straight apostrophes, rank), ...)})
_TABLES: dict[int, tuple[Gazetteer, dict[str, tuple[tuple[Entry, str, int], ...]]]] = {}


def _table(g: Gazetteer) -> dict[str, tuple[tuple[Entry, str, int], ...]]:
    hit = _TABLES.get(id(g))
    if hit is not None and hit[0] is g:
        return hit[1]
    table = {
        key: tuple((e, e.form.replace("’", "'"), KIND_RANK[e.kind]) for e in entries)
        for key, entries in g.entries.items()
    }
    if len(_TABLES) >= 8:
        _TABLES.clear()
    _TABLES[id(g)] = (g, table)
    return table


def scan(body: str, g: Gazetteer) -> list[Tok]:
    """All gazetteer matches, boundaries and case checked, overlaps resolved longest-first.

    Example:
        >>> from helpers.gazetteer import load_gazetteer
        >>> [(t.start, t.kind) for t in scan("Talks on the South China Sea in Beijing.", load_gazetteer())]
        [(32, 'capital')]
    """
    table = _table(g)
    folded = fold(body)
    norm = body.replace("’", "'").replace("‘", "'")
    size = len(body)
    found = []
    for last, key in g.automaton.iter(folded):
        end = last + 1
        start = end - len(key)
        if start and body[start - 1].isalnum():
            continue
        if end < size:
            after = body[end]
            if after.isalnum() or after == "$":
                continue
        raw = norm[start:end]
        ranked = [
            (rank, e)
            for e, form, rank in table[key]
            if _case_ok(e, form, raw) and (e.kind != "prefix" or body[end : end + 1] == "-")
        ]
        if ranked:
            best = min(rank for rank, _ in ranked)
            entries = tuple(e for rank, e in ranked if rank == best)
            found.append(Tok(start, end, entries[0].kind, entries))
    found.sort(key=lambda t: (t.start - t.end, t.start))
    taken = bytearray(size + 1)
    chosen = []
    for tok in found:
        if taken.find(1, tok.start, tok.end) < 0:
            taken[tok.start : tok.end] = b"\x01" * (tok.end - tok.start)
            chosen.append(tok)
    return sorted((t for t in chosen if t.kind != "not_actor"), key=lambda t: t.start)
