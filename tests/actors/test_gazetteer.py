"""The actor gazetteer: coverage, office holders by date, and clear errors for malformed rows."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import shutil

import pytest

from helpers.actors.gazetteer import GazetteerError, build_gazetteer, load_gazetteer
from helpers.actors.mentions import find_mentions
from helpers.ingest.segment import split_sentences
from helpers.paths import DATA_DIR, ROOT

UN_MEMBERS = 193


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_every_un_member_observer_and_region_is_a_country(gaz):
    countries = [a for a in gaz.actors.values() if a.actor_type == "country"]
    assert (
        len(countries) == UN_MEMBERS + 6
    )  # + Palestine, Holy See, Taiwan, Hong Kong, Macau, Kosovo
    for code in ("PSE", "VAT", "TWN", "HKG", "MAC", "XKX", "SSD", "CHN", "FRA", "USA"):
        assert gaz.actors[code].actor_type == "country"


@pytest.mark.parametrize(
    ("form", "actor_id"),
    [
        ("U.S.", "USA"), ("US", "USA"), ("America", "USA"), ("United States of America", "USA"),
        ("UK", "GBR"), ("Britain", "GBR"), ("South Korea", "KOR"), ("ROK", "KOR"),
        ("North Korea", "PRK"), ("DPRK", "PRK"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
        ("Russian Federation", "RUS"), ("Ivory Coast", "CIV"), ("Burma", "MMR"),
        ("NATO", "NATO"), ("North Atlantic Treaty Organization", "NATO"), ("EU", "EU"),
        ("United Nations", "UN"), ("UN Security Council", "UNSC"), ("ASEAN", "ASEAN"),
        ("G7", "G7"), ("G20", "G20"), ("AUKUS", "AUKUS"), ("Quad", "QUAD"), ("WHO", "WHO"),
        ("IAEA", "IAEA"), ("OSCE", "OSCE"), ("African Union", "AU"), ("Arab League", "ARAB_LEAGUE"),
        ("SCO", "SCO"), ("BRICS", "BRICS"),
        # the regional and international bodies issue 18 asked for (names and abbreviations)
        ("AU", "AU"), ("ECOWAS", "ECOWAS"), ("Economic Community of West African States", "ECOWAS"),
        ("SADC", "SADC"), ("East African Community", "EAC"), ("IGAD", "IGAD"),
        ("Organization of American States", "OAS"), ("OAS", "OAS"), ("Mercosur", "MERCOSUR"),
        ("CELAC", "CELAC"), ("CARICOM", "CARICOM"), ("Caribbean Community", "CARICOM"),
        ("Organisation of Islamic Cooperation", "OIC"), ("CSTO", "CSTO"), ("UNGA", "UN"),
        ("UNRWA", "UNRWA"), ("World Food Programme", "WFP"), ("UNDP", "UNDP"), ("FAO", "FAO"),
        ("International Organization for Migration", "IOM"), ("ILO", "ILO"), ("OPCW", "OPCW"),
        ("Pacific Islands Forum", "PIF"), ("Eurasian Economic Union", "EAEU"),
        ("International Criminal Court", "ICC"), ("Interpol", "INTERPOL"),
    ],
)  # fmt: skip
def test_names_and_aliases(gaz, form, actor_id):
    from helpers.actors.gazetteer import fold

    targets = {t for e in gaz.entries[fold(form)] if e.form == form for t in e.targets}
    assert actor_id in targets


@pytest.mark.parametrize(
    ("body_id", "role", "day", "holder"),
    [
        ("FRA", "head_of_state", "2023-07-11", "Emmanuel Macron"),  # seed 001
        ("USA", "head_of_state", "2021-01-27", "Joe Biden"),  # White House readouts
        ("USA", "head_of_state", "2019-10-08", "Donald Trump"),  # Wikinews, Syria withdrawal
        ("USA", "head_of_state", "2025-06-01", "Donald Trump"),  # second term
        ("USA", "foreign_minister", "2023-06-19", "Antony Blinken"),  # seed 000
        ("GBR", "head_of_government", "2019-10-10", "Boris Johnson"),
        ("GBR", "head_of_government", "2023-02-23", "Rishi Sunak"),
        ("JPN", "head_of_government", "2021-01-27", "Yoshihide Suga"),
        ("JPN", "head_of_government", "2023-07-11", "Fumio Kishida"),
        ("CHN", "head_of_government", "2023-06-20", "Li Qiang"),
        ("CHN", "head_of_government", "2020-02-10", "Li Keqiang"),
        ("CHN", "head_of_state", "2021-02-10", "Xi Jinping"),
        ("DEU", "head_of_government", "2023-06-22", "Olaf Scholz"),
        ("DEU", "head_of_government", "2020-09-05", "Angela Merkel"),
        ("RUS", "head_of_state", "2022-02-12", "Vladimir Putin"),
        ("TUR", "head_of_state", "2019-03-31", "Recep Tayyip Erdoğan"),
        ("IRN", "head_of_government", "2019-09-23", "Hassan Rouhani"),
        ("SYR", "head_of_state", "2019-10-15", "Bashar al-Assad"),
        ("HKG", "head_of_government", "2019-09-06", "Carrie Lam"),
        ("NATO", "secretary_general", "2021-01-26", "Jens Stoltenberg"),
        ("NATO", "secretary_general", "2025-01-01", "Mark Rutte"),
        ("PRK", "leader", "2018-05-01", "Kim Jong Un"),
        # heads of international bodies, linked to their body by the organization column
        ("ECOWAS", "president_of_the_commission", "2023-08-10", "Omar Alieu Touray"),
        ("IMF", "managing_director", "2022-04-01", "Kristalina Georgieva"),
        ("WTO", "director_general", "2022-06-17", "Ngozi Okonjo-Iweala"),
        ("WB", "president", "2021-06-01", "David Malpass"),
        ("WB", "president", "2024-01-01", "Ajay Banga"),
        ("ICC", "prosecutor", "2023-03-17", "Karim Khan"),
        ("INTERPOL", "secretary_general", "2020-01-01", "Jürgen Stock"),
        ("INTERPOL", "secretary_general", "2025-01-01", "Valdecy Urquiza"),
        ("ARAB_LEAGUE", "secretary_general", "2023-05-19", "Ahmed Aboul Gheit"),
    ],
)
def test_office_holder_at_date(gaz, body_id, role, day, holder):
    assert gaz.holder(body_id, (role,), dt.date.fromisoformat(day)) == holder


@pytest.mark.parametrize(
    "name",
    ["Donald Trump", "Recep Tayyip Erdoğan", "Joe Biden", "Vladimir Putin", "Yoshihide Suga",
     "Boris Johnson", "Hassan Rouhani", "Bashar al-Assad", "Carrie Lam", "Emmanuel Macron",
     "Jens Stoltenberg", "Xi Jinping", "Mao Ning", "Antony Blinken", "Fumio Kishida", "Li Qiang",
     "Olaf Scholz", "Angela Merkel", "Volodymyr Zelensky", "Ali Khamenei", "Kyriakos Mitsotakis"],
)  # fmt: skip
def test_people_of_the_seeds_and_corpus_are_listed(gaz, name):
    assert gaz.actors[name].actor_type == "person"
    assert all(t.start for t in gaz.actors[name].terms)


def _copy_data(tmp_path):
    for name in ("actors.csv", "person_titles.csv", "actor_rules.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path / "actors.csv"


def _append(path, row: str) -> int:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(row + "\n")
    return sum(1 for _ in path.open(encoding="utf-8"))


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("Jane Doe,person,Jane Doe,FRA,,spokesperson,2023-13-01,,,,,,", "not YYYY-MM-DD"),
        ("Jane Doe,politician,Jane Doe,FRA,,,,,,,,,", "actor_type"),
        ("Jane Doe,person,Jane Doe,XYZ,,,,,,,,,", "refers to 'XYZ'"),
        ("Jane Doe,person,Jane Doe,FRA,,,2024-01-01,2023-01-01,,,,,", "before 'from'"),
        ("Jane Doe,person,Jane Doe,FRA,,,,", "fields, expected 13"),
        ("FRA,country,France again,FRA,,member,,,,,,,", "already used"),
        ("XYZ,country,Gaul,,,member,,,France,,,,", "also given to"),
    ],
)
def test_a_malformed_row_names_file_and_line(tmp_path, row, words):
    path = _copy_data(tmp_path)
    line = _append(path, row)
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(path)
    assert f"{path.resolve()}:{line}:" in str(err.value) or f"{path}:{line}:" in str(err.value)
    assert words in str(err.value)


def test_a_bad_rule_kind_names_the_rules_file(tmp_path):
    path = _copy_data(tmp_path)
    line = _append(tmp_path / "actor_rules.csv", "stat_noun,regime,,")
    with pytest.raises(GazetteerError, match=rf"actor_rules.csv:{line}: kind 'stat_noun'"):
        load_gazetteer(path)


def test_a_teacher_adds_a_person_and_reruns(tmp_path):
    """Seed 001's expert is unknown; one added row makes him a known Russian person."""
    text = (
        "The fact that the French president's position has not changed in recent months indicates "
        "that relations with China are much more important to Paris than those of Tokyo, believes "
        "Russian expert Pavel Timofeev, head of department at the Institute of World Economy and "
        "International Relations of the Russian Academy of Sciences."
    )
    sentences = split_sentences(text)
    before = find_mentions(text, sentences).frame()
    assert before.set_index("actor_id").loc["Pavel Timofeev", "rule"] == "unknown_person"
    path = _copy_data(tmp_path)
    first = load_gazetteer(path)
    assert load_gazetteer(path) is first  # cached while the files are unchanged
    _append(path, "Pavel Timofeev,person,Pavel Timofeev,RUS,,analyst,2020-01-01,,Timofeev,,,,test")
    after = find_mentions(text, sentences, gazetteer=load_gazetteer(path)).frame()
    row = after.set_index("actor_id").loc["Pavel Timofeev"]
    assert (row["rule"], row["country"]) == ("name", "RUS")


