#!/usr/bin/env python3
"""Benchmark healthlint against its floors and a peer, with whole-process timings.

    python bench/run.py [--runs 5]

Builds its corpora deterministically under bench/.work/: the fixtures replicated into 1,000
files, one 10 MB file, and ../shared/corpus/careful-nih when present. For each corpus it runs
whole processes several times and prints medians of wall and CPU seconds, MB/s, files/s and peak
RSS, for: healthlint; floor A (the Markdown parser alone over the same bytes); floor B (one
Aho-Corasick scan for every built-in rule keyword over the same bytes); and proselint when it is
installed (`pip install '.[bench]'`). Ratios are taken within one run, the only stable kind on a
shared machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
SHARED_NIH = ROOT.parent / "shared" / "corpus" / "careful-nih"
# Bytecode may be written: a user's installed healthlint runs from .pyc files, and timing the
# compilation of its sources on every run (PYTHONDONTWRITEBYTECODE) would measure something else.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

FLOOR_A = """
import sys, pyromark
O = pyromark.Options
for path in sys.argv[1:]:
    for _ in pyromark.events_with_range(open(path, encoding="utf-8").read(),
                                        options=O.ENABLE_TABLES | O.ENABLE_FOOTNOTES):
        pass
"""
FLOOR_B = """
import sys, ahocorasick
from healthlint.config import Config
from healthlint.engine import Session
automaton = ahocorasick.Automaton()
for rule in Session.start(Config()).rules:
    for keyword in rule.keywords:
        automaton.add_word(keyword.lower(), keyword)
automaton.make_automaton()
for path in sys.argv[1:]:
    for _ in automaton.iter(open(path, encoding="utf-8").read().lower()):
        pass
"""


def fixture_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").rglob("*"))
            if p.is_file() and p.suffix in (".md", ".txt")]


def build() -> dict[str, list[str]]:
    """name -> file paths; rebuilt identically every time."""
    if WORK.exists():
        shutil.rmtree(WORK)
    many = WORK / "fixtures-1000"
    many.mkdir(parents=True)
    texts = fixture_texts()
    for i in range(1000):
        (many / f"draft-{i:04d}.md").write_text(texts[i % len(texts)] * 8, encoding="utf-8")
    blob = "\n\n".join(texts) + "\n\n"
    big = WORK / "one-10mb.md"
    big.write_text((blob * (10_000_000 // len(blob) + 1))[:10_000_000], encoding="utf-8")
    corpora = {"fixtures x1000": sorted(str(p) for p in many.iterdir()), "one 10 MB file": [str(big)]}
    if SHARED_NIH.is_dir():
        corpora["careful NIH pages"] = sorted(str(p) for p in SHARED_NIH.glob("*.md"))
    return corpora


def measure(command: list[str], runs: int, warm_up: bool = True) -> dict[str, float]:
    """Median wall and CPU seconds and the peak RSS (MB) of one process, over several runs.

    With `warm_up`, one untimed run comes first: it writes the bytecode of an editable install
    and warms the page cache, as any second run on a user's machine would find them."""
    walls, cpus, peaks = [], [], []
    if warm_up:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        _, _, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "rss": statistics.median(peaks)}


def table_row(name: str, tool: str, r: dict[str, float], size: float, files: int) -> str:
    return (f"{name:20s} {tool:14s} {r['wall']:8.2f} {r['cpu']:8.2f} {size / r['wall']:8.2f} "
            f"{files / r['wall']:9.1f} {r['rss']:8.0f}")


