"""Rebuild a GUM news document (CoNLL-U) as plain article text, the way data/corpus/articles was made.

The title (``# meta::title``) goes on the first line, then a blank line, then one paragraph per
``# newpar`` block from the ``# text`` lines; heading, figure and caption blocks are dropped.

    python scripts/gum_to_text.py data/corpus/gum/GUM_news_taxes.conllu OUT_DIR
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DROP = {"head", "figure", "caption"}


def slug(title: str, width: int = 44) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:width].rstrip("-")


def rebuild(path: Path) -> tuple[str, str, str]:
    """Return (title, date created, text) of one GUM document."""
    meta: dict[str, str] = {}
    paragraphs: list[list[str]] = []
    kind, left = "p", -1  # sentences left in the current block (-1: open-ended)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::"):
            key, _, value = line[len("# meta::") :].partition(" = ")
            meta[key] = value
        elif line.startswith("# newpar_block = "):
            last = line[len("# newpar_block = ") :].split("|")[-1].strip()
            kind = last.split()[0]
            count = re.search(r"\((\d+) s\)", last)
            left = int(count.group(1)) if count else -1
            paragraphs.append([])
        elif line.startswith("# text = "):
            if left == 0 or not paragraphs:
                # Sentences after a block's counted ones form a paragraph of their own.
                kind, left = "p", -1
                paragraphs.append([])
            left -= 1 if left > 0 else 0
            if kind not in DROP:
                paragraphs[-1].append(line[len("# text = ") :])
    body = "\n\n".join(" ".join(p) for p in paragraphs if p)
    return meta["title"], meta["dateCreated"], f"{meta['title']}\n\n{body}\n"


def main(argv: list[str]) -> int:
    *sources, out = argv
    for src in map(Path, sources):
        title, date, text = rebuild(src)
        name = src.stem.removeprefix("GUM_news_")
        target = Path(out) / f"wikinews_{date}_gum-{name}_{slug(title)}.txt"
        target.write_text(text, encoding="utf-8")
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
