"""`make bench` → `python -m bench [--repeats N] [NAME …]`: every benchmark of the project, one table.

Modules are discovered: any bench/bench_*.py with a `run(repeats)` function returning rows
{name, dataset, median_s, min_s, max_s, floor_name, floor_median_s, …extras}. A new benchmark (the
briefing pack's, with the export issue) only needs such a file. Each module runs in its own
process, so one failing or leaking module cannot spoil the others' figures; a failure becomes a
row saying so. The table goes to stdout and to bench/results/latest.md (+ latest.json), with the
machine and the date on top.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BASE = {"name", "dataset", "median_s", "min_s", "max_s", "floor_name", "floor_median_s"}
COLUMNS = ["name", "dataset", "median", "min", "max", "floor", "floor median", "× floor", "extras"]

# Runs one module in a child and writes its rows as JSON (stdout stays the module's own).
CHILD = """
import json, sys
sys.path.insert(0, {root!r})
from bench import {mod} as m
rows = m.run({repeats}) if {repeats} is not None else m.run()
open({out!r}, "w").write(json.dumps(rows, default=str))
"""


def modules() -> list[str]:
    found = []
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        text = path.read_text(encoding="utf-8")
        if "\ndef run(" in text:  # no import: a module's import may be heavy or fail
            found.append(path.stem)
    return found


def run_module(mod: str, repeats: int | None) -> tuple[list[dict], float]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    t0 = time.perf_counter()
    try:
        code = CHILD.format(root=str(ROOT), mod=mod, repeats=repeats, out=out)
        res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False, capture_output=True, text=True)
        if res.returncode != 0:
            tail = (res.stderr or res.stdout).strip().splitlines()[-1:] or ["?"]
            return [{"name": mod, "dataset": "", "error": tail[0][:200]}], time.perf_counter() - t0
        rows = json.loads(Path(out).read_text(encoding="utf-8"))
        if not rows:
            rows = [{"name": mod, "dataset": "", "error": "no rows (skipped: a requirement is missing)"}]
        for r in rows:
            r.setdefault("dataset", "")
            r["module"] = mod
        return rows, time.perf_counter() - t0
    finally:
        os.unlink(out)


def _version(pkg: str) -> str:
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return "-"


def machine() -> dict[str, str]:
    cpu, ram = platform.processor() or "?", "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": str(os.cpu_count()), "ram": ram, "python": platform.python_version(),
            "duckdb": _version("duckdb"), "streamlit": _version("streamlit"), "os": platform.platform()}


def _s(v: object) -> str:
    if v is None or v == "":
        return ""
    v = float(v)  # type: ignore[arg-type]
    return f"{v:.3f} s" if v < 10 else f"{v:.1f} s"


def _extra(k: str, v: object) -> str:
    if isinstance(v, float):
        v = f"{v:,.1f}" if abs(v) >= 10 else f"{v:.3g}"
    elif isinstance(v, int):
        v = f"{v:,}"
    return f"{k.removesuffix('_mib').replace('_', ' ')} {v}{' MiB' if k.endswith('_mib') else ''}"


def cells(r: dict) -> list[str]:
    if "error" in r:
        return [r["name"], r.get("dataset", ""), "failed", "", "", "", "", "", r["error"]]
    floor = r.get("floor_median_s")
    ratio = f"{r['median_s'] / floor:.1f}" if floor else ""
    extras = ", ".join(_extra(k, v) for k, v in r.items() if k not in BASE | {"module"} and v is not None)
    return [r["name"], r.get("dataset") or "", _s(r["median_s"]), _s(r["min_s"]), _s(r["max_s"]),
            r.get("floor_name") or "", _s(floor), ratio, extras]


def markdown(rows: list[dict], info: dict[str, str], when: str, took: dict[str, float]) -> str:
    head = [f"# Benchmarks — {when}", "",
            f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM; {info['os']}  ",
            f"Python {info['python']}, DuckDB {info['duckdb']}, Streamlit {info['streamlit']}  ",
            "Modules: " + ", ".join(f"{m} ({s:.0f} s)" for m, s in took.items()), "",
            "| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    body = ["| " + " | ".join(c.replace("|", "/") for c in cells(r)) + " |" for r in rows]
    return "\n".join(head + body) + "\n"


def text_table(rows: list[dict]) -> str:
    table = [COLUMNS] + [cells(r) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in table)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--repeats", type=int, default=None, help="runs per measurement (default: each module's own)")
    p.add_argument("names", nargs="*", help="only these modules (e.g. bench_pages)")
    args = p.parse_args(argv)
    found = modules()
    chosen = [m for m in found if not args.names or m in args.names or m.removeprefix("bench_") in args.names]
    if not chosen:
        print(f"no benchmark matches {args.names}; found {found}", file=sys.stderr)
        return 2
    info, when = machine(), dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    rows: list[dict] = []
    took: dict[str, float] = {}
    for mod in chosen:
        print(f"running {mod}…", file=sys.stderr, flush=True)
        got, took[mod] = run_module(mod, args.repeats)
        print(f"  {mod}: {len(got)} rows in {took[mod]:.0f} s", file=sys.stderr, flush=True)
        rows += got
    print(f"{info['cpu']}, {info['cores']} cores, {info['ram']}; Python {info['python']}, "
          f"DuckDB {info['duckdb']}, Streamlit {info['streamlit']}; {when}")
    print(text_table(rows))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(markdown(rows, info, when, took), encoding="utf-8")
    (RESULTS / "latest.json").write_text(json.dumps({"date": when, "machine": info, "seconds": took, "rows": rows},
                                                    indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"written: {RESULTS / 'latest.md'}, {RESULTS / 'latest.json'}")
    return 1 if any("error" in r for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
