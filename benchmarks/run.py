"""Every target of the scale issue, as a ratio to its floor measured in the same run.

    python -m benchmarks.run                    30,000 contacts, 100,000 meetings
    python -m benchmarks.run --quick            3,000 and 10,000: about a minute
    python -m benchmarks.run --both --runs 3 --markdown
                                                both sizes, three runs each: the README's table
    python -m benchmarks.run --tiny --no-peer   what the test suite runs to keep this working
    python -m benchmarks.run --json out.json    also write the results as JSON

Each figure of reseau stands beside the same work done with nothing of reseau:

- the frame floor: a bare Textual app of the same layout and rows
  (`benchmarks.floor_app`), driven through the same keys by the same harness
  (`benchmarks.harness`) as the real app (`benchmarks.session`);
- the CLI floor: `python -c` importing orjson alone, parsing the same file
  (and for a writer, saving it atomically: temp file, fsync, replace, fsync of
  the folder); for `--version` and `--help`, a bare `python -c pass`;
- the start floor: a bare Textual app's first frame plus the orjson parse;
- jrnl, a peer, adding one entry to a journal of the same meetings.

Commands are timed from spawn to exit, alternating with their floor, the
median of a few runs; keys are CPU time in the app (see `benchmarks.harness`).
With `--runs N` the whole measurement is made N times: the table gives the
median and the spread (lowest to highest) of each ratio, and says in how many
runs the target held. The data is generated once per size, seed and day,
under benchmarks/results/.
"""

from __future__ import annotations

import argparse
import compileall
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
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from benchmarks import generate

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
SAVE_DELAY = 0.4  # the app's debounce before a commit (`benchmarks.session`)

# The CLI floors: what any program reading (or saving) this file must at least do.
READ_FLOOR = """\
import gc, sys, orjson
gc.disable()
orjson.loads(open(sys.argv[1], 'rb').read())
"""
WRITE_FLOOR = """\
import gc, os, sys, time, orjson
gc.disable()
path = sys.argv[1]
data = orjson.loads(open(path, 'rb').read())
began = time.perf_counter()
data.setdefault('meetings', {})['floor'] = {'id': 'floor', 'note': 'one more'}
tmp = path + '.floor-tmp'
fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, orjson.dumps(data))
os.fsync(fd)
os.close(fd)
os.replace(tmp, path)
folder = os.open(os.path.dirname(path) or '.', os.O_RDONLY)
os.fsync(folder)
os.close(folder)
print(time.perf_counter() - began)
"""
IMPORT_FLOOR = """\
import csv, gc, os, sys, orjson
gc.disable()
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
docs = {str(n): dict(zip(rows[3], row)) for n, row in enumerate(rows[4:])}
tmp = sys.argv[2] + '.floor-tmp'
fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, orjson.dumps({'contacts': docs}))
os.fsync(fd)
os.close(fd)
os.replace(tmp, sys.argv[2])
"""


@dataclass
class Row:
    """One measurement: reseau's figure, its floor's, and the target on their ratio.

    `limit` is the highest ratio allowed (None: for information); `absolute`, a
    target in the row's own unit instead (the time a save may take to be durable).
    `peer`: the floor is another program doing the same task, which reseau must beat.
    """

    metric: str
    reseau: float | None
    floor: float | None
    unit: str
    floor_label: str
    limit: float | None = None
    absolute: float | None = None
    note: str = ""
    peer: bool = False  # the "floor" is a peer program: reseau must be faster (ratio < 1)

    @property
    def ratio(self) -> float | None:
        if self.reseau is None or not self.floor:
            return None
        return self.reseau / self.floor

    @property
    def passed(self) -> bool | None:
        if self.absolute is not None:
            return self.reseau is not None and self.reseau <= self.absolute
        if self.limit is None:
            return None
        if self.peer:
            return self.ratio is not None and self.ratio < self.limit
        return self.ratio is not None and self.ratio <= self.limit

    @property
    def target(self) -> str:
        if self.absolute is not None:
            return f"≤ {_fmt(self.absolute, self.unit)}"
        if self.limit is None:
            return "for information"
        if self.peer:
            return "faster than the peer (ratio < 1)"
        return f"≤ {self.limit:g}× floor"


