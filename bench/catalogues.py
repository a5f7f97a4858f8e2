"""How often the checker flags real software translations: the German gettext catalogues of the
machine's own programs (Debian's /usr/share/locale/de/LC_MESSAGES/*.mo), checked as PO files.

  python bench/catalogues.py [--names apt grep ... | --all] [--keep DIR] [--show]

Each catalogue is decompiled with gettext's `msgunfmt` and checked with
`aligner check X.po --format jsonl`. These translations are mature and reviewed, so most flags
are wrong ones; there is no gold, so the table counts flags (warnings and errors) per rule and per
1,000 messages, and `--show` prints each flag to be read by hand (BENCHMARKS.md says what the
reading found). Prose benchmarks cannot show this kind of text: option lists of --help output,
printf placeholders, one-word menu entries, paper-size names.

Skipped, with a note, when msgunfmt or the catalogues are missing (another machine).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

LOCALE = Path("/usr/share/locale/de/LC_MESSAGES")
# Command-line tools, a package manager and two GUI toolkits' catalogues: short option texts, long
# --help texts and menu strings. The whole set takes about nine minutes on the development machine.
DEFAULT_NAMES = ("adduser", "apt", "grep", "findutils", "diffutils", "PackageKit", "dpkg", "gtk30", "glib20",
                 "appstream", "coreutils")


def check(name: str, folder: Path) -> dict:
    po = folder / f"{name}.po"
    # msgunfmt's warnings ("should not contain the '\\a' escape") are about the catalogue, not the check.
    subprocess.run(["msgunfmt", str(LOCALE / f"{name}.mo"), "-o", str(po)], check=True, capture_output=True)
    aligner = Path(sys.executable).parent / "aligner"
    started = time.perf_counter()
    result = subprocess.run([str(aligner), "check", str(po), "--format", "jsonl"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    (folder / f"{name}.jsonl").write_text(result.stdout, encoding="utf-8")
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    flags = [(report["id"], finding) for report in reports for finding in report["findings"]
             if finding["severity"] in ("warning", "error")]
    return {"name": name, "messages": len(reports), "seconds": seconds, "flags": flags}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", nargs="+", default=list(DEFAULT_NAMES), help="catalogues to check")
    parser.add_argument("--all", action="store_true", help="every German catalogue of the machine")
    parser.add_argument("--keep", help="write the PO files and reports to this folder")
    parser.add_argument("--show", action="store_true", help="print every flag")
    args = parser.parse_args()
    print("## Real software catalogues (`python bench/catalogues.py`)\n")
    if not shutil.which("msgunfmt") or not LOCALE.is_dir():
        print(f"Skipped: needs gettext's msgunfmt and the German catalogues in {LOCALE}.\n")
        return
    names = sorted(path.stem for path in LOCALE.glob("*.mo")) if args.all else args.names
    missing = [name for name in names if not (LOCALE / f"{name}.mo").exists()]
    if missing:  # machines differ in the packages they carry: say so, as the totals then differ
        print(f"Not on this machine, left out: {', '.join(missing)}.\n")
    names = [name for name in names if name not in missing]
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="aligner-catalogues-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = [check(name, folder) for name in names]
    rules = sorted({finding["rule"] for result in results for _, finding in result["flags"]})
    print("| catalogue | messages checked | flags | per 1,000 | seconds | " + " | ".join(rules) + " |")
    print("|---|---|---|---|---|" + "---|" * len(rules))
    total = Counter()
    for result in results:
        by_rule = Counter(finding["rule"] for _, finding in result["flags"])
        total.update(by_rule)
        per_thousand = 1000 * len(result["flags"]) / max(result["messages"], 1)
        print(f"| {result['name']} | {result['messages']} | {len(result['flags'])} | {per_thousand:.1f} | "
              f"{result['seconds']:.0f} | " + " | ".join(str(by_rule[rule]) for rule in rules) + " |")
    messages = sum(result["messages"] for result in results)
    flags = sum(total.values())
    print(f"| **all** | {messages} | {flags} | {1000 * flags / max(messages, 1):.1f} | "
          f"{sum(result['seconds'] for result in results):.0f} | " + " | ".join(str(total[rule]) for rule in rules)
          + " |\n")
    if args.show:
        for result in results:
            for pair_id, finding in result["flags"]:
                print(f"- {result['name']} `{pair_id[:50]}` {finding['rule']} {finding['severity']} "
                      f"{finding['confidence']:.2f}: {finding['message'][:200]}")
        print()


if __name__ == "__main__":
    main()
