"""search finds what people type: tags, and US and British spellings of a word alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcli.spelling import spelled, variants
from tests.conftest import Main, write_base

WORDS = {
    "spelt.toml": """
        [[event]]
        id = "shield"
        date = "2007"
        title = "Missile defence site in Poland"
        summary = "A programme of the Labour government, centred on the radar centre."
        sources = ["s"]

        [[event]]
        id = "pentagon"
        date = "2008"
        title = "Department of Defense visit"
        summary = "An organization of labor unions canceled its program at the center."
        sources = ["s"]

        [[event]]
        id = "quiet"
        date = "2009"
        title = "A visit"
        tags = ["espionage", "missile defence"]
        sources = ["s"]

        [[event]]
        id = "unrelated"
        date = "2010"
        title = "Talks filed for the record"
        summary = "The tour was fuelled by the promise of a rise."
        sources = ["s"]
        """,
}


@pytest.fixture
def spelt(tmp_path: Path) -> Path:
    return write_base(tmp_path / "spelt", WORDS)


def found(main: Main, facts: Path, *words: str) -> list[str]:
    ran = main("--facts-dir", str(facts), "search", *words, "--json")
    assert (ran.code, ran.stderr) == (0, "")
    return [r["id"] for r in json.loads(ran.stdout)]


@pytest.mark.parametrize(
    ("words", "ids"),
    [
        (["defense"], ["shield", "pentagon", "quiet"]),
        (["defence"], ["shield", "pentagon", "quiet"]),
        (["organisation"], ["pentagon"]),
        (["organisations"], []),  # a word's other spelling, not a longer word
        (["labour", "unions"], ["pentagon"]),
        (["labor"], ["shield", "pentagon"]),
        (["centre"], ["shield", "pentagon"]),
        (["centered"], ["shield"]),
        (["programme"], ["shield", "pentagon"]),
        (["cancelled"], ["pentagon"]),
        (["centr"], ["shield"]),  # a word begun finds what it always found
        (["four"], []),  # not "for"
        (["filled"], []),  # not "filed"
        (["fueled"], ["unrelated"]),
        (["promize"], ["unrelated"]),
    ],
)
def test_us_and_british_spellings_find_each_other(
    main: Main, spelt: Path, words: list[str], ids: list[str]
) -> None:
    assert found(main, spelt, *words) == ids


def test_tags_are_searched(main: Main, spelt: Path) -> None:
    assert found(main, spelt, "espionage") == ["quiet"]
    ran = main("--facts-dir", str(spelt), "events", "espionage", "--fields", "id", "-f", "csv")
    assert (ran.code, ran.stdout) == (0, "id\nquiet\n")


def test_a_tag_that_matched_is_shown_as_the_match(main: Main, spelt: Path) -> None:
    ran = main("--facts-dir", str(spelt), "search", "espionage", env={"COLUMNS": "100"})
    lines = ran.stdout.splitlines()
    assert (ran.code, lines[0], lines[2], lines[4:]) == (
        0, "Fact base — search 'espionage' (1)", "  Kind    Id      Name      Date   Matched",
        ["  event   quiet   A visit   2009   tags: espionage", ""],
    )  # fmt: skip


def test_the_other_spelling_is_shown_as_the_match(main: Main, spelt: Path) -> None:
    ran = main("--facts-dir", str(spelt), "search", "defense", "centre", env={"COLUMNS": "140"})
    rows = ran.stdout.splitlines()[4:6]
    assert [row.split("2007   ")[-1].split("2008   ")[-1] for row in rows] == [
        "summary: A programme of the Labour government, centred on the radar centre.",
        "summary: An organization of labor unions canceled its program at the center.",
    ]  # fmt: skip


def test_the_other_spelling_is_marked_whole() -> None:
    from factcli.tables import _marked

    text = _marked("Labour's centre of defence, centred", ["labor", "center", "defense"])
    spans = [text.plain[s.start : s.end] for s in text.spans]
    assert spans == ["Labour", "centre", "centre", "defence"]  # "centred" begins with "centre"


PAIRS = [
    ("defence", "defense"), ("self-defence", "self-defense"), ("offences", "offenses"),
    ("licence", "license"), ("organisation", "organization"), ("organised", "organized"),
    ("recognise", "recognize"), ("analyse", "analyze"), ("labour", "labor"),
    ("honourable", "honorable"), ("favourite", "favorite"), ("neighbours", "neighbors"),
    ("centre", "center"), ("centres", "centers"), ("centred", "centered"),
    ("theatre", "theater"), ("fibre", "fiber"), ("catalogue", "catalog"),
    ("dialogues", "dialogs"), ("programme", "program"), ("programmes", "programs"),
    ("travelled", "traveled"), ("cancelled", "canceled"), ("labelling", "labeling"),
    ("fuelled", "fueled"), ("dialled", "dialed"),
    ("judgement", "judgment"), ("acknowledgement", "acknowledgment"),
]  # fmt: skip


@pytest.mark.parametrize(("british", "us"), PAIRS)
def test_each_spelling_is_a_variant_of_the_other(british: str, us: str) -> None:
    assert spelled(british) == spelled(us)
    assert variants(british) == (british, us)
    assert variants(us) == (us, british)


@pytest.mark.parametrize(
    "word",
    ["four", "hour", "your", "tour", "for", "rise", "wise", "size", "acre", "ogre", "rogue",
     "called", "filled", "killed", "filed", "yelled", "defensive", "kuril", "ruutel"],
)  # fmt: skip
def test_words_of_one_spelling_stay_alone(word: str) -> None:
    assert variants(word) == (word,)


def test_two_words_never_become_one() -> None:
    words = ["four", "for", "filled", "filed", "prize", "prise", "hour", "hor", "your", "yor"]
    assert len({spelled(w) for w in words}) == len(words)


NAMES = """
    [[event]]
    id = "conflict"
    date = "1994"
    title = "Ceasefire in Nagorno-Karabakh"
    summary = "Talks with the Asia-Pacific group and the NATO-Russia Council, in Côte d'Ivoire."
    sources = ["s"]

    [[event]]
    id = "church"
    date = "2007"
    title = "The Moscow-based church"
    summary = "Russia's delegates signed it."
    sources = ["s"]
    """


@pytest.mark.parametrize(
    ("words", "ids"),
    [
        (["karabakh"], ["conflict"]),  # found nothing: "Nagorno-Karabakh" was one word
        (["pacific"], ["conflict"]),
        (["ivoire"], ["conflict"]),
        (["Côte", "d’Ivoire"], ["conflict"]),  # any apostrophe
        (["NATO–Russia"], ["conflict"]),  # an en dash joins nothing in a query
        (["nato-russia"], ["conflict"]),  # as written
        (["nagorno-karabakh"], ["conflict"]),
        (["based"], []),  # a lower-case part is still part of one word
        (["moscow-based"], ["church"]),
        (["russia’s"], ["church"]),
    ],
)
def test_a_part_of_a_name_starts_a_word(
    main: Main, tmp_path: Path, words: list[str], ids: list[str]
) -> None:
    assert found(main, write_base(tmp_path / "names", {"names.toml": NAMES}), *words) == ids


def test_a_part_of_a_name_is_marked(main: Main, tmp_path: Path) -> None:
    facts = write_base(tmp_path / "names", {"names.toml": NAMES})
    ran = main("--facts-dir", str(facts), "search", "ivoire", "karabakh", env={"COLUMNS": "200"})
    from factcli.tables import _marked

    text = _marked("Côte d'Ivoire in Nagorno-Karabakh", ["ivoire", "karabakh"])
    assert [text.plain[s.start : s.end] for s in text.spans] == ["Ivoire", "Karabakh"]
    assert (ran.code, ran.stdout.splitlines()[4]) == (
        0, "  event   conflict   Ceasefire in Nagorno-Karabakh   1994   summary: Talks with the "
        "Asia-Pacific group and the NATO-Russia Council, in Côte d'Ivoire.",
    )  # fmt: skip
