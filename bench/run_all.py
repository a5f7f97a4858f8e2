"""`make bench`: every benchmark in turn, each printing its own Markdown section.

Figures in BENCHMARKS.md come from these commands; they read gold data from ../shared/eval.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def help_latency(runs: int = 10) -> None:
    """Wall time of `aligner --help` (the console script, as a user runs it)."""
    aligner = Path(sys.executable).parent / "aligner"
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(aligner), "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    print("## `aligner --help` latency\n")
    print(f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {runs} runs\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    args = parser.parse_args()
    help_latency()
    shared = ["--shared", args.shared]
    for script, extra in (("split_accuracy.py", []), ("embed_speed.py", []), ("cli_gold.py", shared),
                          ("align_gold.py", ["--timing"]), ("check_speed.py", shared),
                          ("detect_gold.py", shared), ("uncertainty.py", shared), ("reliability.py", shared), ("catalogues.py", []),
                          ("manpages.py", [])):
        print(f"<!-- python bench/{script} {' '.join(extra)} -->", flush=True)
        subprocess.run([sys.executable, str(HERE / script), *extra], check=True)
        print(flush=True)


if __name__ == "__main__":
    main()
