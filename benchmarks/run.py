"""Benchmark ``python -m helpers analyze``: cold, warm, +1 % new files, --jobs, Dask, naive baseline.

Run on demand (never in the tests)::

    .venv/bin/python benchmarks/run.py                 # 1k: everything; 10k: cold, warm, +1 %
    .venv/bin/python benchmarks/run.py --sizes 1000    # a quicker look
    .venv/bin/python benchmarks/run.py --profile       # also cProfile 200 articles
    .venv/bin/python benchmarks/run.py --sizes 10000 --one-core-at-scale   # + 10k cold on one core
    .venv/bin/python benchmarks/scaling.py             # fixed cost per article vs cost per kB

What it does:

1. Copies ``helpers/`` and the ``data/`` lists into ``benchmarks/out/snapshot/`` and runs that
   copy, so colleagues editing the code during a long run cannot change what is measured (and
   the pipeline version, hence the cache, stays put). The modules in the snapshot are listed.
2. Builds the synthetic corpora (``make_corpus.py``) under ``benchmarks/corpora/`` if missing.
3. Runs each scenario as a fresh process, timing the wall clock (start-up and imports included,
   as a user sees it) and sampling the summed RSS of the process and all its children (pool
   workers, Dask nannies) every 50 ms; the main process also reports its own peak RSS.
4. Writes ``benchmarks/out/results.json`` and prints a Markdown table for ``RESULTS.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SNAPSHOT = OUT / "snapshot"
sys.path.insert(0, str(HERE))

from make_corpus import CORPORA, make_corpus  # noqa: E402


def snapshot() -> dict[str, str]:
    """Copy the code and the data lists; return {module: sha256[:12]} of what will be measured."""
    if SNAPSHOT.exists():
        shutil.rmtree(SNAPSHOT)
    shutil.copytree(
        ROOT / "helpers", SNAPSHOT / "helpers", ignore=shutil.ignore_patterns("__pycache__")
    )
    (SNAPSHOT / "data").mkdir(parents=True)
    for path in (ROOT / "data").iterdir():
        if path.is_file():
            shutil.copy(path, SNAPSHOT / "data" / path.name)
    shutil.copytree(ROOT / "data" / "sentiment_model", SNAPSHOT / "data" / "sentiment_model")
    shutil.copytree(ROOT / "seeds", SNAPSHOT / "seeds")
    return {
        p.relative_to(SNAPSHOT).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:12]
        for p in sorted((SNAPSHOT / "helpers").rglob("*.py"))
    }


def corpus(n: int, name: str, seed: int) -> Path:
    folder = CORPORA / name
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != n:
        make_corpus(n, folder, seed=seed)
    return folder


def folder_bytes(folders: list[Path]) -> int:
    return sum(p.stat().st_size for f in folders for p in f.glob("*.txt"))


def measure(argv: list[str], *, label: str) -> dict:
    """Run one child process; return wall seconds, peak summed RSS and the child's own report."""
    import psutil

    report = OUT / f"report-{label}.json"
    report.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(SNAPSHOT), "PYTHONHASHSEED": "0"}
    start = time.perf_counter()
    log = OUT / f"stderr-{label.replace(' ', '_')}.txt"
    with log.open("w") as err:  # a file, not a pipe: thousands of warnings must not block the child
        child = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", str(report), *argv],
            cwd=OUT, env=env, stdout=subprocess.DEVNULL, stderr=err,
        )  # fmt: skip
        proc, peak = psutil.Process(child.pid), 0
        while child.poll() is None:
            try:
                rss = sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.05)
    seconds = time.perf_counter() - start
    if child.returncode not in (0, 1) or not report.exists():
        raise RuntimeError(f"{label} failed ({child.returncode}):\n{log.read_text()[-3000:]}")
    result = json.loads(report.read_text()) if report.exists() else {}
    return {"label": label, "seconds": seconds, "peak_rss_tree_mb": peak / 2**20, **result}