def user_rules_config(count: int) -> Path:
    """A config with `count` phrase rules, each with its own literal keyword."""
    config = WORK / f"rules-{count}.toml"
    config.write_text("".join(
        f'[[rules]]\nname = "r{i}"\ncategory = "hype"\nmessage = "m"\npatterns = [\'\\bzq{i}x\\b\']\n'
        for i in range(count)), encoding="utf-8")
    return config


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    check = [python, "-m", "healthlint", "check", "--isolated", "--format", "json", "--no-cache"]
    beside = Path(sys.executable).parent / "proselint"  # installed by the bench extra into this environment
    proselint = str(beside) if beside.exists() else shutil.which("proselint")
    print(f"healthlint benchmark: {args.runs} runs each, medians; {os.cpu_count()} cores\n")
    header = f"{'corpus':20s} {'tool':14s} {'wall s':>8s} {'cpu s':>8s} {'MB/s':>8s} {'files/s':>9s} {'peak MB':>8s}"
    print(header)
    print("-" * len(header))
    corpora = build()
    ratios = []
    for name, files in corpora.items():
        size = sum(os.path.getsize(f) for f in files) / 1e6
        tools = {"healthlint -j1": check + ["-j", "1", *files], "healthlint -j2": check + ["-j", "2", *files],
                 "floor A": [python, "-c", FLOOR_A, *files], "floor B": [python, "-c", FLOOR_B, *files]}
        if proselint:
            tools["proselint"] = [proselint, "check", *files]
        results = {tool: measure(command, args.runs) for tool, command in tools.items()}
        for tool, r in results.items():
            print(table_row(name, tool, r, size, len(files)))
        one, floors = results["healthlint -j1"]["wall"], results["floor A"]["wall"] + results["floor B"]["wall"]
        ratios.append(f"{name}: healthlint -j1 / (floor A + floor B) = {one / floors:.2f} (target <= 2)")
        ratios.append(f"{name}: -j1 / -j2 = {one / results['healthlint -j2']['wall']:.2f} (target >= 1.7 on many files)")
        if "proselint" in results:
            ratios.append(f"{name}: proselint / healthlint -j1 = {results['proselint']['wall'] / one:.1f} (target >= 30)")

    many = corpora["fixtures x1000"]
    four = WORK / "fixtures-4000"
    four.mkdir()
    for i in range(4):
        for f in many:
            shutil.copy(f, four / f"{i}-{Path(f).name}")
    base = measure(check + ["-j", "1", *many], args.runs)["wall"]
    quadruple = measure(check + ["-j", "1", str(four)], args.runs)["wall"]
    ratios.append(f"linear: 4x the files costs {quadruple / base:.2f}x (target <= 4.4)")
    with_rules = measure(check + ["-j", "1", "--config", str(user_rules_config(1000)), *many], args.runs)["wall"]
    plain = measure(check + ["-j", "1", "--config", str(user_rules_config(0)), *many], args.runs)["wall"]
    ratios.append(f"rule scaling: 1,000 user phrase rules cost {with_rules / plain:.2f}x (target <= 1.3)")
    cache_dir = WORK / "cache"
    cached = [python, "-m", "healthlint", "check", "--isolated", "--format", "json", "-j", "1",
              "--cache-dir", str(cache_dir), *many]
    cold = []
    for _ in range(args.runs):
        shutil.rmtree(cache_dir, ignore_errors=True)
        cold.append(measure(cached, 1, warm_up=False)["wall"])
    warm = measure(cached, args.runs)["wall"]
    ratios.append(f"cache: a warm re-run costs {100 * warm / statistics.median(cold):.0f}% of a cold run (target <= 10%)")
    single = WORK / "one.md"
    single.write_text("A miracle cure.\n", encoding="utf-8")
    # Short commands: more runs, so that the medians of two 50 ms processes can be compared.
    short = max(args.runs, 15)
    imports = measure([python, "-c", "import click, pluggy, regex, pyromark"], short)["wall"]
    # As the issue writes it (text output, the cache on: a re-run of an unchanged file reads it) ...
    startup = measure([python, "-m", "healthlint", "check", "--isolated", "--cache-dir", str(WORK / "startup-cache"),
                       str(single)], short)["wall"]
    ratios.append(f"start-up: check one.md {startup:.3f} s = {startup / imports:.2f}x the imports alone (target <= 1.5)")
    # ... and linting it afresh (JSON, no cache): the first run on a new file also compiles patterns.
    fresh = measure(check + [str(single)], short)["wall"]
    ratios.append(f"start-up, no cache: check --no-cache one.md {fresh:.3f} s = {fresh / imports:.2f}x the imports alone")
    fifty = WORK / "fifty-mb.md"
    big = (WORK / "one-10mb.md").read_text(encoding="utf-8")
    fifty.write_text(big * 5, encoding="utf-8")
    memory = measure(check + ["-j", "1", str(fifty)], 1, warm_up=False)
    ratios.append(f"memory: 50 MB file, peak RSS {memory['rss']:.0f} MB = {memory['rss'] / 50:.1f}x its size "
                  f"(target < 10), {memory['wall']:.1f} s")
    print("\n" + "\n".join(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
