"""Time executing every notebook (and its worked solution) headless, as the tests do.

Run on demand: ``.venv/bin/python benchmarks/notebooks_time.py [--jobs N] [--no-solutions]``.
Each notebook runs in a fresh kernel inside a temporary copy of the project (``IRKIT_ROOT`` points
the kit at it, so nothing in the checkout changes). Printed per notebook: wall time, and the time
spent in code cells (the kernel's start-up excluded); then the totals, serial and with ``--jobs``.

Example:
    $ .venv/bin/python benchmarks/notebooks_time.py --jobs 2
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "notebook_labels"


def copy_project(dest: Path) -> Path:
    """Copy notebooks, data and seeds into ``dest`` (with the prepared labels for notebook 07)."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "output")
    for name in ("notebooks", "data", "seeds"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    if LABELS.is_dir():
        shutil.copytree(LABELS, dest / "output" / "labels")
    return dest


def _cell_seconds(notebook: nbformat.NotebookNode) -> float:
    """Sum of the code cells' execution times, from the timestamps nbclient records."""
    total = 0.0
    for cell in notebook.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if start and end:
            total += (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    return total


async def run_notebook(path: Path, root: Path, gate: asyncio.Semaphore) -> tuple[str, float, float]:
    """Execute one notebook; return (name, wall seconds, seconds inside code cells)."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=300,
        record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    env = {**os.environ, "IRKIT_ROOT": str(root)}
    async with gate:
        start = time.perf_counter()
        await client.async_execute(env=env)
        wall = time.perf_counter() - start
    return path.relative_to(root / "notebooks").as_posix(), wall, _cell_seconds(notebook)


async def run_all(paths: list[Path], root: Path, jobs: int) -> list[tuple[str, float, float]]:
    gate = asyncio.Semaphore(jobs)
    return list(await asyncio.gather(*(run_notebook(p, root, gate) for p in paths)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="kernels at once")
    parser.add_argument("--no-solutions", action="store_true", help="time the notebooks only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="irkit-nb-") as tmp:
        root = copy_project(Path(tmp))
        notebooks = sorted((root / "notebooks").glob("[0-9][0-9]-*.ipynb"))
        if not args.no_solutions:
            notebooks += sorted((root / "notebooks" / "solutions").glob("[0-9][0-9]-*.ipynb"))
        start = time.perf_counter()
        serial = asyncio.run(run_all(notebooks, root, 1))
        serial_wall = time.perf_counter() - start
        start = time.perf_counter()
        parallel = asyncio.run(run_all(notebooks, root, args.jobs))
        parallel_wall = time.perf_counter() - start
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"{'notebook':<45} {'wall s':>7} {'cells s':>8} {'wall s, ' + str(args.jobs) + ' at once':>16}"
    )
    for (name, wall, cells), (_, wall_parallel, _) in zip(serial, parallel, strict=True):
        print(f"{name:<45} {wall:>7.1f} {cells:>8.1f} {wall_parallel:>16.1f}")
    print(
        f"{'total (one kernel at a time)':<45} {serial_wall:>7.1f} {sum(c for *_, c in serial):>8.1f}"
    )
    print(f"{f'total ({args.jobs} kernels at once)':<45} {parallel_wall:>7.1f}")


if __name__ == "__main__":
    main()
