"""factcli's speed against the floor of SPEC §7, as median ratios.

    .venv/bin/python benchmarks/run.py [--runs 9] [--big-runs 5] [--references] [--no-cache]
                                       [--no-tables]

Run it with the python that has factcli installed: the floor is that python, importing
tomli and json, tomli.loading every fact file of the same fact base and printing the
number of records. Each case runs factcli and the floor alternately (each in turn first)
several times, and compares the medians of wall time and of peak resident memory
(ru_maxrss from os.wait4). One unmeasured run of each comes first: it writes Python's
bytecode caches (as installing a package does), fills factcli's cache of the validated
fact base and warms the OS file cache; --no-cache measures the cold path instead.

Tables are measured against the same query as JSON instead of the floor (SPEC §7: tables
grow linearly): every event of the base of 100,000 as a table, and a base of one event
whose summary is 4 MB of words, each written to /dev/null (a file, not a terminal) at
COLUMNS=120, as every case is.

Then TAB: factcli run as bash's completion runs it, the median of --runs runs of each,
on the shipped fact base against SPEC §7's 100 ms, and on 10,000 events for information.

Exits 1 when a budget is exceeded. The generated fact bases (benchmarks/generate.py) are
written to a temporary directory, and factcli's cache to another: the user's own cache
is never touched.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, generate_long_summary

SHIPPED = Path(__file__).resolve().parent.parent / "facts"

FLOOR = """\
import json, os, sys, tomli
n = 0
for name in sorted(os.listdir(sys.argv[1])):
    if name.endswith(".toml"):
        with open(os.path.join(sys.argv[1], name), "rb") as f:
            doc = tomli.load(f)
        n += sum(len(v) if isinstance(v, list) else 1 for v in doc.values())
