"""Write a synthetic fact base of N events, the same every time: python generate.py N DIR.

The base has the shape of the shipped one (countries.toml with [meta], orgs.toml,
disputes.toml, events.toml) and about 400 bytes of TOML per event, so 10,000 events
make about 4 MB and 100,000 about 40 MB. Events mix every date precision the format
allows (years, months, days and TOML local dates), about one in thirty falls in 2007,
and they refer to countries by name, alias or ISO code, and to orgs and tags.

With --summary-bytes N the base holds one event instead, whose summary is N bytes of
words: a table with one long cell.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

SEED = 2007

# name, iso2, iso3, aliases
COUNTRIES = [
    ("Japan", "JP", "JPN", ["Nippon"]),
    ("United States", "US", "USA", ["America", "United States of America"]),
    ("United Kingdom", "GB", "GBR", ["UK", "Britain", "Great Britain"]),
    ("China", "CN", "CHN", ["People's Republic of China", "PRC"]),
    ("Germany", "DE", "DEU", []),
    ("France", "FR", "FRA", []),
    ("India", "IN", "IND", []),
    ("Georgia", "GE", "GEO", []),
    ("Ukraine", "UA", "UKR", []),
    ("Estonia", "EE", "EST", []),
    ("Latvia", "LV", "LVA", []),
    ("Norway", "NO", "NOR", []),
    ("Kazakhstan", "KZ", "KAZ", []),
    ("Belarus", "BY", "BLR", []),
    ("Turkey", "TR", "TUR", ["Türkiye"]),
    ("Iran", "IR", "IRN", []),
    ("North Korea", "KP", "PRK", ["DPRK"]),
    ("South Korea", "KR", "KOR", ["Republic of Korea"]),
    ("Brazil", "BR", "BRA", []),
    ("Côte d'Ivoire", "CI", "CIV", ["Ivory Coast"]),
]

# id, name, abbr, role, category, since, until
ORGS = [
    ("un", "United Nations", "UN", "member", "global", "1945", None),
    ("sco", "Shanghai Cooperation Organisation", "SCO", "member", "regional", "2001", None),
    ("brics", "BRICS", None, "member", "economic", "2009", None),
    ("csto", "Collective Security Treaty Organization", "CSTO", "member", "military", "1992", None),
    (
        "osce",
        "Organization for Security and Co-operation in Europe",
        "OSCE",
        "member",
        "political",
        "1973",
        None,
    ),
    ("coe", "Council of Europe", None, "former", "political", "1996-02-28", "2022-03-16"),
    ("g8", "Group of Eight", "G8", "former", "economic", "1997", "2014"),
    (
        "asean",
        "Association of Southeast Asian Nations",
        "ASEAN",
        "partner",
        "regional",
        "1996",
        None,
    ),
    ("oic", "Organisation of Islamic Cooperation", "OIC", "observer", "religious", "2005", None),
    ("nato", "North Atlantic Treaty Organization", "NATO", "partner", "military", "1994", None),
]

TAGS = [
    "treaty",
    "summit",
    "sanctions",
    "energy",
    "border",
    "espionage",
    "trade",
    "speech",
    "arms control",
    "visit",
    "diplomacy",
    "military",
]
VERBS = ["signs", "suspends", "hosts", "discusses", "condemns", "renews", "opens", "reviews"]
TOPICS = [
    "a gas agreement",
    "the border treaty",
    "an arms control protocol",
    "a trade deal",
    "visa rules",
    "a joint exercise",
    "fishing rights",
    "a pipeline route",
]
WORDS = [
    "talks",
    "ministers",
    "delegation",
    "agreement",
    "pipeline",
    "border",
    "treaty",
    "summit",
    "visit",
    "sanctions",
    "cooperation",
    "security",
    "energy",
    "trade",
    "islands",
    "navy",
    "embassy",
    "statement",
    "protocol",
]
SOURCES = [
    "Vladimir Putin's policies",
    "Current issues",
    "International membership",
    "Territorial disputes",
]


def s(text: str) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)


def strings(values: list[str]) -> str:
    return "[" + ", ".join(s(v) for v in values) + "]"


def countries_toml() -> str:
    out = ['[meta]\nsubject = "Russia"\ntitle = "Synthetic benchmark fact base"\nas_of = "2014"\n']
    for name, iso2, iso3, aliases in COUNTRIES:
        out.append(f"[[country]]\nname = {s(name)}\niso2 = {s(iso2)}\niso3 = {s(iso3)}\n")
        if aliases:
            out.append(f"aliases = {strings(aliases)}\n")
        out.append(f"relation = {s('Relations with ' + name + ' are generated.')}\n")
        out.append(f"sources = {strings(SOURCES[1:2])}\n\n")
    return "\n".join(out)


def orgs_toml() -> str:
    out = []
    for org_id, name, abbr, role, category, since, until in ORGS:
        out.append(f"[[org]]\nid = {s(org_id)}\nname = {s(name)}\n")
        if abbr:
            out.append(f"abbr = {s(abbr)}\n")
        out.append(f"role = {s(role)}\ncategory = {s(category)}\nsince = {s(since)}\n")
        if until:
            out.append(f"until = {s(until)}\n")
        out.append(f"sources = {strings(SOURCES[2:3])}\n\n")
    return "".join(out)


def disputes_toml() -> str:
    parties = [["Japan"], ["EE"], ["latvia"], ["China", "Japan"], ["UA"], ["Georgia"]]
    statuses = [
        "unresolved",
        "resolved",
        "resolved",
        "partially resolved",
        "unresolved",
        "unresolved",
    ]
    out = []
    for i, (countries, status) in enumerate(zip(parties, statuses, strict=True)):
        out.append(
            f'[[dispute]]\nid = "dispute-{i + 1}"\nname = "Dispute {i + 1}"\n'
            f'countries = {strings(countries)}\nterritories = ["Island {i + 1}", "Strait"]\n'
            f'status = {s(status)}\nsince = "{1945 + i * 10}"\n'
        )
        if status == "resolved":
            out.append(f'resolved_on = "{2005 + i}-05-18"\n')
        out.append(f'summary = "A generated dispute, number {i + 1}."\n')
        out.append(f"sources = {strings(SOURCES[3:4])}\n\n")
    return "".join(out)


def event_date(rng: random.Random) -> str:
    """A date of any precision, as a string or (one in five) a TOML local date."""
    year = 2007 if rng.random() < 0.03 else rng.randint(1991, 2024)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    match rng.randrange(5):
        case 0:
            return f'"{year}"'
        case 1:
            return f'"{year}-{month:02d}"'
        case 2:
            return f"{year}-{month:02d}-{day:02d}"
        case _:
            return f'"{year}-{month:02d}-{day:02d}"'


def event_toml(i: int, rng: random.Random) -> str:
    name, iso2, iso3, aliases = rng.choice(COUNTRIES)
    other = rng.choice(COUNTRIES)[0]
    refs = list(dict.fromkeys([rng.choice([name, iso2, iso3, name.lower(), *aliases]), other]))
    title = f"Russia {rng.choice(VERBS)} {rng.choice(TOPICS)} with {name}"
    summary = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 26))).capitalize() + "."
    lines = [
        "[[event]]",
        f'id = "event-{i:06d}"',
        f"date = {event_date(rng)}",
        f"title = {s(title)}",
        f"summary = {s(summary)}",
        f"countries = {strings(refs)}",
    ]
    if rng.random() < 0.6:
        lines.append(f"orgs = {strings(rng.sample([o[0] for o in ORGS], rng.randint(1, 2)))}")
    lines.append(f"tags = {strings(rng.sample(TAGS, rng.randint(1, 3)))}")
    lines.append(f"sources = {strings(rng.sample(SOURCES, rng.randint(1, 2)))}")
    return "\n".join(lines) + "\n\n"


def generate(n: int, directory: Path) -> None:
    """Write a fact base of n events into directory (created if needed)."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    (directory / "countries.toml").write_text(countries_toml(), encoding="utf-8")
    (directory / "orgs.toml").write_text(orgs_toml(), encoding="utf-8")
    (directory / "disputes.toml").write_text(disputes_toml(), encoding="utf-8")
    with (directory / "events.toml").open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(event_toml(i + 1, rng))