def child(report: Path, argv: list[str]) -> int:
    """Inside the measured process: the CLI's own main(), with the engine's counts recorded."""
    import importlib

    import helpers

    # importlib, not "from helpers import analyze": that name is also the package's analyze().
    writer = importlib.import_module("helpers.pipeline.writer")
    facade = importlib.import_module("helpers.analyze")
    # (helpers.views.report is not imported here: the CLI imports it, and matplotlib, only to draw)

    if Path(helpers.__file__).resolve().parent != (SNAPSHOT / "helpers").resolve():
        raise SystemExit(f"not measuring the snapshot: {helpers.__file__}")
    stats: dict = {}

    def timed(module, name: str, key: str) -> None:
        """Wrap module.name to add its run time to stats[key] (the CLI itself is unchanged)."""
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            result = original(*args, **kwargs)
            stats[key] = stats.get(key, 0.0) + time.perf_counter() - start
            if hasattr(result, "stats"):
                stats.update(result.stats)
            return result

        setattr(module, name, wrapper)

    # The CLI streams (helpers.pipeline.writer): engine = hashing, cache, analysis; build = the outlet and
    # all-articles sentiment rows; write = the CSV files from cached fragments, and report.html.
    timed(writer, "run_articles", "engine_s")  # the name the writer calls
    timed(writer, "_summary_rows", "build_s")
    timed(writer, "_write_stream", "write_s")
    timed(writer, "_write_blocks", "write_s")
    timed(facade, "_report", "write_s")
    if argv and argv[0] == "naive":
        import naive_baseline

        result = naive_baseline.run(Path(argv[1]), Path(argv[2]))
        stats.update(files=result["files"], analysed=result["files"], cached=0)
        code = 0
    else:
        from helpers.__main__ import main

        code = main(argv)
    stats["peak_rss_main_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report.write_text(json.dumps(stats))
    return code


def profile(folder: Path, n: int = 200) -> str:
    """cProfile one process analysing ``n`` articles (no cache, one job); the top functions."""
    sample = OUT / "profile-sample"
    if sample.exists():
        shutil.rmtree(sample)
    sample.mkdir(parents=True)
    for path in sorted(folder.glob("*.txt"))[:n]:
        shutil.copy(path, sample / path.name)
    code = (
        "import cProfile, pstats, io\n"
        "from helpers.analyze import analyze\n"
        f"analyze(['{SNAPSHOT / 'seeds'}'], use_cache=False, jobs=1, progress=False, warn=False)\n"
        f"cProfile.run(\"analyze(['{sample}'], use_cache=False, jobs=1, progress=False, warn=False)\", 'p.prof')\n"
        "s = io.StringIO(); st = pstats.Stats('p.prof', stream=s)\n"
        "st.sort_stats('cumulative').print_stats(40); st.sort_stats('tottime').print_stats(25)\n"
        "print(s.getvalue())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SNAPSHOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=OUT, env=env,
                          capture_output=True, text=True, check=True)  # fmt: skip
    (OUT / "profile.txt").write_text(done.stdout)
    return done.stdout


def machine() -> dict[str, str]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    import psutil

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram_gb": f"{psutil.virtual_memory().total / 2**30:.1f}",
        "os": platform.platform(),
        "python": platform.python_version(),
        "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def row(r: dict, mb: float) -> str:
    mbs = mb / r["seconds"]
    per_core = mbs / r.get("jobs", 1)
    parts = "/".join(f"{r.get(k, 0):.0f}" for k in ("engine_s", "build_s", "write_s"))
    return (
        f"| {r['label']} | {r.get('files', '')} | {r.get('analysed', '')} | {r['seconds']:.1f} | "
        f"{parts} | {mbs:.3f} | {per_core:.3f} | {r.get('files', 0) / r['seconds']:.1f} | "
        f"{r.get('peak_rss_main_mb', 0):.0f} | {r['peak_rss_tree_mb']:.0f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="'all cores' runs")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--one-core-at-scale",
        action="store_true",
        help="also a cold --jobs 1 run above 1k (per-core speed with start-up and report amortised)",
    )
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    info = {"machine": machine(), "modules": snapshot(), "runs": []}
    print(json.dumps(info["machine"]), flush=True)
    all_cores = str(args.jobs)
    for size in args.sizes:
        name = f"{size // 1000}k" if size % 1000 == 0 else str(size)
        base = corpus(size, name, seed=1)
        extra = corpus(max(1, size // 100), f"{name}-plus", seed=2)
        mb = folder_bytes([base]) / 1e6
        cache = OUT / f"cache-{name}"
        plan = []
        if size <= 1000:
            plan += [("cold", "1"), ("warm", "1"), ("plus1", "1")]
        elif args.one_core_at_scale:
            plan += [("cold", "1")]
        plan += [("cold", all_cores), ("warm", all_cores), ("plus1", all_cores)]
        if size <= 1000:
            plan += [("dask", all_cores), ("naive", "1")]
        for kind, jobs in plan:
            label = f"{name} {kind} --jobs {jobs}" if kind != "naive" else f"{name} naive baseline"
            tables = OUT / f"tables-{name}-{kind}-{jobs}"
            common = [
                "--out",
                str(tables),
                "--quiet",
                "--jobs",
                jobs,
                "--cache-dir",
                str(cache / jobs),
            ]
            if kind == "cold":
                shutil.rmtree(cache / jobs, ignore_errors=True)
                argv_ = ["analyze", str(base), *common]
            elif kind == "warm":
                argv_ = ["analyze", str(base), *common]
            elif kind == "plus1":
                argv_ = ["analyze", str(base), str(extra), *common]
            elif kind == "dask":
                argv_ = ["analyze", str(base), *common, "--engine", "dask", "--no-cache"]
            else:
                try:
                    import pysbd  # noqa: F401
                except ImportError:
                    print("skipping the naive baseline: pip install pysbd", flush=True)
                    continue
                argv_ = ["naive", str(base), str(OUT / "naive")]
            result = measure(argv_, label=label)
            result.update(size=size, kind=kind, jobs=int(jobs),
                          mb=mb if kind != "plus1" else folder_bytes([base, extra]) / 1e6)  # fmt: skip
            info["runs"].append(result)
            print(json.dumps(result), flush=True)
            (OUT / "results.json").write_text(json.dumps(info, indent=1))
    info["machine"]["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    if info["runs"]:
        (OUT / "results.json").write_text(json.dumps(info, indent=1))
    print(
        "| run | files | analysed | wall s | engine/build/write s | MB/s | MB/s/core | articles/s "
        "| peak RSS main MB | peak RSS all MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in info["runs"]:
        print(row(r, r["mb"]))
    if args.profile:
        print(profile(corpus(1000, "1k", seed=1)))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:  # the measured process (its own CLI arguments follow)
        raise SystemExit(child(Path(sys.argv[2]), sys.argv[3:]))
    raise SystemExit(main())