@dataclass(frozen=True)
class Mode:
    name: str
    size: generate.Size
    repeat: int
    jrnl_timeout: float

    @property
    def label(self) -> str:
        return f"{self.size.contacts:,} / {self.size.meetings:,}"


MODES = {
    "full": Mode("full", generate.Size(30_000, 100_000), 5, 120.0),
    "quick": Mode("quick", generate.Size(3_000, 10_000), 5, 60.0),
    "tiny": Mode("tiny", generate.Size(200, 600), 1, 30.0),
}


# --- running things --------------------------------------------------------------------


def _env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RESEAU_", "LC_")) and k != "PYTHONDONTWRITEBYTECODE"
    }
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


def compile_sources() -> None:
    """Byte-compile reseau and the benchmark, as installing a package does.

    Without it, a checkout run with PYTHONDONTWRITEBYTECODE (or from a
    read-only tree) compiles every module at every start: tens of
    milliseconds that no installed reseau pays, and no floor either.
    """
    for package in ("reseau_tui", "benchmarks"):
        compileall.compile_dir(HERE.parent / package, quiet=1)


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

    def _timed(self, args: Sequence[str], prepare: Callable[[], None] | None) -> float:
        if prepare is not None:
            prepare()
        began = time.perf_counter()
        self.run(args)
        return time.perf_counter() - began

    def pair(
        self,
        floor: Sequence[str],
        command: Sequence[str],
        prepare: Callable[[], None] | None = None,
        floor_prepare: Callable[[], None] | None = None,
        times: int | None = None,
    ) -> tuple[float, float]:
        """Median wall times of a floor and of a command, run in turn (a busy moment hits both)."""
        floors, commands = [], []
        for _ in range(times or self.repeat):
            floors.append(self._timed(floor, floor_prepare or prepare))
            commands.append(self._timed(command, prepare))
        return statistics.median(floors), statistics.median(commands)

    def wall(self, args: Sequence[str], prepare: Callable[[], None] | None = None) -> float:
        """Median wall time of a command, from spawn to exit."""
        return statistics.median(self._timed(args, prepare) for _ in range(self.repeat))

    def forget_findings(self) -> None:
        """Remove what reseau kept of its last scans: the next run scans the whole file."""
        shutil.rmtree(Path(self.env["XDG_CACHE_HOME"]) / "reseau", ignore_errors=True)

    def probe(self, *args: str, prepare: Callable[[], None] | None = None) -> dict[str, Any]:
        """One run of a probe; `first_frame` is its `t` less the moment it was spawned."""
        if prepare is not None:
            prepare()
        began = time.monotonic()
        done = self.run([sys.executable, "-m", "benchmarks.probes", *args])
        values: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        if values.get("t"):
            values["first_frame"] = values["t"] - began
        if values.get("idle"):
            values["idle_frame"] = values["idle"] - began
        return values

    def probes(
        self, *kinds: tuple[str, ...], prepare: Callable[[], None] | None = None
    ) -> list[dict[str, Any]]:
        """Several probes run in turn, `repeat` times: the median of each of their figures."""
        samples: list[list[dict[str, Any]]] = [[] for _ in kinds]
        for _ in range(self.repeat):
            for n, args in enumerate(kinds):
                samples[n].append(self.probe(*args, prepare=prepare))
        return [_medians(s) for s in samples]


def _medians(samples: list[dict[str, Any]]) -> dict[str, Any]:
    keys = {k for s in samples for k in s if isinstance(s[k], int | float)}
    return {k: statistics.median(s[k] for s in samples if k in s) for k in keys}


