"""How the per-article time splits into a fixed cost per article and a cost per kB of text.

The same text is analysed as N articles and as N/k longer articles (k = 1, 2, 5, 10 articles of the
1 k corpus joined: first headline and date line, then every body). If one article costs
``fixed + k * per_unit`` milliseconds, the slope is the work the rules and lexicons do on the text
itself, and ``3.4 kB / per_unit`` is the speed the kit would reach if every per-article overhead
(frames, file handling, summaries) were gone: the ceiling of per-core speed for this pipeline.

CPU time of the engine's per-article step (``encode(analyze_article(path))`` of
:mod:`helpers.pipeline.article`) in this
process, best of two passes, after a warm-up; no cache, no writing. Files go to
``benchmarks/out/scaling/`` (git-ignored).

    .venv/bin/python benchmarks/make_corpus.py 1000     # once: benchmarks/corpora/1k/
    .venv/bin/python benchmarks/scaling.py [--articles 600]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from helpers.pipeline.article import analyze_article, encode  # noqa: E402

CORPUS = HERE / "corpora" / "1k"
OUT = HERE / "out" / "scaling"
FACTORS = (1, 2, 5, 10)


def joined(texts: list[str]) -> str:
    """One article of several: the first one whole, then the others without their first block."""
    bodies = [t.split("\n\n", 1)[1] if "\n\n" in t else t for t in texts[1:]]
    return "\n\n".join([texts[0], *bodies])


def build(files: list[Path], k: int) -> list[Path]:
    folder = OUT / f"k{k}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    out = []
    for i in range(len(files) // k):
        path = folder / f"a{i:04d}.txt"
        texts = [f.read_text(encoding="utf-8") for f in files[i * k : (i + 1) * k]]
        path.write_text(joined(texts), encoding="utf-8")
        out.append(path)
    return out


def cpu_ms_per_article(paths: list[Path]) -> float:
    encode(analyze_article(paths[0]))
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        for path in paths:
            encode(analyze_article(path))
        best = min(best, time.process_time() - start)
    return 1000 * best / len(paths)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600, help="articles of the 1 k corpus used")
    args = parser.parse_args(argv)
    files = sorted(CORPUS.glob("*.txt"))[: args.articles]
    if len(files) < max(FACTORS):
        print(f"error: run benchmarks/make_corpus.py 1000 first ({CORPUS} has too few files)")
        return 1
    for path in files[:20]:  # warm-up: gazetteer, lexicons, regexes
        encode(analyze_article(path))
    kb = sum(f.stat().st_size for f in files) / len(files) / 1000
    print(f"{len(files)} articles of {kb:.2f} kB on average")
    print("| articles joined | files | CPU ms per file | MB/s |")
    print("|---|---|---|---|")
    ms = {}
    for k in FACTORS:
        paths = build(files, k)
        ms[k] = cpu_ms_per_article(paths)
        size = sum(p.stat().st_size for p in paths) / len(paths)
        print(f"| {k} | {len(paths)} | {ms[k]:.2f} | {size / ms[k] / 1000:.3f} |")
    per_unit = (ms[FACTORS[-1]] - ms[2]) / (FACTORS[-1] - 2)
    fixed = ms[1] - per_unit
    print(
        f"\nper article: fixed {fixed:.2f} ms + {per_unit:.2f} ms per {kb:.2f} kB of text; "
        f"with no fixed cost at all: {kb / per_unit:.3f} MB/s per core"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
