"""Near-duplicate detection: MinHash signatures of word 5-grams and locality-sensitive hashing.

The same story re-posted with other page furniture is not byte-identical, so exact hashes miss it;
two texts sharing most of their 5-word phrases are flagged (``near_duplicate`` in problems.csv).
"""

from __future__ import annotations

import collections
import re
import zlib

import numpy as np

__all__ = ["NEAR_DUPLICATE_JACCARD", "estimate_jaccard", "minhash", "near_duplicates"]

NEAR_DUPLICATE_JACCARD = 0.8
_SHINGLE = 5
_BANDS, _ROWS = 20, 6  # LSH: pairs with Jaccard 0.8 share a band with probability > 0.99
_PERMUTATIONS = np.random.default_rng(20240601).integers(
    1, 2**63, size=(2, _BANDS * _ROWS), dtype=np.uint64
) | np.uint64(1)
_WORD = re.compile(r"\w+")


def minhash(text: str) -> bytes:
    """MinHash signature (120 x uint32) of a text's lower-cased word 5-grams; b"" for no words.

    Example:
        >>> len(minhash("Japan and France signed a defence pact on Tuesday in Paris."))
        480
    """
    words = _WORD.findall(text.lower())
    if not words:
        return b""
    ids = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    k = min(_SHINGLE, len(ids))
    n = len(ids) - k + 1
    shingles = np.zeros(n, dtype=np.uint64)
    for j in range(k):  # a polynomial hash of k consecutive word ids (uint64 wraps around)
        shingles = shingles * np.uint64(1_000_003) + ids[j : j + n]
    shingles = np.unique(shingles)
    a, b = _PERMUTATIONS
    best = np.full(a.shape, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(shingles), 2048):  # bounded memory for very long texts
        block = shingles[start : start + 2048]
        values = (a[:, None] * block[None, :] + b[:, None]) >> np.uint64(32)
        best = np.minimum(best, values.min(axis=1))
    return best.astype(np.uint32).tobytes()


def estimate_jaccard(first: bytes, second: bytes) -> float:
    """Share of equal MinHash values: an estimate of the two texts' 5-gram Jaccard similarity.

    Example:
        >>> s = minhash("The ministers met in Rome to discuss the grain corridor and sanctions.")
        >>> estimate_jaccard(s, s)
        1.0
    """
    if not first or not second:
        return 0.0
    return float(np.mean(np.frombuffer(first, np.uint32) == np.frombuffer(second, np.uint32)))


def near_duplicates(
    signatures: list[bytes], *, threshold: float = NEAR_DUPLICATE_JACCARD
) -> list[tuple[int, int, float]]:
    """Pairs (earlier, later, estimate) whose estimated Jaccard is at least ``threshold``.

    Each later text is paired with its most similar earlier one only. Candidates come from
    locality-sensitive hashing (20 bands of 6 values), so the cost stays near linear.

    Example:
        >>> a = minhash("Leaders of the G7 met in Biarritz to discuss the Amazon fires and trade.")
        >>> near_duplicates([a, minhash("Unrelated text about football."), a])
        [(0, 2, 1.0)]
    """
    usable = [i for i, s in enumerate(signatures) if s]
    if len(usable) < 2:
        return []
    matrix = np.stack([np.frombuffer(signatures[i], np.uint32) for i in usable])
    candidates: dict[int, set[int]] = collections.defaultdict(set)
    for band in range(_BANDS):
        keys = np.ascontiguousarray(matrix[:, band * _ROWS : (band + 1) * _ROWS])
        keys = keys.view(np.dtype((np.void, keys.itemsize * _ROWS))).ravel()
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        order = np.argsort(inverse, kind="stable")  # grouped by bucket, input order inside
        starts = np.cumsum(counts) - counts
        for bucket in np.flatnonzero(counts > 1):
            members = order[starts[bucket] : starts[bucket] + counts[bucket]]
            for pos, later in enumerate(members[1:], start=1):
                candidates[int(later)].update(int(m) for m in members[max(0, pos - 20) : pos])
    found = []
    for later in sorted(candidates):
        scores = [(float(np.mean(matrix[e] == matrix[later])), -e) for e in candidates[later]]
        score, earlier = max(scores)
        if score >= threshold:
            found.append((usable[-earlier], usable[later], score))
    return found
