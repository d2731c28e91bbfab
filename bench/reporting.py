"""What every benchmark script shares: percentiles, a description of the machine, and writing its
own section of BENCHMARKS.md without touching the others.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "BENCHMARKS.md"


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..1); 0.0 for no values."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown CPU"
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
    return match[1].strip() if match else platform.processor() or "unknown CPU"


def machine(*, with_load: bool = False) -> str:
    """`nproc 2, <CPU>; Python 3.11.7; 2026-11-27` — benchmark numbers mean nothing without it."""
    text = (
        f"nproc {len(os.sched_getaffinity(0))}, {cpu_model()}; Python {platform.python_version()}; "
        f"{dt.date.today().isoformat()}"
    )
    if with_load:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        text += f"; load average at start {load} (shared machine)"
    return text


def write_section(title: str, body: str, path: Path = BENCHMARKS) -> None:
    """Replace the `## <title>` section of BENCHMARKS.md (or append it), keeping every other one."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.M | re.S)
    block = f"## {title}\n\n{body.strip()}\n\n"
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block
    path.write_text(text.rstrip() + "\n", encoding="utf-8")