def test_the_builder_reproduces_the_committed_country_rows():
    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts" / "build_gazetteer.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    text = build.render(DATA_DIR / "actors.csv", DATA_DIR / "countries_curated.csv")

    def rows(source: str) -> list[list[str]]:  # the pycountry version in `source` may differ
        return [r[:-1] for r in csv.reader(io.StringIO(source))]

    assert rows(text) == rows((DATA_DIR / "actors.csv").read_text(encoding="utf-8"))


def test_the_automaton_is_built_on_first_use_and_finds_every_form(gaz):
    fresh = build_gazetteer(
        DATA_DIR / "actors.csv", DATA_DIR / "person_titles.csv", DATA_DIR / "actor_rules.csv"
    )
    assert "automaton" not in vars(fresh)  # not built until asked for
    assert fresh.automaton is fresh.automaton
    assert sorted(fresh.automaton.keys()) == sorted(gaz.entries)
    text = "talks in paris and brussels"
    assert {key for _, key in fresh.automaton.iter(text)} >= {"paris", "brussels"}


def test_every_un_member_has_a_head_of_state_or_government_in_office(gaz):
    """ "The Uzbek President", "Ghana's president": every member state's head of state or of
    government is a person row, so a title with a country resolves on a recent date."""
    with (DATA_DIR / "actors.csv").open(encoding="utf-8", newline="") as fh:
        members = [
            r["actor_id"]
            for r in csv.DictReader(fh)
            if r["actor_type"] == "country" and r["role"] == "member"
        ]
    assert len(members) == UN_MEMBERS
    day = dt.date(2025, 9, 1)
    missing = [
        c
        for c in members
        if not any(gaz.holder(c, (role,), day) for role in ("head_of_state", "head_of_government"))
    ]
    assert missing == []
