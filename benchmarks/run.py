"""Every target of the scale issue, measured beside its floor or peer in the same run.

    python -m benchmarks.run                  30,000 contacts, 100,000 meetings
    python -m benchmarks.run --quick          3,000 and 10,000: under a minute
    python -m benchmarks.run --tiny --no-peer what CI runs to keep this working
    python -m benchmarks.run --json out.json  also write the table as JSON

Prints a table (metric, reseau, floor or peer, ratio, target, pass/fail).
Subprocess timings are wall clock, the median of a few runs; in-app costs are
CPU time measured inside the real app driven headless (`benchmarks.session`).
The data is generated once per size, seed and day, under benchmarks/results/.
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
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from benchmarks import generate

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
FRAME_MS = 16.0


@dataclass
class Row:
    metric: str
    reseau: float | None
    floor: float | None
    unit: str
    target: str
    passed: bool | None
    floor_label: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.reseau is None or not self.floor:
            return None
        return self.reseau / self.floor


@dataclass(frozen=True)
class Mode:
    name: str
    size: generate.Size
    repeat: int
    jrnl_timeout: float


MODES = {
    "full": Mode("full", generate.Size(30_000, 100_000), 5, 120.0),
    "quick": Mode("quick", generate.Size(3_000, 10_000), 3, 60.0),
    "tiny": Mode("tiny", generate.Size(200, 600), 1, 30.0),
}


# --- running things --------------------------------------------------------------------


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RESEAU_", "LC_"))}
    env.update(
        TZ="Europe/Paris",
        LANG="C.UTF-8",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONPATH=str(HERE.parent),
    )
    return env


class Runner:
    def __init__(self, work: Path, repeat: int) -> None:
        self.work = work
        self.repeat = repeat
        self.env = _env(work / "home")

    def run(self, args: Sequence[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            list(args),
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
        return done

    def wall(self, args: Sequence[str], prepare: Callable[[], None] | None = None) -> float:
        """Median wall time of a command, from spawn to exit."""
        times = []
        for _ in range(self.repeat):
            if prepare is not None:
                prepare()
            began = time.perf_counter()
            self.run(args)
            times.append(time.perf_counter() - began)
        return statistics.median(times)

    def forget_findings(self) -> None:
        """Remove what reseau kept of its last scans: the next run scans the whole file."""
        shutil.rmtree(Path(self.env["XDG_CACHE_HOME"]) / "reseau", ignore_errors=True)

    def probe(self, *args: str, prepare: Callable[[], None] | None = None) -> dict[str, Any]:
        """Run a probe; `first_frame` is its `t` less the moment it was spawned."""
        samples = []
        for _ in range(self.repeat):
            if prepare is not None:
                prepare()
            began = time.monotonic()
            done = self.run([sys.executable, "-m", "benchmarks.probes", *args])
            values: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
            if values.get("t"):
                values["first_frame"] = values["t"] - began
            if values.get("idle"):
                values["idle_frame"] = values["idle"] - began
            samples.append(values)
        keys = {k for s in samples for k in s if isinstance(s[k], int | float)}
        return {k: statistics.median(s[k] for s in samples if k in s) for k in keys}


def reseau(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reseau_tui", "--db", str(db), *args]


# --- data ------------------------------------------------------------------------------


def dataset(mode: Mode, seed: int, out: Callable[[str], None]) -> Path:
    end = datetime.now(UTC).date()
    size = mode.size
    folder = RESULTS / "data" / f"v{generate.VERSION}-{size.contacts}-{size.meetings}-{seed}-{end}"
    if not (folder / "done").exists():
        out(f"generating {size.contacts:,} contacts and {size.meetings:,} meetings…")
        generated = generate.generate(size, seed=seed, end=end)
        generate.write_database(generated, folder / "reseau.json")
        (folder / "Connections.csv").write_bytes(
            generate.linkedin_csv(size.contacts, seed=seed, end=end)
        )
        generate.write_jrnl(generated, folder / "jrnl")
        (folder / "done").write_text(json.dumps(generated.counts()))
    return folder


def unique_name(db: Path) -> str:
    """A contact's full name that no one else has, for `reseau log NAME`."""
    contacts = orjson.loads(db.read_bytes())["contacts"].values()
    seen: dict[str, int] = {}
    for doc in contacts:
        seen[doc["name"]] = seen.get(doc["name"], 0) + 1
    return next(name for name, count in seen.items() if count == 1 and "'" not in name)


# --- jrnl, the peer --------------------------------------------------------------------


