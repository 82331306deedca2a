"""Build synthetic corpora of distinct articles from the project's corpus, for the benchmarks.

Each synthetic article takes the headline and date line of one real article of
``data/corpus/articles/`` and 5-12 body paragraphs drawn from all of them, in a random order, so
every file has its own text (checked: no two share a normalised-text hash) while reading like the
news the kit is built for. Files go to ``benchmarks/corpora/<name>/`` (git-ignored: never commit
them). Deterministic: the same ``--seed`` gives the same files.

    .venv/bin/python benchmarks/make_corpus.py 1000            # -> benchmarks/corpora/1k/
    .venv/bin/python benchmarks/make_corpus.py 100 --name 1k-plus --seed 7
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "corpus" / "articles"
CORPORA = Path(__file__).resolve().parent / "corpora"
DATE_LINE = re.compile(
    r"^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$"
)  # "Sunday, September 15, 2019"


def read_sources(folder: Path = SOURCE) -> tuple[list[tuple[str, str]], list[str]]:
    """(headline, date line) of every article and the pool of all body paragraphs."""
    heads, paragraphs = [], []
    for path in sorted(folder.glob("*.txt")):
        lines = [
            line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()
        ]
        # Wikinews files: headline, date line, body; White House files: headline, body.
        has_date = len(lines) > 2 and DATE_LINE.match(lines[1]) is not None
        start = 2 if has_date else 1
        heads.append((lines[0], lines[1] if has_date else ""))
        paragraphs += [line for line in lines[start:] if len(line.split()) >= 8]
    return heads, paragraphs


def make_corpus(n: int, out: Path, *, seed: int = 1) -> int:
    """Write ``n`` distinct synthetic articles into ``out`` (replaced); return their total bytes.

    Example:
        >>> import tempfile
        >>> make_corpus(3, Path(tempfile.mkdtemp()) / "c") > 1000
        True
    """
    heads, paragraphs = read_sources()
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    seen: set[str] = set()
    total = 0
    number = 0
    while number < n:
        title, date = rng.choice(heads)
        body = rng.sample(paragraphs, rng.randint(5, 12))
        text = "\n\n".join([title, *([date] if date else []), *body]) + "\n"
        digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        data = text.encode("utf-8")
        (out / f"s{seed:02d}_{number:06d}.txt").write_bytes(data)
        total += len(data)
        number += 1
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument(
        "--name", help="folder name under benchmarks/corpora (default: 1k, 10k, ...)"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    name = args.name or (f"{args.n // 1000}k" if args.n % 1000 == 0 else str(args.n))
    total = make_corpus(args.n, CORPORA / name, seed=args.seed)
    print(f"{args.n} articles, {total / 1e6:.1f} MB in {CORPORA / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