def reseau(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reseau_tui", "--db", str(db), *args]


def python_c(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


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
    """A contact's full name that no one else has, for `reseau log NAME` and `reseau show NAME`."""
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


@dataclass
class Context:
    mode: Mode
    data: Path
    work: Path
    runner: Runner
    db: Path
    name: str
    rows: list[Row] = field(default_factory=list)
    start_floor: float = 0.0

    def fresh(self) -> None:
        """A fresh copy of the database, as the generator wrote it."""
        _copy(self.data, self.work)

    def opened_before(self) -> None:
        """A fresh copy that reseau has opened once, as day to day (what it found is kept)."""
        _copy(self.data, self.work)
        self.runner.run(reseau(self.db, "due"))


def _measure(
    mode: Mode, data: Path, work: Path, peer: bool, out: Callable[[str], None]
) -> list[Row]:
    runner = Runner(work, mode.repeat)
    (work / "home").mkdir()
    db = _copy(data, work)
    ctx = Context(mode, data, work, runner, db, unique_name(db))
    out("--version and --help beside a bare python…")
    _bare_commands(ctx)
    out("start: bare Textual app and orjson parse, reseau's TUI…")
    _start(ctx)
    out("shell commands beside python and orjson alone…")
    _commands(ctx, peer, out)
    out("in the app, and in a bare Textual app of the same layout: keys, ticks, saves…")
    _keys(ctx)
    out("import of a LinkedIn export…")
    _import(ctx)
    return ctx.rows


def _bare_commands(ctx: Context) -> None:
    bare = python_c("pass")
    times = max(ctx.mode.repeat, 9)  # a few hundredths of a second each: cheap to repeat
    for option in ("--version", "--help"):
        command = [sys.executable, "-m", "reseau_tui", option]  # as people type it
        floor, value = ctx.runner.pair(bare, command, times=times)
        ctx.rows.append(Row(f"reseau {option}", value, floor, "s", "python -c pass", 2.0))


def _start(ctx: Context) -> None:
    runner, db = ctx.runner, ctx.db
    runner.run(reseau(db, "due"))  # the file as reseau leaves it: its scan kept
    bare, parsed, app = runner.probes(("bare",), ("parse", str(db)), ("app", str(db)))
    floor = ctx.start_floor = bare["first_frame"] + parsed["parse"]
    label = "a bare Textual app's first frame + the orjson parse of the file"
    rows = ctx.rows
    rows.append(
        Row("start: process to first frame with data", app["first_frame"], floor, "s", label, 1.3)
    )
    rows.append(
        Row(
            "start: to the first idle frame (footer drawn, ready for keys)",
            app["idle_frame"],
            floor,
            "s",
            label,
            note="Textual settles (the footer lays out its keys) after the first frame with data",
        )
    )
    cold = runner.probe("app", str(db), prepare=runner.forget_findings)["first_frame"]
    rows.append(
        _unkept_row("start, first open after another program changed the file", cold, floor, label)
    )
    ctx.rows.append(
        Row(
            "memory: peak RSS of the TUI",
            app["rss_mb"],
            parsed["rss_mb"],
            "MB",
            "python + the parsed file",
            2.5,
        )
    )


def _commands(ctx: Context, peer: bool, out: Callable[[str], None]) -> None:
    runner, db, rows, name = ctx.runner, ctx.db, ctx.rows, ctx.name
    read = python_c(READ_FLOOR, str(db))
    write = python_c(WRITE_FLOOR, str(db))
    read_label, write_label = "python + orjson load", "python + orjson load + atomic save"

    log_command = reseau(db, "log", name, "--note", "Coffee; great advice on supply chains")
    floor_save, log = runner.pair(write, log_command, ctx.opened_before, ctx.fresh)
    rows.append(Row("reseau log (one meeting, saved)", log, floor_save, "s", write_label, 1.5))
    cold = runner.wall(log_command, prepare=ctx.fresh)
    rows.append(
        _unkept_row(
            "reseau log, first run after another program changed the file",
            cold,
            floor_save,
            write_label,
        )
    )
    if peer:
        rows.append(_jrnl_row(ctx, log, out))

    ctx.fresh()
    runner.run(reseau(db, "due"))
    for metric, args in (
        ("reseau due", ("due",)),
        ("reseau contacts NAME", ("contacts", name.split()[-1])),
        ("reseau show NAME", ("show", name)),
    ):
        floor, value = runner.pair(read, reseau(db, *args))
        rows.append(Row(metric, value, floor, "s", read_label, 1.3))
    floor = runner.wall(read)
    due_cold = runner.wall(reseau(db, "due"), prepare=runner.forget_findings)
    rows.append(
        _unkept_row(
            "reseau due, first run after another program changed it", due_cold, floor, read_label
        )
    )

    def shell_log() -> None:  # a meeting logged from the shell: it notes what it changed
        runner.run(reseau(db, "log", name, "--note", "Quick call"))

    due_after_log = runner.wall(reseau(db, "due"), prepare=shell_log)
    note = "the kept findings, with the shell's change replayed on them"
    rows.append(
        Row("reseau due, after reseau log", due_after_log, floor, "s", read_label, note=note)
    )
    app = runner.probe("app", str(db), prepare=shell_log)
    rows.append(
        Row(
            "start, after reseau log",
            app["first_frame"],
            ctx.start_floor,
            "s",
            "a bare Textual app's first frame + the orjson parse of the file",
            note=note,
        )
    )


def _jrnl_row(ctx: Context, log: float, out: Callable[[str], None]) -> Row:
    """reseau log beside jrnl adding an entry: the ratio must stay below 1 (reseau faster)."""
    exe, problem = jrnl_command(out)
    peer_time = None
    if exe is not None:
        out("jrnl adding one entry to a journal of the same size…")
        peer_time, problem = jrnl_add(ctx.runner, exe, ctx.data, ctx.mode.jrnl_timeout)
    timeout = ctx.mode.jrnl_timeout
    if peer_time is None and problem.startswith("stopped"):
        peer_time = timeout  # still adding at the timeout: counted at the timeout
        problem = f"jrnl {problem}: counted at {timeout:.0f} s"
    label = problem or "jrnl adding one entry"
    note = f"reseau log is {peer_time / log:.1f}× faster" if peer_time else problem
    return Row(
        "reseau log beside jrnl (peer)", log, peer_time, "s", label, 1.0, note=note, peer=True
    )


def _keys(ctx: Context) -> None:
    runner, rows = ctx.runner, ctx.rows
    db = _copy(ctx.data, ctx.work)
    runner.run(reseau(db, "due"))
    session = json.loads(
        runner.run([sys.executable, "-m", "benchmarks.session", str(db)]).stdout.strip()
    )
    floor = json.loads(
        runner.run(
            [sys.executable, "-m", "benchmarks.floor_app", str(db), str(session["queue_rows"])]
        ).stdout.strip()
    )
    label = "bare Textual app, same layout and keys"
    for key, metric in (
        ("filter_contacts", "filter contacts, per keystroke (CPU)"),
        ("filter_journal", "filter journal full text, per keystroke (CPU)"),
        ("scroll", "scroll and page, per key (CPU)"),
    ):
        mine, its = session[key], floor[key]
        rows.append(
            Row(
                metric,
                mine["median"],
                its["median"],
                "ms",
                label,
                1.5,
                note=f"the median of {mine['count']} keys",
            )
        )
    tick, floor_tick = session["tick"], floor["tick"]
    if tick["changing"]:
        rows.append(
            Row(
                "timer tick that changes an item, with its frame (CPU)",
                tick["changing"]["median"],
                floor_tick["changing"]["median"],
                "ms",
                label,
                1.5,
                note="the queue, the lists and the notice brought up to date, then drawn",
            )
        )
    rows.append(
        Row(
            "timer tick, nothing changes (CPU)",
            tick["quiet"]["median"],
            floor_tick["changing"]["median"],
            "ms",
            "the floor's tick that changes an item",
            note="most ticks: nothing is due to change before the next",
        )
    )
    if "network_view" in session:
        rows.append(
            Row(
                "network view opens (CPU)",
                session["network_view"]["median"],
                floor["network_view"]["median"],
                "ms",
                "a screen of figures opening",
                note="the key that opens it, to the view drawn and idle",
            )
        )
    save, floor_save = session["save_meeting"], floor["save_meeting"]
    rows.append(
        Row(
            "save a meeting: the whole key, ctrl+s to the main screen idle (UI thread CPU)",
            save["median"],
            floor_save["median"],
            "ms",
            label,
            3.0,
            note="the form closed, the operation applied, the panes redrawn; "
            "the commit runs on a worker",
        )
    )
    rows.append(
        Row(
            "save a meeting: the operation applied, queue and panes updated (UI thread CPU)",
            save["change_ms"],
            floor_save["median"],
            "ms",
            "the floor's whole save key",
        )
    )
    rows.append(
        Row(
            "save a meeting: longest UI stall while committing",
            save["loop_stall_ms"],
            floor["scroll"]["median"],
            "ms",
            "the floor's frame for one key",
            note="typing stays fluid while the worker writes",
        )
    )
    saved = _save_floor(ctx)
    rows.append(
        Row(
            "save a meeting: durable on disk (wall)",
            save["durable_s"],
            SAVE_DELAY + saved,
            "s",
            f"the {SAVE_DELAY} s debounce + an atomic orjson save of the file",
            absolute=2.0,
        )
    )


def _save_floor(ctx: Context) -> float:
    """How long an atomic orjson save of the file takes, once it is parsed."""
    saves = []
    for _ in range(ctx.mode.repeat):
        ctx.fresh()
        done = ctx.runner.run(python_c(WRITE_FLOOR, str(ctx.db)))
        saves.append(float(done.stdout.strip()))
    return statistics.median(saves)


def _import(ctx: Context) -> None:
    work, runner = ctx.work, ctx.runner
    empty = work / "imported.json"
    csv_file = ctx.data / "Connections.csv"

    def fresh() -> None:
        for stale in work.glob("imported.json*"):
            stale.unlink()

    floor, value = runner.pair(
        python_c(IMPORT_FLOOR, str(csv_file), str(empty)),
        reseau(empty, "import", "linkedin", str(csv_file)),
        prepare=fresh,
        times=min(ctx.mode.repeat, 3),
    )
    rows = ctx.rows
    rows.append(
        Row(
            "import LinkedIn rows, saved",
            value,
            floor,
            "s",
            "python + csv read + atomic orjson save",
            absolute=5.0,
            note="a LinkedIn export of as many rows as contacts, into a new database",
        )
    )


def _unkept_row(metric: str, seconds: float, floor: float, label: str) -> Row:
    """A run with nothing kept from the previous one: for information, beside its target row."""
    note = "nothing kept from a previous run: the whole journal is scanned once"
    return Row(metric, seconds, floor, "s", label, note=note)


# --- several runs and sizes -------------------------------------------------------------


@dataclass
class Summary:
    """One metric over several runs of one size."""

    rows: list[Row]

    def _median(self, values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return statistics.median(known) if known else None

    @property
    def first(self) -> Row:
        return self.rows[0]

    @property
    def reseau(self) -> float | None:
        return self._median([r.reseau for r in self.rows])

    @property
    def floor(self) -> float | None:
        return self._median([r.floor for r in self.rows])

    @property
    def ratios(self) -> list[float]:
        return [r.ratio for r in self.rows if r.ratio is not None]

    @property
    def passes(self) -> tuple[int, int]:
        judged = [r.passed for r in self.rows if r.passed is not None]
        return sum(judged), len(judged)


def summarize(runs: list[list[Row]]) -> dict[str, Summary]:
    """Rows of several runs, by metric, in the order of the first run."""
    by_metric: dict[str, Summary] = {}
    for rows in runs:
        for row in rows:
            by_metric.setdefault(row.metric, Summary([])).rows.append(row)
    return by_metric


# --- output ----------------------------------------------------------------------------


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s" if value < 0.1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f} ms" if value < 1 else f"{value:.1f} ms"


def _ratio(summary: Summary) -> str:
    ratios = summary.ratios
    if not ratios:
        return "—"
    median = statistics.median(ratios)
    if len(ratios) == 1:
        return f"{median:.2f}×"
    return f"{median:.2f}× ({min(ratios):.2f}–{max(ratios):.2f})"


def _verdict(summaries: list[Summary]) -> str:
    passed = judged = 0
    for s in summaries:
        p, j = s.passes
        passed, judged = passed + p, judged + j
    if not judged:
        return "n/a"
    word = "pass" if passed == judged else "FAIL"
    return word if judged == 1 else f"{word} ({passed}/{judged} runs)"


def table(results: dict[str, list[list[Row]]]) -> list[str]:
    """The results of every size as one table: a metric per line, each size's columns beside."""
    sizes = list(results)
    summaries = {mode: summarize(runs) for mode, runs in results.items()}
    metrics: list[str] = []
    for by_metric in summaries.values():
        metrics += [m for m in by_metric if m not in metrics]
    header = ["metric", "target"]
    for mode in sizes:
        label = MODES[mode].label
        header += [f"reseau {label}", "floor", "ratio"]
    header += ["result"]
    lines = [header, ["---"] * len(header)]
    for metric in metrics:
        present = [summaries[mode][metric] for mode in sizes if metric in summaries[mode]]
        first = present[0].first
        cells = [metric, first.target]
        for mode in sizes:
            s = summaries[mode].get(metric)
            if s is None:
                cells += ["", "", ""]
                continue
            cells += [_fmt(s.reseau, first.unit), _fmt(s.floor, first.unit), _ratio(s)]
        cells.append(_verdict(present))
        lines.append(cells)
    return ["| " + " | ".join(cells) + " |" for cells in lines]


def floors_legend(results: dict[str, list[list[Row]]]) -> list[str]:
    """What each metric's floor is (and any note), as a list below the table."""
    seen: dict[str, str] = {}
    for runs in results.values():
        for row in runs[0]:
            key = row.metric
            if key not in seen:
                note = f"; {row.note}" if row.note else ""
                seen[key] = f"- {key}: floor = {row.floor_label}{note}"
    return list(seen.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="3,000 contacts, 10,000 meetings")
    size.add_argument("--tiny", action="store_true", help="200 and 600: checks the harness")
    size.add_argument("--both", action="store_true", help="3,000/10,000 then 30,000/100,000")
    parser.add_argument("--runs", type=int, default=1, help="measure everything this many times")
    parser.add_argument("--no-peer", action="store_true", help="do not install or run jrnl")
    parser.add_argument("--markdown", action="store_true", help="the table and what each floor is")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    if args.both:
        modes = ["quick", "full"]
    else:
        modes = ["tiny" if args.tiny else "quick" if args.quick else "full"]

    def out(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    began = time.perf_counter()
    compile_sources()
    results: dict[str, list[list[Row]]] = {}
    for run in range(args.runs):
        for mode in modes:
            if args.runs > 1:
                out(f"run {run + 1} of {args.runs}, {MODES[mode].label}:")
            results.setdefault(mode, []).append(
                measure(MODES[mode], args.seed, not args.no_peer, out)
            )
    lines = table(results)
    print("\n".join(lines))
    if args.markdown:
        print()
        print(f"{args.runs} run(s) of each size; ratio: median (lowest–highest) over the runs.")
        print()
        print("\n".join(floors_legend(results)))
    failed = sum(1 for runs in results.values() for rows in runs for r in rows if r.passed is False)
    count = sum(len(rows) for runs in results.values() for rows in runs)
    out(f"{count} measurements in {time.perf_counter() - began:.0f} s; failed: {failed}")
    if args.json:
        report = {
            "modes": modes,
            "runs": args.runs,
            "seed": args.seed,
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "system": platform.platform(),
            },
            "results": {
                mode: [
                    [
                        asdict(r) | {"ratio": r.ratio, "passed": r.passed, "target": r.target}
                        for r in rows
                    ]
                    for rows in runs
                ]
                for mode, runs in results.items()
            },
            "table": lines,
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