def generate_long_summary(size: int, directory: Path) -> None:
    """Write a fact base of one event whose summary is `size` bytes of words: one long cell."""
    generate(0, directory)
    rng = random.Random(SEED)
    words, length = [], 0
    while length < size:
        words.append(rng.choice(WORDS))
        length += len(words[-1]) + 1
    summary = " ".join(words)[:size].rstrip() + "."
    event = [
        "[[event]]",
        'id = "long-summary"',
        'date = "2007-06-15"',
        'title = "Russia publishes a very long statement"',
        f"summary = {s(summary)}",
        'countries = ["Japan"]',
        f"sources = {strings(SOURCES[:1])}",
    ]
    (directory / "events.toml").write_text("\n".join(event) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("events", type=int, help="number of events")
    parser.add_argument("directory", type=Path, help="where to write the *.toml files")
    parser.add_argument(
        "--summary-bytes",
        type=int,
        metavar="N",
        help="instead: one event whose summary is N bytes of words (one long table cell)",
    )
    args = parser.parse_args(argv)
    if args.events < 0:
        parser.error("the number of events must not be negative")
    if args.summary_bytes is not None:
        generate_long_summary(args.summary_bytes, args.directory)
    else:
        generate(args.events, args.directory)
    size = sum(p.stat().st_size for p in args.directory.glob("*.toml"))
    what = "1 long event" if args.summary_bytes is not None else f"{args.events} events"
    print(f"{what}, {size / 1e6:.1f} MB in {args.directory}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
