"""Where the tests' real text lives: the seeds and the licensed corpus copied into the project."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "data" / "corpus"
SEED_000 = SEEDS / "000_cf5bdca3ca1cd9b9.txt"
SEED_001 = SEEDS / "001_b9b24f8ad2796175.txt"
GOLD = ROOT / "tests" / "data"


def paragraphs_of(path: Path, *markers: str) -> list[str]:
    """The paragraphs (lines) of an article file that hold any of the markers, in the file's
    order: real text, not retyped into a test."""
    text = path.read_text(encoding="utf-8")
    return [p for p in text.split("\n") if p.strip() and any(m in p for m in markers)]
