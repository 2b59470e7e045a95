"""Career Planner's benchmark: start-up, memory and latencies, with ratios from the same run.

    python bench/run.py [--runs 7] [--repeat 30] [--keep DIR]

1. Makes the data folders in a temporary directory: the built-in data (a folder that the
   app has opened once) and the large data (bench/generate.py: 10 paths of 300
   tutorials, 5 years of activity, 100,000 attempts, 3,000 snapshots).
2. Start-up, whole processes, interleaved (bare, app, large, new folder, bare, ...):
   - ``careerplanner --exit-when-shown`` against ``python bench/bare_window.py``: time
     from spawning the process to the first paint of the main window (the child prints
     the moment) and to its exit, and peak memory (the child's ru_maxrss via wait4);
   - ``bench/probe.py``: the same start-up, waiting until the first tab is complete
     (deferred charts drawn, the event queue idle).
3. In-process latencies (bench/interactions.py) on copies of both folders: median and
   95th percentile of each interaction, and export/import times.

Prints a table of medians and the ratios against the targets. Runs headless
(QT_QPA_PLATFORM=offscreen) unless QT_QPA_PLATFORM is set. Nothing here asserts: it
measures and reports.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TARGETS = {
    "startup": 2.0,  # app first paint / bare first paint
    "memory": 1.6,  # app peak RSS / bare peak RSS
    "complete": 3.5,  # app first tab complete / bare first paint
    "large": 1.25,  # large-data first paint / built-in first paint
    "latency_builtin_ms": 16.0,
    "latency_large_ms": 50.0,
}
INTERACTIONS = ("status change", "tab switch", "search keystroke", "save assessment",
                "rate question")  # fmt: skip
EXPORTS = ("PDF export", "JSON export", "JSON import")


def app_command() -> list[str]:
    script = Path(sys.executable).with_name("careerplanner")
    return [str(script)] if script.exists() else [sys.executable, "-m", "careerplanner"]


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    e["CAREERPLANNER_BENCH_REPORT"] = "1"
    e.pop("CAREERPLANNER_DATA_DIR", None)
    return e


def spawn(cmd: list[str]) -> dict[str, float]:
    """Run ``cmd`` to its end: seconds to first paint and to exit, peak RSS in MiB."""
    start = time.time()
    proc = subprocess.Popen(cmd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    end = time.time()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err.decode()}")
    result: dict[str, float] = {"exit": end - start, "rss": usage.ru_maxrss / 1024}
    for line in err.decode().splitlines():
        if line.startswith("first_paint "):
            result["paint"] = float(line.split()[1]) - start
    for line in out.decode().splitlines():
        if line.startswith("{"):
            data = json.loads(line)
            result["paint"] = data["paint"] - start
            result["complete"] = data["complete"] - start
    return result


def prepare(root: Path, quiet: bool) -> tuple[Path, Path]:
    import generate

    builtin = root / "builtin"
    spawn([*app_command(), "--data-dir", str(builtin), "--exit-when-shown"])
    large = root / "large"
    if not quiet:
        print("generating the large data folder ...", file=sys.stderr)
    started = time.perf_counter()
    generate.generate(large)
    if not quiet:
        print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return builtin, large


def startups(
    root: Path, builtin: Path, large: Path, runs: int
) -> dict[str, list[dict[str, float]]]:
    app = app_command()
    probe = [sys.executable, str(HERE / "probe.py")]
    cases: dict[str, list[str] | None] = {
        "bare window": [sys.executable, str(HERE / "bare_window.py")],
        "app, built-in data": [*app, "--data-dir", str(builtin), "--exit-when-shown"],
        "app, large data": [*app, "--data-dir", str(large), "--exit-when-shown"],
        "app, new data folder": None,  # a fresh folder each run: creates and fills the DB
        "probe: bare window": [*probe, "bare"],
        "probe: app, built-in data": [*probe, "app", "--data-dir", str(builtin)],
        "probe: app, large data": [*probe, "app", "--data-dir", str(large)],
    }
    results: dict[str, list[dict[str, float]]] = {name: [] for name in cases}
    for warm in cases.values():  # warm the file cache: not counted
        if warm is not None:
            spawn(warm)
    for run in range(runs):
        for name, cmd in cases.items():
            if cmd is None:
                fresh = root / f"new-{run}"
                cmd = [*app, "--data-dir", str(fresh), "--exit-when-shown"]
            results[name].append(spawn(cmd))
    return results


def interactions(folder: Path, root: Path, repeat: int, exports: int) -> dict[str, Any]:
    """Each group in its own process, on its own copy of ``folder``; a crash is reported."""
    import interactions as groups

    results: dict[str, Any] = {}
    for group in groups.GROUPS:
        copy = root / f"{folder.name}-{group.replace(' ', '-')}"
        shutil.copytree(folder, copy)
        cmd = [sys.executable, str(HERE / "interactions.py"), "--data-dir", str(copy),
               "--only", group, "--repeat", str(repeat), "--exports", str(exports)]  # fmt: skip
        proc = subprocess.run(cmd, env=env(), capture_output=True, text=True)
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        if lines:
            results.update(json.loads(lines[-1]))
        else:
            fatal = [ln for ln in proc.stderr.splitlines() if "Error" in ln or "error" in ln]
            why = fatal[0].strip() if fatal else f"exit status {proc.returncode}"
            names = {"pdf": ("PDF export",), "json": ("JSON export", "JSON import")}.get(
                group, (group,)
            )
            for name in names:
                results[name] = f"CRASHED: {why}"
            print(f"{folder.name} / {group} crashed:\n{proc.stderr[-3000:]}", file=sys.stderr)
        shutil.rmtree(copy, ignore_errors=True)
    return results


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(0.95 * len(ordered)) - 1))]


def med(rows: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in rows if key in r)


def spread(rows: list[dict[str, float]], key: str) -> str:
    values = [r[key] for r in rows if key in r]
    return f"{min(values) * 1000:.0f}–{max(values) * 1000:.0f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def report(start: dict[str, list[dict[str, float]]], lat: dict[str, dict[str, Any]],
           runs: int, repeat: int) -> str:  # fmt: skip
    lines: list[str] = []
    add = lines.append
    add(f"Career Planner benchmark · {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC · "
        f"{platform.node()} · {platform.platform()} · {os.cpu_count()} CPUs · "
        f"Python {platform.python_version()} · QPA {env()['QT_QPA_PLATFORM']}")  # fmt: skip
    add("")
    add(f"Start-up (whole processes, {runs} interleaved runs each; medians, min–max in ms)")
    add("")
    add("| case | first paint ms | (range) | exit ms | first tab complete ms | peak RSS MiB |")
    add("|---|---:|---:|---:|---:|---:|")
    for name in ("bare window", "app, built-in data", "app, large data", "app, new data folder"):
        rows, probe = start[name], start.get(f"probe: {name}", [])
        complete = f"{med(probe, 'complete') * 1000:.0f}" if probe else "–"
        add(f"| {name} | {med(rows, 'paint') * 1000:.0f} | {spread(rows, 'paint')} | "
            f"{med(rows, 'exit') * 1000:.0f} | {complete} | {med(rows, 'rss'):.1f} |")  # fmt: skip
    bare, app = start["bare window"], start["app, built-in data"]
    large = start["app, large data"]
    bare_paint = med(bare, "paint")
    ratios = [
        ("start-up: app / bare window (first paint)", med(app, "paint") / bare_paint,
         TARGETS["startup"]),
        ("peak memory: app / bare window", med(app, "rss") / med(bare, "rss"), TARGETS["memory"]),
        ("first tab complete: app / bare window's first paint",
         med(start["probe: app, built-in data"], "complete") / bare_paint, TARGETS["complete"]),
        ("large-data start-up / built-in data start-up (first paint)",
         med(large, "paint") / med(app, "paint"), TARGETS["large"]),
        ("peak memory: large data / built-in data", med(large, "rss") / med(app, "rss"), None),
    ]  # fmt: skip
    add("")
    add("| ratio (same run) | measured | target | |")
    add("|---|---:|---:|---|")
    for text, value, target in ratios:
        if target is None:
            add(f"| {text} | {value:.2f}× | – | |")
        else:
            add(f"| {text} | {value:.2f}× | ≤ {target:g}× | {verdict(value <= target)} |")
    add("")
    add(f"Interactions (in-process, {repeat} each; ms from the call to an idle event queue)")
    add("")
    add("| interaction | built-in median | built-in p95 | large median | large p95 | target p95 |")
    add("|---|---:|---:|---:|---:|---|")
    for name in INTERACTIONS:
        cells = []
        oks = []
        for data, limit in ((lat["builtin"], TARGETS["latency_builtin_ms"]),
                            (lat["large"], TARGETS["latency_large_ms"])):  # fmt: skip
            values = data.get(name)
            if isinstance(values, list) and values:
                cells += [f"{statistics.median(values):.1f}", f"{p95(values):.1f}"]
                oks.append(p95(values) <= limit)
            else:
                cells += [str(values or "not measured"), ""]
        target = "≤ 16 / ≤ 50 " + (verdict(all(oks)) if oks else "")
        add(f"| {name} | {' | '.join(cells)} | {target} |")
    add("")
    add("| first show of a tab (builds it) | built-in ms | large ms |")
    add("|---|---:|---:|")
    for tab, ms in lat["builtin"].get("first show of tab", {}).items():
        other = lat["large"].get("first show of tab", {}).get(tab)
        add(
            f"| {tab} | {ms:.0f} | {other:.0f} |"
            if other is not None
            else f"| {tab} | {ms:.0f} | |"
        )
    add("")
    add("| export / import | built-in median ms | large median ms |")
    add("|---|---:|---:|")
    for name in EXPORTS:
        cells = []
        for data in (lat["builtin"], lat["large"]):
            values = data.get(name)
            ok = isinstance(values, list) and values
            cells.append(f"{statistics.median(values):.0f}" if ok else str(values))
        add(f"| {name} | {' | '.join(cells)} |")
    pdf = lat["builtin"].get("PDF export")
    if isinstance(pdf, list) and pdf:
        ratio = statistics.median(pdf) / 1000 / med(app, "exit")
        add("")
        add(f"PDF export of the built-in plan / the app's own start-up (to exit): {ratio:.2f}× "
            f"(target ≤ 1×: {verdict(ratio <= 1)})")  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Career Planner's benchmark")
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per case")
    parser.add_argument("--repeat", type=int, default=30, help="samples per interaction")
    parser.add_argument("--exports", type=int, default=5, help="runs per export/import")
    parser.add_argument("--keep", type=Path, help="make the data folders here and keep them")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="careerplanner-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        builtin, large = prepare(root, quiet=False)
        print("start-up runs ...", file=sys.stderr)
        start = startups(root, builtin, large, args.runs)
        print("interactions ...", file=sys.stderr)
        lat = {
            "builtin": interactions(builtin, root, args.repeat, args.exports),
            "large": interactions(large, root, args.repeat, args.exports),
        }
        print(report(start, lat, args.runs, args.repeat))
        if args.json:
            args.json.write_text(json.dumps({"startup": start, "interactions": lat}, indent=1))
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
