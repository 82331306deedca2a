"""Time per article with each sentiment method: ``analyze_article`` on the seeds and corpus articles.

Run on demand (never in the tests)::

    .venv/bin/python benchmarks/sentiment_speed.py --rounds 5
    .venv/bin/python benchmarks/sentiment_speed.py benchmarks/corpora/1k --rounds 3

Without paths it reads the seeds and ``data/corpus/articles``; a folder stands for its ``.txt``
files (``make_corpus.py 1000`` builds the synthetic ``benchmarks/corpora/1k``).

Each round analyses every file once with ``sentiment="lexicon"`` and once with ``"model"``, in
alternating order, in one process (the model and the lexicons loaded before timing), timing CPU time
of the process (other processes on the machine do not count), so both
methods see the same machine load. Prints the median time per article of each method over the
rounds and the model's extra cost.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.pipeline.article import analyze_article  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="articles or folders of .txt files")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    paths = args.paths or [ROOT / "seeds", ROOT / "data" / "corpus" / "articles"]
    files = [
        file for path in paths for file in (sorted(path.glob("*.txt")) if path.is_dir() else [path])
    ]
    for method in ("lexicon", "model"):  # warm up: lexicons, model, caches of the libraries
        analyze_article(files[0], sentiment=method)
    times: dict[str, list[float]] = {"lexicon": [], "model": []}
    for round_ in range(args.rounds):
        order = ("lexicon", "model") if round_ % 2 == 0 else ("model", "lexicon")
        for method in order:
            start = time.process_time()
            for path in files:
                analyze_article(path, sentiment=method)
            times[method].append((time.process_time() - start) / len(files))
    lexicon, model = (statistics.median(times[m]) for m in ("lexicon", "model"))
    print(f"{len(files)} articles, {args.rounds} rounds (median time per article)")
    print(
        f"lexicon {lexicon * 1000:.1f} ms, model {model * 1000:.1f} ms, "
        f"model +{(model / lexicon - 1) * 100:.1f} %"
    )
    print("rounds:", {m: [round(t * 1000, 1) for t in v] for m, v in times.items()})


if __name__ == "__main__":
    main()
