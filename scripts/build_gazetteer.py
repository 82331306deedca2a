"""Rebuild the country rows of data/actors.csv from pycountry and data/countries_curated.csv.

A one-off maintenance script: the kit never runs it (data/actors.csv is committed). Organisation and
person rows already in data/actors.csv are kept as they are; country rows are regenerated, so edit
countries in data/countries_curated.csv (not in actors.csv) if you plan to rerun this.

Usage:
    python scripts/build_gazetteer.py            # rewrites data/actors.csv
    python scripts/build_gazetteer.py --check    # exits 1 if data/actors.csv is out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from importlib.metadata import version
from pathlib import Path

import pycountry

DATA = Path(__file__).resolve().parent.parent / "data"
COLUMNS = [
    "actor_id",
    "actor_type",
    "name",
    "country",
    "organization",
    "role",
    "from",
    "to",
    "aliases",
    "context_aliases",
    "demonyms",
    "capitals",
    "source",
]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _iso_names(iso3: str) -> list[str]:
    """English names pycountry knows for a code, minus the inverted "Korea, Republic of" forms."""
    entry = pycountry.countries.get(alpha_3=iso3)
    if entry is None:
        return []
    names = [getattr(entry, key, "") for key in ("name", "common_name", "official_name")]
    return [name for name in names if name and "," not in name]


def build_country_rows(curated: Path) -> list[dict[str, str]]:
    """Return one actors.csv row per curated country, names merged with pycountry's.

    Example:
        >>> rows = build_country_rows(DATA / "countries_curated.csv")
        >>> next(r for r in rows if r["actor_id"] == "KOR")["aliases"].split("|")[:2]
        ['Republic of Korea', 'ROK']
    """
    source = f"pycountry {version('pycountry')} (ISO 3166-1 names) + data/countries_curated.csv"
    with curated.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    # A pycountry name that the curated file gives to another country ("Congo") is left out.
    claimed = {
        form: rec["iso3"] for rec in records for form in [rec["name"], *_split(rec["aliases"])]
    }
    rows = []
    for rec in records:
        name = rec["name"].strip()
        aliases: list[str] = []
        for alias in _split(rec["aliases"]) + _iso_names(rec["iso3"]):
            if (
                alias != name
                and alias not in aliases
                and claimed.get(alias, rec["iso3"]) == rec["iso3"]
            ):
                aliases.append(alias)
        rows.append(
            {
                "actor_id": rec["iso3"],
                "actor_type": "country",
                "name": name,
                "country": rec["iso3"],
                "organization": "",
                "role": rec["status"],
                "from": "",
                "to": "",
                "aliases": "|".join(aliases),
                "context_aliases": rec["context_aliases"],
                "demonyms": rec["demonyms"],
                "capitals": rec["capitals"],
                "source": source,
            }
        )
    return sorted(rows, key=lambda row: row["actor_id"])


def render(actors: Path, curated: Path) -> str:
    """Return the new text of actors.csv: country rows first, then the kept non-country rows."""
    with actors.open(encoding="utf-8", newline="") as fh:
        kept = [row for row in csv.DictReader(fh) if row["actor_type"] != "country"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(build_country_rows(curated))
    writer.writerows({col: row.get(col, "") or "" for col in COLUMNS} for row in kept)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether a rebuild is due")
    args = parser.parse_args(argv)
    actors, curated = DATA / "actors.csv", DATA / "countries_curated.csv"
    text = render(actors, curated)
    if args.check:
        current = actors.read_text(encoding="utf-8")
        print("up to date" if current == text else f"{actors} is out of date; rerun this script")
        return 0 if current == text else 1
    actors.write_text(text, encoding="utf-8")
    print(f"wrote {actors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
