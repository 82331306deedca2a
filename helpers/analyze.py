"""The notebooks' and the command line's entry points: analyse articles, write the tables.

``analyze(paths)`` returns every table of the contract as a DataFrame (for a class's twenty
articles); ``write_tables(tables, out)`` writes them and ``report.html``; ``analyze_to(paths, out)``
is what ``python -m helpers analyze`` runs: the same files, streamed, with memory that stays flat
for ten thousand articles. The work is done by :mod:`helpers.pipeline`; the report by
:mod:`helpers.views.report`.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from . import schema
from .paths import PACKAGE_DIR
from .pipeline.run import analyze
from .pipeline.writer import Written, write_run
from .tables import atomic_path, remember_text, write_csv_atomic

__all__ = ["analyze", "analyze_to", "write_tables"]


def write_tables(tables: dict[str, pd.DataFrame], out: Path | str) -> list[Path]:
    """Validate every table against the contract and write it as UTF-8 CSV (atomically) into
    ``out``, then ``report.html``.

    Example:
        >>> import tempfile
        >>> from helpers.paths import SEEDS_DIR
        >>> out = Path(tempfile.mkdtemp())
        >>> [p.name for p in write_tables(analyze([SEEDS_DIR], progress=False, warn=False), out)][-2:]
        ['problems.csv', 'report.html']
    """
    from .views.report import write_report_from_dir  # matplotlib: only when a report is drawn

    out = Path(out)
    written = []
    for name in schema.TABLE_NAMES:
        frame = schema.validate(name, schema.conform(name, tables[name]))
        written.append(write_csv_atomic(frame, out / f"{name}.csv"))
    written.append(write_report_from_dir(out))
    return written


def analyze_to(
    paths: Sequence[Path | str] | Path | str | None,
    out: Path | str,
    *,
    progress: bool = True,
    warn: bool = True,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    sentiment: str = "model",
) -> Written:
    """Analyse articles and write every table and ``report.html`` into ``out``, streaming.

    The options are those of :func:`helpers.pipeline.run.analyze`; the files are the bytes
    ``write_tables(analyze(paths), out)`` writes. A report drawn before from the same tables by
    the same code is copied from the cache instead of drawn again.

    Example:
        >>> import tempfile
        >>> from helpers.paths import SEEDS_DIR
        >>> done = analyze_to([SEEDS_DIR], tempfile.mkdtemp(), progress=False, warn=False)
        >>> done.n_articles, done.files[-1].name
        (2, 'report.html')
    """
    done = write_run(
        paths,
        out,
        progress=progress,
        warn=warn,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        cache_dir=cache_dir,
        use_cache=use_cache,
        sentiment=sentiment,
    )
    done.files.append(_report(Path(out), done.remember_in))
    return done


def _report(out: Path, remember_in: Path | None) -> Path:
    """Write report.html; the same tables (bytes) and the same kit give the report kept last time.

    The key is the code of every module of the kit (the report draws with several) and the bytes
    of the written tables.
    """
    target = out / "report.html"
    digest = hashlib.sha256()
    for module in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(module.read_bytes())
    for name in schema.TABLE_NAMES:
        with (out / f"{name}.csv").open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    kept = remember_in / f"report-{digest.hexdigest()[:32]}.html" if remember_in else None
    if kept is not None and kept.is_file():
        with atomic_path(target) as tmp:
            shutil.copyfile(kept, tmp)
        return target
    from .views.report import write_report_from_dir  # matplotlib: only when a report is drawn

    write_report_from_dir(out)
    if kept is not None:
        remember_text(kept, target.read_text(encoding="utf-8"))
    return target