print(json.dumps(n))
"""


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    facts: Path
    command: list[str]  # what is measured against the floor on the same facts
    time_budget: float | None  # None: a reference, for information
    memory_budget: float | None
    runs: int
    baseline: list[str] | None = None  # measured instead of the floor


@dataclass(frozen=True, slots=True)
class Sample:
    seconds: float  # wall time, what the budgets are about
    cpu_seconds: float  # user + system: near the wall time unless the machine is busy
    max_rss_kb: int


# Runs each measured command and times it. Linux counts into a child's peak memory the
# memory of the process that started it, as it was when the child was forked; so children
# are started by this small process (python -S -I, os and sys only), not by the benchmark.
LAUNCHER = """\
import os, sys, time
spawn = [
    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
    (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
    (os.POSIX_SPAWN_OPEN, 2, sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
]
for line in sys.stdin:
    argv = [bytes.fromhex(word).decode() for word in line.split()]
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=spawn)
    _, status, usage = os.wait4(pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    print(time.perf_counter() - start, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
    sys.stdout.flush()
"""


class Launcher:
    """Runs commands one at a time; each gives its wall time and peak resident memory."""

    def __init__(self, env: dict[str, str], errors: Path) -> None:
        self.errors = errors
        self.process = subprocess.Popen(
            [sys.executable, "-S", "-I", "-c", LAUNCHER, str(errors)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )

    def measure(self, argv: list[str]) -> Sample:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(" ".join(a.encode().hex() for a in argv) + "\n")
        self.process.stdin.flush()
        seconds, cpu_seconds, max_rss_kb, code = self.process.stdout.readline().split()
        if code != "0":
            errors = self.errors.read_text(errors="replace")
            raise SystemExit(f"{shlex.join(argv)} exited {code}:\n{errors}")
        return Sample(float(seconds), float(cpu_seconds), int(max_rss_kb))  # kB on Linux

    def close(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):  # stdin first: EOF ends it
            if pipe is not None:
                pipe.close()
        self.process.wait()


def factcli_command(given: str | None) -> list[str]:
    """The factcli to measure: --cmd, else the script beside this python, else python -m."""
    if given:
        return shlex.split(given)
    script = Path(sys.executable).with_name("factcli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "factcli"]


def child_env(cache_dir: Path, use_cache: bool) -> dict[str, str]:
    env = dict(os.environ)
    # An installed package has its bytecode compiled; don't measure recompiling it each run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("FACTCLI_FACTS_DIR", None)
    env.pop("FACTCLI_NO_CACHE", None)
    env.update({"COLUMNS": "120", "NO_COLOR": "1", "FACTCLI_CACHE_DIR": str(cache_dir)})
    if not use_cache:
        env["FACTCLI_NO_CACHE"] = "1"
    return env


def run_case(case: Case, launcher: Launcher) -> tuple[Sample, Sample]:
    """Median floor (or baseline) and factcli samples of one case, from interleaved runs."""
    floor_argv = case.baseline or [sys.executable, "-c", FLOOR, str(case.facts)]
    ours_argv = case.command
    launcher.measure(floor_argv)  # unmeasured: bytecode, factcli's cache, the OS file cache
    launcher.measure(ours_argv)
    floors: list[Sample] = []
    ours: list[Sample] = []
    for i in range(case.runs):
        pair = [(floors, floor_argv), (ours, ours_argv)]
        for samples, argv in pair if i % 2 == 0 else reversed(pair):
            samples.append(launcher.measure(argv))
        print(".", end="", file=sys.stderr, flush=True)
    return median(floors), median(ours)


def median(samples: list[Sample]) -> Sample:
    return Sample(
        statistics.median(s.seconds for s in samples),
        statistics.median(s.cpu_seconds for s in samples),
        int(statistics.median(s.max_rss_kb for s in samples)),
    )


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=9, help="measured runs per case (9)")
    parser.add_argument("--big-runs", type=int, default=5, help="runs of the 100k case (5)")
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[10_000, 100_000], help="generated bases"
    )
    parser.add_argument("--cmd", help="factcli command line (default: the installed factcli)")
    parser.add_argument(
        "--no-cache", action="store_true", help="set FACTCLI_NO_CACHE: measure the cold path"
    )
    parser.add_argument(
        "--no-tables",
        action="store_true",
        help="leave out the tables of 100,000 events and of one 4 MB cell",
    )
    parser.add_argument(
        "--references",
        action="store_true",
        help="also time bare python, importing typer and importing typer and Rich",
    )
    args = parser.parse_args(argv)
    if find_spec("tomli") is None:
        parser.error(f"{sys.executable} cannot import tomli: run this with factcli's python")
    factcli = factcli_command(args.cmd)
    work = Path(tempfile.mkdtemp(prefix="factcli-bench-"))
    try:
        env = child_env(work / "cache", use_cache=not args.no_cache)
        cases = shipped_cases(factcli, args.runs, args.references)
        for size in args.sizes:
            facts = work / f"facts-{size}"
            generate(size, facts)
            command = [*factcli, "--facts-dir", str(facts), "events", "--year", "2007", "--json"]
            runs = args.runs if size < 50_000 else args.big_runs
            first = ", first run" if args.no_cache else ""
            name = f"{size:,} events{first}: events --year 2007 --json"
            cases.append(Case(name, facts, command, time_budget(size, args.no_cache), 2.0, runs))
        if not args.no_tables:
            cases += table_cases(factcli, work, args.runs, args.big_runs)
        launcher = Launcher(env, work / "stderr")
        try:
            failed = report(cases, factcli, launcher, "FACTCLI_NO_CACHE" in env)
            big = work / "facts-10000" if 10_000 in args.sizes else None
            return report_tabs(tab_cases(factcli, big), args.runs, launcher) or failed
        finally:
            launcher.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def time_budget(size: int, first_run: bool) -> float:
    """SPEC §7: 1.3x the floor with the cache; on a first run 1.5x at 10,000 events, 1.3x at
    100,000 (a smaller base has less parsing to hide factcli's start-up behind)."""
    return 1.5 if first_run and size < 50_000 else 1.3


def table_cases(factcli: list[str], work: Path, runs: int, big_runs: int) -> list[Case]:
    """SPEC §7: a table within 3x the same query as JSON, for 100,000 events or one 4 MB
    cell; and, here, within 2x its peak memory."""
    many = work / "facts-100000"
    if not many.exists():
        generate(100_000, many)
    long = work / "long-summary"
    generate_long_summary(4_000_000, long)
    cases = []
    for name, facts, n in [("100,000 events", many, big_runs), ("one 4 MB summary", long, runs)]:
        table = [*factcli, "--facts-dir", str(facts), "events"]
        cases.append(Case(f"{name}: events (table) ÷ events --json", facts, table, 3.0, 2.0, n,
                          baseline=[*table, "--json"]))  # fmt: skip
    return cases


def shipped_cases(factcli: list[str], runs: int, references: bool) -> list[Case]:
    def on_shipped(*args: str) -> list[str]:
        return [*factcli, "--facts-dir", str(SHIPPED), *args]

    cases = [
        Case("disputes --country Japan --json", SHIPPED,
             on_shipped("disputes", "--country", "Japan", "--json"), 3.0, None, runs),
        Case("events --year 2007 (table)", SHIPPED,
             on_shipped("events", "--year", "2007"), 4.5, None, runs),
    ]  # fmt: skip
    if references:
        python = [sys.executable, "-c"]
        cases += [
            Case("reference: python -c pass", SHIPPED, [*python, "pass"], None, None, runs),
            Case("reference: import typer", SHIPPED, [*python, "import typer"], None, None, runs),
            Case("reference: import typer, Rich table", SHIPPED,
                 [*python, "import typer, rich.console, rich.table"], None, None, runs),
        ]  # fmt: skip
    return cases


TAB_BUDGET = 0.100  # seconds, SPEC §7


def tab_cases(factcli: list[str], big: Path | None) -> list[tuple[str, list[str], bool]]:
    """What bash's completion function runs on a TAB: env with the variables it passes; and
    whether the budget applies (on the shipped fact base)."""

    def tab(line: str, kind: str = "9", facts: Path | None = None) -> list[str]:
        words = line.replace("=", " = ").split(" ")  # bash's words: split at = too
        word = line.rpartition(" ")[2].rpartition("=")[2]  # what readline replaces ($2)
        return [
            "env", "_FACTCLI_COMPLETE=complete_bash", f"COMP_WORDS={chr(10).join(words)}",
            f"COMP_CWORD={len(words) - 1}", f"_FACTCLI_COMPLETE_LINE={line}",
            f"COMP_TYPE={kind}", f"_FACTCLI_COMPLETE_WORD={word}", "_FACTCLI_COMPLETE_PATHS=1",
            *([f"FACTCLI_FACTS_DIR={facts}"] if facts else []), *factcli,
        ]  # fmt: skip

    cases = [
        ("factcli country Rus<TAB>", tab("factcli country Rus"), True),
        ("factcli events --country=jap<TAB>", tab("factcli events --country=jap"), True),
        ("factcli events --tag <TAB><TAB>", tab("factcli events --tag ", "63"), True),
        ("factcli e<TAB>", tab("factcli e"), True),
    ]
    if big is not None:
        line = "factcli events --tag "
        cases.append(("10,000 events: " + line + "<TAB><TAB>", tab(line, "63", big), False))
    return cases


def report_tabs(cases: list[tuple[str, list[str], bool]], runs: int, launcher: Launcher) -> int:
    """The median time of each TAB against its budget; 1 if one is over it."""
    rows = [["TAB", "runs", "median", "fastest", "slowest", "cpu", "budget", "result"]]
    failed = False
    for name, argv, budgeted in cases:
        print(f"{name} ", end="", file=sys.stderr, flush=True)
        launcher.measure(argv)  # unmeasured: bytecode, factcli's cache, the OS file cache
        samples = [launcher.measure(argv) for _ in range(runs)]
        print(file=sys.stderr)
        times = [s.seconds for s in samples]
        cpu = statistics.median(s.cpu_seconds for s in samples)  # user + system
        ok = statistics.median(times) <= TAB_BUDGET
        failed |= budgeted and not ok
        budget, verdict = (f"≤ {TAB_BUDGET * 1000:.0f} ms", "pass" if ok else "FAIL")
        rows.append(
            [name, str(runs)]
            + [f"{t * 1000:.0f} ms" for t in (statistics.median(times), min(times), max(times))]
            + [f"{cpu * 1000:.0f} ms", *((budget, verdict) if budgeted else ("-", "-"))]
        )
    print()
    print(table(rows))
    print(f"\nMedians; load average {os.getloadavg()[0]:.2f} after.")
    return 1 if failed else 0


def report(cases: list[Case], factcli: list[str], launcher: Launcher, cold: bool) -> int:
    header = ["case", "runs", "floor", "factcli", "ratio", "budget", "cpu ratio"]
    rows = [[*header, "floor peak", "factcli peak", "ratio", "budget", "result"]]
    # A case with a baseline (a table's, the same query as JSON) shows it as its floor.
    load_before = os.getloadavg()[0]
    failed = False
    for case in cases:
        print(f"{case.name} ", end="", file=sys.stderr, flush=True)
        floor, ours = run_case(case, launcher)
        print(file=sys.stderr)
        time_ratio = ours.seconds / floor.seconds
        memory_ratio = ours.max_rss_kb / floor.max_rss_kb
        ok = (case.time_budget is None or time_ratio <= case.time_budget) and (
            case.memory_budget is None or memory_ratio <= case.memory_budget
        )
        failed |= not ok
        rows.append(
            [
                case.name,
                str(case.runs),
                f"{floor.seconds * 1000:.0f} ms",
                f"{ours.seconds * 1000:.0f} ms",
                f"{time_ratio:.2f}×",
                f"≤ {case.time_budget:g}×" if case.time_budget else "-",
                f"{ours.cpu_seconds / floor.cpu_seconds:.2f}×",
                f"{floor.max_rss_kb / 1024:.0f} MB",
                f"{ours.max_rss_kb / 1024:.0f} MB",
                f"{memory_ratio:.2f}×",
                f"≤ {case.memory_budget:g}×" if case.memory_budget else "-",
                "-" if case.time_budget is None else "pass" if ok else "FAIL",
            ]
        )
    print(table(rows))
    print(
        f"\nMedians. factcli: {shlex.join(factcli)}"
        f"{' (FACTCLI_NO_CACHE=1)' if cold else ''}; "
        f"floor: {shlex.join([sys.executable])} with tomli {_version('tomli')} "
        f"(for a table: the same query as JSON); "
        f"{os.cpu_count()} CPUs, load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after."
    )
    return 1 if failed else 0


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
