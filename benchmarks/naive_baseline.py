"""The obvious way to do the kit's core work, as a yardstick for the benchmarks.

For every file: pysbd sentences, ``TextBlob(s).sentiment`` per sentence and one regular expression
per actor name (names, aliases, demonyms and capitals of ``data/actors.csv``) searched over the
text; writes one CSV of sentences and one of mentions. No cleaning, metadata, sources or tables:
the kit does much more per article, so this flatters the baseline.

pysbd is not a dependency of the kit: ``.venv/bin/pip install pysbd`` to run this (the benchmark
skips the baseline when it is missing).

    .venv/bin/python benchmarks/naive_baseline.py benchmarks/corpora/1k --out benchmarks/out/naive
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def actor_patterns(path: Path = ROOT / "data" / "actors.csv") -> list[tuple[str, re.Pattern[str]]]:
    """One compiled regex per actor name form, as a naive script would write it."""
    patterns = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names = [row["name"]]
            for column in ("aliases", "demonyms", "capitals"):
                names += [n for n in (row.get(column) or "").split("|") if n]
            for name in dict.fromkeys(names):
                patterns.append((row["actor_id"], re.compile(rf"\b{re.escape(name)}\b")))
    return patterns


def run(folder: Path, out: Path) -> dict[str, float]:
    """Analyse every ``.txt`` file of ``folder`` the naive way; return counts and seconds."""
    import pysbd
    from textblob import TextBlob

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    patterns = actor_patterns()
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    n_files = n_bytes = n_sentences = n_mentions = 0
    with (
        (out / "sentences.csv").open("w", encoding="utf-8", newline="") as sf,
        (out / "mentions.csv").open("w", encoding="utf-8", newline="") as mf,
    ):
        sentences_csv, mentions_csv = csv.writer(sf), csv.writer(mf)
        for path in sorted(folder.glob("*.txt")):
            raw = path.read_bytes()
            text = raw.decode("utf-8")
            n_files += 1
            n_bytes += len(raw)
            for number, span in enumerate(segmenter.segment(text), start=1):
                sentiment = TextBlob(span.sent).sentiment
                sentences_csv.writerow(
                    [
                        path.stem,
                        number,
                        span.start,
                        span.end,
                        sentiment.polarity,
                        sentiment.subjectivity,
                    ]
                )
                n_sentences += 1
            for actor_id, pattern in patterns:
                for match in pattern.finditer(text):
                    mentions_csv.writerow([path.stem, actor_id, match.start(), match.end()])
                    n_mentions += 1
    seconds = time.perf_counter() - start
    return {
        "files": n_files,
        "bytes": n_bytes,
        "sentences": n_sentences,
        "mentions": n_mentions,
        "seconds": seconds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "naive")
    args = parser.parse_args(argv)
    try:
        import pysbd  # noqa: F401
    except ImportError:
        print("pysbd is not installed: .venv/bin/pip install pysbd", file=sys.stderr)
        return 3
    result = run(args.folder, args.out)
    mb_s = result["bytes"] / 1e6 / result["seconds"]
    print(
        f"{result['files']} files, {result['sentences']} sentences, {result['mentions']} mentions "
        f"in {result['seconds']:.1f} s: {mb_s:.3f} MB/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