def jrnl_command(out: Callable[[str], None]) -> tuple[Path | None, str]:
    """jrnl installed from PyPI into a venv of its own under benchmarks/results/."""
    venv = RESULTS / "jrnl-venv"
    exe = venv / "bin" / "jrnl"
    if exe.exists():
        return exe, ""
    out("installing jrnl from PyPI into benchmarks/results/jrnl-venv…")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "jrnl"],
            check=True,
            timeout=600,
            capture_output=True,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        shutil.rmtree(venv, ignore_errors=True)
        return None, f"jrnl could not be installed: {exc}"
    return (exe, "") if exe.exists() else (None, "jrnl installed no command")


def jrnl_add(runner: Runner, exe: Path, data: Path, timeout: float) -> tuple[float | None, str]:
    """jrnl adding one entry to a journal of the same meetings; None past `timeout`."""
    folder = runner.work / "jrnl"
    folder.mkdir(exist_ok=True)
    journal = folder / "journal.txt"
    shutil.copyfile(data / "jrnl" / "journal.txt", journal)
    config = folder / "jrnl.yaml"
    template = (data / "jrnl" / "jrnl.yaml").read_text(encoding="utf-8")
    config.write_text(
        template.replace(str(data / "jrnl" / "journal.txt"), str(journal)), encoding="utf-8"
    )
    args = [str(exe), "--config-file", str(config), "Coffee with Camille. Great chat."]
    began = time.perf_counter()
    try:
        subprocess.run(
            args,
            env=runner.env,
            capture_output=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None, f"stopped after {timeout:.0f} s"
    except subprocess.CalledProcessError as exc:
        return None, f"jrnl failed: {exc.stderr.decode(errors='replace')[-200:]}"
    return time.perf_counter() - began, ""


# --- the measurements ------------------------------------------------------------------


def measure(mode: Mode, seed: int, peer: bool, out: Callable[[str], None]) -> list[Row]:
    data = dataset(mode, seed, out)
    work = Path(tempfile.mkdtemp(prefix="reseau-bench-"))
    try:
        return _measure(mode, data, work, peer, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _copy(data: Path, work: Path, name: str = "reseau.json") -> Path:
    target = work / name
    for stale in work.glob(name + "*"):
        stale.unlink()
    shutil.copyfile(data / "reseau.json", target)
    return target


def _measure(
    mode: Mode, data: Path, work: Path, peer: bool, out: Callable[[str], None]
) -> list[Row]:
    runner = Runner(work, mode.repeat)
    (work / "home").mkdir()
    rows: list[Row] = []
    db = _copy(data, work)

    out("start: bare Textual app, orjson parse, reseau's TUI…")
    bare = runner.probe("bare")
    parsed = runner.probe("parse", str(db))
    cold = runner.probe("app", str(db), prepare=runner.forget_findings)["first_frame"]
    runner.run(reseau(db, "due"))  # the file as reseau leaves it: its scan kept
    app = runner.probe("app", str(db))
    floor_start = bare["first_frame"] + parsed["parse"]
    rows.append(
        _ratio_row(
            "start: process to first frame with data",
            app["first_frame"],
            floor_start,
            "s",
            1.3,
            f"bare Textual {bare['first_frame']:.2f} s + orjson parse {parsed['parse']:.2f} s",
        )
    )
    rows.append(
        Row(
            "start: to the first idle frame (footer drawn, ready for keys)",
            app["idle_frame"],
            None,
            "s",
            "for information",
            None,
            "",
            "Textual settles (the footer lays out its keys) after the first frame with data",
        )
    )
    rows.append(_unkept_row("start, first open after another program changed the file", cold))

    out("reseau log and reseau due from the shell…")
    name = unique_name(db)
    floor_save = runner.wall(
        [sys.executable, "-m", "benchmarks.probes", "save", str(db)],
        prepare=lambda: _copy(data, work),
    )
    log_command = reseau(db, "log", name, "--note", "Coffee; great advice on supply chains")

    def opened_before() -> None:  # a fresh copy that reseau has opened once, as day to day
        _copy(data, work)
        runner.run(reseau(db, "due"))

    log = runner.wall(log_command, prepare=opened_before)
    log_cold = runner.wall(log_command, prepare=lambda: _copy(data, work))
    rows.append(
        _ratio_row(
            "reseau log (one meeting, saved)",
            log,
            floor_save,
            "s",
            1.5,
            "python + orjson load + atomic orjson save",
        )
    )
    rows.append(
        _unkept_row("reseau log, first run after another program changed the file", log_cold)
    )
    if peer:
        exe, problem = jrnl_command(out)
        if exe is not None:
            out("jrnl adding one entry to a journal of the same size…")
            peer_time, problem = jrnl_add(runner, exe, data, mode.jrnl_timeout)
        else:
            peer_time = None
        bound = (
            f"; the floor itself is {peer_time / floor_save:.1f}× faster than jrnl"
            if peer_time is not None
            else ""
        )
        rows.append(
            Row(
                "jrnl adding one entry (peer)",
                log,
                peer_time,
                "s",
                "reseau log ≥ 10× faster",
                _far_ahead(log, peer_time, problem, mode.jrnl_timeout),
                "jrnl " + (f"{peer_time:.2f} s{bound}" if peer_time is not None else problem),
                f"{problem}: reseau log is over {mode.jrnl_timeout / log:.0f}× faster"
                if problem.startswith("stopped")
                else problem
                if peer_time is None
                else f"reseau log is {peer_time / log:.1f}× faster{bound}",
            )
        )
    db = _copy(data, work)
    floor_load = runner.wall([sys.executable, "-m", "benchmarks.probes", "parse", str(db)])
    due_cold = runner.wall(reseau(db, "due"), prepare=runner.forget_findings)
    due = runner.wall(reseau(db, "due"))
    rows.append(_ratio_row("reseau due", due, floor_load, "s", 1.3, "python + orjson load"))
    rows.append(_unkept_row("reseau due, first run after another program changed it", due_cold))

    def shell_log() -> None:  # a meeting logged from the shell: it notes what it changed
        runner.run(reseau(db, "log", name, "--note", "Quick call"))

    due_after_log = runner.wall(reseau(db, "due"), prepare=shell_log)
    app_after_log = runner.probe("app", str(db), prepare=shell_log)["first_frame"]
    note = "the kept findings, with the shell's change replayed on them"
    rows.append(
        Row(
            "reseau due, after reseau log",
            due_after_log,
            None,
            "s",
            "for information",
            None,
            "",
            note,
        )
    )
    rows.append(
        Row("start, after reseau log", app_after_log, None, "s", "for information", None, "", note)
    )

    out("in the app: filtering, scrolling, ticks, saving…")
    session = json.loads(
        runner.run([sys.executable, "-m", "benchmarks.session", str(db)]).stdout.strip()
    )
    fc, fj, sc = session["filter_contacts"], session["filter_journal"], session["scroll"]
    rows.append(
        _ms_row(
            "filter contacts, per keystroke (CPU)",
            fc["median"],
            FRAME_MS,
            f"median of {fc['count']} keys, worst {fc['max']:.1f} ms; "
            f"/ itself {fc['open_filter_ms']:.1f} ms",
        )
    )
    rows.append(
        _ms_row(
            "filter journal full text, per keystroke (CPU)",
            fj["median"],
            FRAME_MS,
            f"{fj['rows']:,} meetings; median of {fj['count']} keys, worst {fj['max']:.1f} ms; "
            f"/ itself {fj['open_filter_ms']:.1f} ms",
        )
    )
    rows.append(
        _ms_row(
            "scroll and page, per key (CPU)",
            sc["median"],
            FRAME_MS,
            f"median of {sc['count']} keys, worst {sc['max']:.1f} ms",
        )
    )
    tick = session["tick"]
    rows.append(
        _ms_row(
            "timer tick, nothing changes (CPU)",
            tick["quiet"]["median"],
            5.0,
            f"worst {tick['quiet']['max']:.2f} ms",
        )
    )
    if tick["changing"]:
        rows.append(
            _ms_row(
                "timer tick, an item changes state: the engine (CPU)",
                tick["engine"]["median"],
                5.0,
                f"worst {tick['engine']['max']:.2f} ms",
            )
        )
        rows.append(
            _ms_row(
                "timer tick, an item changes state: whole tick (CPU)",
                tick["changing"]["median"],
                5.0,
                f"engine and new rows for the lists; worst {tick['changing']['max']:.1f} ms",
            )
        )
        rows.append(
            _ms_row(
                "timer tick, an item changes state: the frame showing it (CPU)",
                tick["frame"]["median"],
                FRAME_MS,
                f"Textual repaints the rows that changed; worst {tick['frame']['max']:.1f} ms",
            )
        )
    save = session["save_meeting"]
    rows.append(
        _ms_row(
            "save a meeting: UI thread, the save (CPU)",
            save["change_ms"],
            FRAME_MS,
            "operation applied, queue and panes updated; the commit runs on a worker",
        )
    )
    rows.append(
        Row(
            "save a meeting: UI thread, whole key (CPU)",
            save["ui_thread_ms"],
            None,
            "ms",
            "for information",
            None,
            "",
            "ctrl+s to the main screen redrawn whole: closing the form is Textual's work",
        )
    )
    durable = save["durable_s"]
    rows.append(
        Row(
            "save a meeting: durable on disk (wall)",
            durable,
            2.0,
            "s",
            "≤ 2 s",
            durable is not None and durable <= 2.0,
            "target",
            "includes the 0.4 s debounce",
        )
    )
    rows.append(
        _ms_row(
            "save a meeting: longest UI stall while committing",
            save["loop_stall_ms"],
            FRAME_MS,
            "typing stays fluid",
        )
    )

    out("import of a LinkedIn export…")
    empty = work / "imported.json"

    def fresh() -> None:
        for stale in work.glob("imported.json*"):
            stale.unlink()

    imported = runner.wall(
        reseau(empty, "import", "linkedin", str(data / "Connections.csv")), prepare=fresh
    )
    rows.append(
        Row(
            f"import {mode.size.contacts:,} LinkedIn rows, saved",
            imported,
            5.0,
            "s",
            "≤ 5 s",
            imported <= 5.0,
            "target",
            "into a new database",
        )
    )

    rows.append(
        _ratio_row(
            "memory: peak RSS of the TUI",
            app["rss_mb"],
            parsed["rss_mb"],
            "MB",
            2.5,
            "python + the parsed file",
        )
    )
    return rows


def _far_ahead(log: float, peer: float | None, problem: str, timeout: float) -> bool | None:
    """Ten times faster or more; a peer stopped at the timeout counts at the timeout."""
    if peer is None and not problem.startswith("stopped"):
        return None
    return log * 10 <= (peer if peer is not None else timeout)


def _unkept_row(metric: str, seconds: float) -> Row:
    """A run with nothing kept from the previous one: for information, beside its target row."""
    note = "nothing kept from a previous run: the whole journal is scanned once"
    return Row(metric, seconds, None, "s", "for information", None, "", note)


def _ratio_row(metric: str, value: float, floor: float, unit: str, limit: float, label: str) -> Row:
    return Row(metric, value, floor, unit, f"≤ {limit}× floor", value <= limit * floor, label)


def _ms_row(metric: str, value: float, limit: float, note: str) -> Row:
    return Row(metric, value, limit, "ms", f"≤ {limit:g} ms", value <= limit, "target", note)


# --- output ----------------------------------------------------------------------------


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f} ms" if value < 1 else f"{value:.1f} ms"


def table(rows: list[Row]) -> list[str]:
    header = ("metric", "reseau", "floor or peer", "ratio", "target", "result")
    lines = [header]
    for r in rows:
        floor = r.floor_label if r.floor_label and r.floor_label != "target" else ""
        floor_text = _fmt(r.floor, r.unit) + (f" ({floor})" if floor else "")
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None and r.floor_label != "target" else ""
        if r.floor_label.startswith("jrnl"):  # a peer, not a floor: how much faster reseau is
            floor_text = r.floor_label
            ratio = f"{1 / r.ratio:.1f}× faster" if r.ratio else ""
        verdict = "n/a" if r.passed is None else "pass" if r.passed else "FAIL"
        lines.append((r.metric, _fmt(r.reseau, r.unit), floor_text, ratio, r.target, verdict))
    return ["| " + " | ".join(cells) + " |" for cells in [lines[0], ("---",) * 6, *lines[1:]]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="3,000 contacts, 10,000 meetings")
    size.add_argument("--tiny", action="store_true", help="200 and 600: checks the harness")
    parser.add_argument("--no-peer", action="store_true", help="do not install or run jrnl")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    mode = MODES["tiny" if args.tiny else "quick" if args.quick else "full"]

    def out(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    began = time.perf_counter()
    rows = measure(mode, args.seed, not args.no_peer, out)
    lines = table(rows)
    print("\n".join(lines))
    failed = [r.metric for r in rows if r.passed is False]
    out(f"{len(rows)} measurements in {time.perf_counter() - began:.0f} s; failed: {len(failed)}")
    if args.json:
        report = {
            "mode": mode.name,
            "contacts": mode.size.contacts,
            "meetings": mode.size.meetings,
            "seed": args.seed,
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "system": platform.platform(),
            },
            "rows": [asdict(r) | {"ratio": r.ratio} for r in rows],
            "table": lines,
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
