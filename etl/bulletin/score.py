"""`python -m etl.bulletin.score [DIR]`: how well the bulletin extractor reads a set of bulletins
whose expected tables were written by hand (default: tests/fixtures/bulletins/corpus).

Each `NAME.txt` has a `NAME.expected.json` beside it: lang, as_of, figures [country, count,
approximate], evacuations [from, from_city, via, to, people], plans (same shape), totals
[what, count, approximate] and dates (day numbers written as dates, which must never become a
count). Prints precision and recall per language and overall, for headcounts, evacuations, plans
and totals separately, and counts the dangerous wrong figures: a departure read as people present,
a plan read as a fact, a date read as a count. Exit 0 when the goal is met (headcounts and
evacuations each ≥ 95 % precision and ≥ 90 % recall, no dangerous figure), else 1; 2 on usage error.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from etl.bulletin.model import Extraction
from etl.bulletin.reader import extract

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "bulletins" / "corpus"
TABLES = ("headcounts", "evacuations", "plans", "totals")
DANGERS = ("departure_as_presence", "plan_as_fact", "date_as_count")
GOAL_PRECISION, GOAL_RECALL = 0.95, 0.90


@dataclass
class Tally:
    tp: int = 0
    got: int = 0
    expected: int = 0

    def add(self, got: Counter, want: Counter) -> None:
        self.tp += sum((got & want).values())
        self.got += sum(got.values())
        self.expected += sum(want.values())

    @property
    def precision(self) -> float:
        return self.tp / self.got if self.got else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0


@dataclass
class Score:
    tables: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in TABLES})
    dangers: Counter = field(default_factory=Counter)
    texts: int = 0
    wrong: list[str] = field(default_factory=list)  # "file: table got X" for the analyst of the scorer


def rows(ex: Extraction) -> dict[str, Counter]:
    """The extraction as the same tuples the expected tables are written in."""
    return {
        "headcounts": Counter((f.country_iso3, f.count, f.approximate) for f in ex.figures),
        "evacuations": Counter((e.from_iso3, e.from_city, e.via_iso3, e.to_iso3, e.people) for e in ex.evacuations),
        "plans": Counter((p.from_iso3, p.from_city, p.via_iso3, p.to_iso3, p.people) for p in ex.plans),
        "totals": Counter((t.what, t.count, t.approximate) for t in ex.totals),
    }


def expected_rows(want: dict) -> dict[str, Counter]:
    return {
        "headcounts": Counter(tuple(r) for r in want["figures"]),
        "evacuations": Counter(tuple(r) for r in want["evacuations"]),
        "plans": Counter(tuple(r) for r in want["plans"]),
        "totals": Counter(tuple(r) for r in want["totals"]),
    }


def dangers(got: dict[str, Counter], want: dict[str, Counter], dates: set[int]) -> Counter:
    """Wrong rows of the dangerous kinds, judged by their number against what the text says."""
    out: Counter = Counter()
    departed = {r[4] for r in want["evacuations"]}
    planned = {r[4] for r in want["plans"]}
    for r in got["headcounts"] - want["headcounts"]:
        if r[1] in departed:
            out["departure_as_presence"] += 1
        if r[1] in planned:
            out["plan_as_fact"] += 1
        if r[1] in dates:
            out["date_as_count"] += 1
    for r in got["evacuations"] - want["evacuations"]:
        if r[4] in planned and r[4] not in departed:
            out["plan_as_fact"] += 1
        if r[4] in dates:
            out["date_as_count"] += 1
    for table, idx in (("plans", 4), ("totals", 1)):
        out["date_as_count"] += sum(1 for r in got[table] - want[table] if r[idx] in dates)
    return out


def score(folder: Path) -> dict[str, Score]:
    """Scores per language and "all"."""
    out: dict[str, Score] = {"all": Score()}
    for txt in sorted(folder.glob("*.txt")):
        want = json.loads(txt.with_suffix(".expected.json").read_text(encoding="utf-8"))
        ex = extract(txt.read_text(encoding="utf-8"))
        got, exp = rows(ex), expected_rows(want)
        bad = dangers(got, exp, set(want.get("dates", [])))
        for key in ("all", want["lang"]):
            s = out.setdefault(key, Score())
            s.texts += 1
            for t in TABLES:
                s.tables[t].add(got[t], exp[t])
            s.dangers.update(bad)
        for t in TABLES:
            for r in got[t] - exp[t]:
                out["all"].wrong.append(f"{txt.name}: {t} extra {r}")
            for r in exp[t] - got[t]:
                out["all"].wrong.append(f"{txt.name}: {t} missed {r}")
        as_of = ex.as_of.isoformat(sep=" ") if ex.as_of else None
        if as_of != want.get("as_of"):
            out["all"].wrong.append(f"{txt.name}: as_of {as_of} (expected {want.get('as_of')})")
    return out


def meets_goal(s: Score) -> bool:
    return (all(s.tables[t].precision >= GOAL_PRECISION and s.tables[t].recall >= GOAL_RECALL
                for t in ("headcounts", "evacuations"))
            and not any(s.dangers[d] for d in DANGERS))


def table(scores: dict[str, Score]) -> str:
    head = f"{'set':5} {'texts':>5}  " + "  ".join(f"{t:^22}" for t in TABLES) + "  " + \
        "  ".join(f"{d}" for d in DANGERS)
    sub = f"{'':5} {'':>5}  " + "  ".join(f"{'P':>6} {'R':>6} {'tp/got/exp':>8}" for _ in TABLES)
    lines = [head, sub]
    order = [k for k in ("kk", "ru", "en") if k in scores] + [k for k in scores if k not in ("kk", "ru", "en", "all")]
    for key in order + ["all"]:
        s = scores[key]
        cells = "  ".join(f"{s.tables[t].precision:>6.1%} {s.tables[t].recall:>6.1%} "
                          f"{s.tables[t].tp:>2}/{s.tables[t].got:>2}/{s.tables[t].expected:>2}" for t in TABLES)
        dz = "  ".join(f"{s.dangers[d]:>{len(d)}}" for d in DANGERS)
        lines.append(f"{key:5} {s.texts:>5}  {cells}  {dz}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m etl.bulletin.score", description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--verbose", "-v", action="store_true", help="list every extra and missed row")
    args = ap.parse_args(argv)
    if not args.folder.is_dir() or not list(args.folder.glob("*.txt")):
        print(f"error: {args.folder}: no bulletin .txt files", file=sys.stderr)
        return 2
    scores = score(args.folder)
    print(table(scores))
    if args.verbose:
        print("\n".join(scores["all"].wrong) or "(no differences)")
    ok = meets_goal(scores["all"])
    print(f"\ngoal (headcounts and evacuations ≥ {GOAL_PRECISION:.0%} precision, ≥ {GOAL_RECALL:.0%} recall, "
          f"no dangerous figure): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
