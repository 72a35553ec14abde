"""The benchmark keeps working: its smallest run prints the table and writes valid JSON.

Timings are not judged here (they belong to the benchmark, on a quiet machine);
this only proves that every measurement still runs end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_tiny_benchmark_prints_a_table_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESEAU_")}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--tiny", "--no-peer", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("| metric | reseau | floor or peer | ratio | target | result |")
    report = json.loads(out.read_text())
    assert report["mode"] == "tiny"
    metrics = {row["metric"] for row in report["rows"]}
    assert any(m.startswith("start") for m in metrics)
    assert any(m.startswith("filter journal") for m in metrics)
    assert any(m.startswith("import") for m in metrics)
    assert len(lines) == len(report["rows"]) + 2
    for row in report["rows"]:
        assert row["reseau"] is None or row["reseau"] >= 0
        assert row["passed"] in (True, False, None)
