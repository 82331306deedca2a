"""Command line: ``python -m helpers analyze [PATH ...] --out DIR`` and the evaluations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import DEFAULT_OUT


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
    ev = sub.add_parser("evaluate", help="measure the kit against gold data: actors | sources")
    ev.add_argument("what", choices=["actors", "sources"])
    ev.add_argument("rest", nargs=argparse.REMAINDER)
    es = sub.add_parser("evaluate-sentiment", help="score target sentiment on NewsMTSC-format data")
    es.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "evaluate":
        module = __import__(f"helpers.eval_{args.what}", fromlist=["main"])
        return module.main(args.rest)
    if args.command == "evaluate-sentiment":
        from .eval_sentiment import main as eval_main

        return eval_main(args.rest)
    from .analyze import analyze, write_tables

    tables = analyze(args.paths or None, progress=not args.quiet)
    write_tables(tables, args.out)
    n = len(tables["articles"])
    if n == 0:
        print(
            f"error: no article could be analysed; see {args.out / 'problems.csv'} for what to fix",
            file=sys.stderr,
        )
        return 1
    print(
        f"analysed {n} article(s), {len(tables['problems'])} problem(s); tables in {args.out}/",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
