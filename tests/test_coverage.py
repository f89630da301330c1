"""docs/coverage.md and facts/ name the same records.

coverage.md reconciles the source article paragraph by paragraph with the fact base, naming
records as backticked `kind:id` (`event:cfe-suspension`, `org:g8`, `dispute:kuril-islands`,
`treaty:cfe`, `country:united-kingdom`). Every id it names must exist, and every record must be
named, so that the file stays the map of the fact base. The fact files are read with tomllib
directly, so this test does not depend on the loader.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

import pytest

from tests.test_facts import SECTIONS

ROOT = Path(__file__).parents[1]
FACTS = ROOT / "facts"
COVERAGE = ROOT / "docs" / "coverage.md"
SOURCE_HEADINGS = sorted(SECTIONS)  # the article's sections, as the fact tests name them

KINDS = ("event", "org", "dispute", "treaty", "country")
ID_RE = re.compile(rf"`({'|'.join(KINDS)}):([a-z0-9-]+)`")


def slug(name: str) -> str:
    """A country's id: lowercased, accents stripped, other characters turned into '-'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def fact_ids() -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for path in sorted(FACTS.glob("*.toml")):
        with path.open("rb") as f:
            doc = tomllib.load(f)
        for kind in KINDS:
            if kind != "country":  # a country is named by its slug, the others by their id
                ids[kind].update(record["id"] for record in doc.get(kind, []))
        ids["country"].update(slug(record["name"]) for record in doc.get("country", []))
    return ids


def coverage_ids() -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for kind, rid in ID_RE.findall(COVERAGE.read_text(encoding="utf-8")):
        ids[kind].add(rid)
    return ids


def test_slug() -> None:
    assert slug("United Kingdom") == "united-kingdom"
    assert slug("Côte d'Ivoire") == "cote-d-ivoire"
    assert slug("Democratic Republic of the Congo") == "democratic-republic-of-the-congo"


@pytest.mark.parametrize("kind", KINDS)
def test_every_id_named_in_coverage_exists(kind: str) -> None:
    missing = coverage_ids()[kind] - fact_ids()[kind]
    assert not missing, f"coverage.md names {kind} ids that facts/ does not hold: {sorted(missing)}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_record_appears_in_coverage(kind: str) -> None:
    unnamed = fact_ids()[kind] - coverage_ids()[kind]
    assert not unnamed, f"records missing from docs/coverage.md: {sorted(unnamed)}"


def test_coverage_walks_every_section_of_the_article() -> None:
    text = COVERAGE.read_text(encoding="utf-8")
    for heading in SOURCE_HEADINGS:
        assert f"## {heading}\n" in text, heading


def test_coverage_starts_with_how_to_read_it() -> None:
    text = COVERAGE.read_text(encoding="utf-8")
    first = text.split("\n## ", 1)[0]
    assert "how to read" in first.lower()
    assert "`kind:id`" in first


def test_every_id_in_coverage_is_well_formed() -> None:
    """A misspelt reference (`Event:x`, `country:United Kingdom`) would otherwise be skipped."""
    text = COVERAGE.read_text(encoding="utf-8")
    loose = re.findall(rf"`(?i:{'|'.join(KINDS)}):([^`]*)`", text)
    bad = [x for x in loose if not re.fullmatch(r"[a-z0-9-]+|<[a-z]+>", x)]
    assert not bad, bad
    assert len(re.findall(rf"`(?i:{'|'.join(KINDS)}):[^`<]*`", text)) == len(ID_RE.findall(text))
