"""py3langid's answer, computed with numpy: the same features, counts and scores, hence the same language.

py3langid (a naive Bayes classifier over byte n-grams) spends most of its time in two places that
numpy does faster without changing a single bit of the result:

* **Counting features.** py3langid walks its byte automaton in a Python loop. The automaton is
  Aho-Corasick: its state after byte i is the longest suffix of the bytes so far that begins a
  feature, which is at most ``depth`` bytes long, so it is also the state reached from the start on
  bytes i-depth+1..i alone. numpy walks all those windows at once (``depth`` steps of one array
  look-up each): the same states, so the same counts, kept in the same first-seen order (found
  with one sort of numbers rather than a stable argsort).
* **Scoring.** py3langid multiplies the counts' logarithms by their rows of its float16 table;
  numpy turns those rows into float32 first (one value at a time, slowly) and then calls the
  float32 product. Turning float16 into float32 is exact, so a 65,536-entry table of every
  float16's float32 value gives the same float32 rows, and the same product gives the same scores.

``tests/test_load.py`` checks the counts and the scores against py3langid's own on real and foreign
texts. Both shortcuts read py3langid's internals: they are taken for the versions in
``CHECKED_VERSIONS`` only, any other version answers through ``py3langid.classify`` itself.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np


def classify(sample: str) -> str:
    """``py3langid.classify(sample)[0]``: the ISO 639-1 code of the sample's language.

    Example:
        >>> classify("La France s'oppose à l'ouverture d'un bureau de l'OTAN à Tokyo.")
        'fr'
    """
    model = _model()
    if model is None or model[0]._norm_probs or model[0].min_confidence is not None:
        import py3langid  # a version or set-up these shortcuts were not checked against

        return py3langid.classify(sample)[0]
    return model[0].nb_classes[int(scores(sample).argmax())]


def scores(sample: str) -> np.ndarray:
    """py3langid's score of each language for ``sample`` (its ``_decide``, without norm_probs)."""
    ident, *_, half_to_single, floor = _model()
    idx, counts = features(ident._encode(sample))
    if not len(idx):
        out = np.full(len(ident.nb_classes), floor, dtype=np.float32)
    elif ident.nb_ptc.dtype == np.float16:  # as ident._sparse_score
        rows = np.take(half_to_single, np.take(ident.nb_ptc.view(np.uint16), idx, axis=0))
        out = np.log1p(counts.astype(np.float32)) @ rows + ident.nb_pc
    else:
        out = ident._sparse_score(
            dict(zip(idx.tolist(), counts.tolist(), strict=True)), ident.nb_ptc
        )
    for i, j in ident._alias_pairs:  # as LanguageIdentifier._decide
        out[i], out[j] = max(out[i], out[j]), floor
    return out


def features(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """py3langid's features of the bytes ``data`` and their counts, in first-seen order (the keys
    and values of its ``visit_counts``)."""
    _, nextmove, rowbase, output, depth, _, _ = _model()
    raw = np.frombuffer(data, dtype=np.uint8)
    state = np.zeros(len(raw), dtype=np.intp)
    for back in range(min(depth, len(raw)) - 1, -1, -1):
        state[back:] = nextmove[rowbase[state[back:]] + raw[: len(raw) - back]]
    found = output[state]
    found = found[found >= 0]
    # count equal features side by side after sorting, then put them back in the order they were
    # first seen; sorting feature * n + position (all different) gives a stable sort's order, and
    # numpy's plain sort of numbers is several times faster than its stable argsort
    n = len(found)
    ordered, positions = np.divmod(np.sort(found * n + np.arange(n)), max(n, 1))
    new = np.empty(n, dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    counts = np.diff(starts, append=n)
    first_seen = np.argsort(positions[starts])
    return ordered[starts[first_seen]], counts[first_seen]


# py3langid versions whose internals (automaton tables, scoring) this module was checked against
CHECKED_VERSIONS = ("0.4.0",)


@lru_cache(maxsize=1)
def _model() -> tuple | None:
    """py3langid's identifier; its automaton as numpy arrays and its depth (breadth first from the
    start state); the float32 value of every float16; the score of a text without features.
    None for a py3langid version not in ``CHECKED_VERSIONS``."""
    import py3langid
    from py3langid.langid import RAW_FLOOR, _get_identifier

    if py3langid.__version__ not in CHECKED_VERSIONS:
        return None

    ident = _get_identifier()
    nextmove = np.frombuffer(ident.tk_nextmove, dtype=f"u{ident.tk_nextmove.itemsize}")
    rows = np.frombuffer(ident.tk_row, dtype=f"u{ident.tk_row.itemsize}")
    seen, frontier, depth = np.zeros(len(rows), dtype=bool), np.zeros(1, dtype=np.intp), 0
    while len(frontier):
        seen[frontier] = True
        new = np.zeros(len(rows), dtype=bool)  # states one step further (states share rows)
        new[nextmove.reshape(-1, 256)[np.unique(rows[frontier])].ravel()] = True
        frontier = np.flatnonzero(new & ~seen)
        depth += len(frontier) > 0
    output = np.asarray(ident.tk_output, dtype=np.int64)
    half_to_single = np.arange(1 << 16, dtype=np.uint16).view(np.float16).astype(np.float32)
    return ident, nextmove, rows.astype(np.intp) << 8, output, depth, half_to_single, RAW_FLOOR
