"""Command line: ``python -m helpers analyze [PATH ...] --out DIR``, ``fetch URL ...`` and the evaluations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .analyze import analyze_to
from .evaluate.actors import main as evaluate_actors
from .evaluate.sentiment import main as evaluate_sentiment
from .evaluate.sentiment import train_main as train_sentiment
from .evaluate.sources import main as evaluate_sources
from .ingest.fetch import TIMEOUT
from .ingest.fetch import main as fetch_main
from .paths import ARTICLES_DIR, DEFAULT_CACHE_DIR, DEFAULT_OUT

#: ``python -m helpers evaluate WHAT``: the gold data each evaluation scores against
EVALUATIONS = {"actors": evaluate_actors, "sources": evaluate_sources}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("analyze", help="analyse article files/folders and write the tables")
    run.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: seeds/ and data/articles/)"
    )
    run.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default: output/)"
    )
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: all cores); the tables do not depend on it",
    )
    run.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local: a process pool on this machine; dask: a Dask cluster (see --scheduler)",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local Dask cluster)",
    )
    run.add_argument(
        "--cache-dir",
        type=Path,
        default=DEFAULT_CACHE_DIR,
        metavar="DIR",
        help="per-article results kept between runs (default: the kit's .cache/ir-kit); "
        "delete it any time",
    )
    run.add_argument(
        "--no-cache", action="store_true", help="analyse every file again; read and write no cache"
    )
    run.add_argument(
        "--sentiment",
        choices=["model", "lexicon"],
        default="model",
        help="model: the learned model (default, see data/sentiment_model/README.md); "
        "lexicon: the word lists and rules alone",
    )
    fe = sub.add_parser("fetch", help="download articles by URL into a folder (one .md each)")
    fe.add_argument("urls", nargs="*", metavar="URL", help="web addresses of articles")
    fe.add_argument(
        "--urls", dest="urls_file", type=Path, metavar="FILE", help="a file of URLs, one a line"
    )
    fe.add_argument(
        "--into",
        type=Path,
        default=ARTICLES_DIR,
        metavar="DIR",
        help="where to save (default: data/articles/)",
    )
    fe.add_argument("--timeout", type=float, default=TIMEOUT, metavar="SECONDS", help="per page")
    ev = sub.add_parser("evaluate", help="measure the kit against gold data: actors | sources")
    ev.add_argument("what", choices=sorted(EVALUATIONS))
    ev.add_argument("rest", nargs=argparse.REMAINDER)
    es = sub.add_parser("evaluate-sentiment", help="score target sentiment on NewsMTSC-format data")
    es.add_argument("rest", nargs=argparse.REMAINDER)
    ts = sub.add_parser("train-sentiment", help="train the sentiment model on NewsMTSC-format data")
    ts.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "evaluate":
        return EVALUATIONS[args.what](args.rest)
    if args.command == "evaluate-sentiment":
        return evaluate_sentiment(args.rest)
    if args.command == "fetch":
        return fetch_main(args.urls, urls_file=args.urls_file, into=args.into, timeout=args.timeout)
    if args.command == "train-sentiment":
        return train_sentiment(args.rest)
    if args.jobs is not None and args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    try:
        done = analyze_to(
            args.paths or None,
            args.out,
            progress=not args.quiet,
            jobs=args.jobs,
            engine=args.engine,
            scheduler=args.scheduler,
            cache_dir=args.cache_dir,
            use_cache=not args.no_cache,
            sentiment=args.sentiment,
        )
    except (RuntimeError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if done.n_articles == 0:
        print(
            f"error: no article could be analysed; see {args.out / 'problems.csv'} for what to fix",
            file=sys.stderr,
        )
        return 1
    print(
        f"analysed {done.n_articles} article(s), {done.n_problems} problem(s); "
        f"tables in {args.out}/",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
