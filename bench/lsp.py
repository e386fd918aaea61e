#!/usr/bin/env python3
"""Benchmark `healthlint server` against `healthlint check`, whole processes, over raw JSON-RPC.

    python bench/lsp.py [--runs 5]

Builds, under bench/.work/lsp/, a dense 1 MB Markdown document (the fixture drafts repeated: about
15,000 findings) and a 50 KB one. Each run, interleaved so that the machine's load hits both alike:

- cli: `healthlint check --no-cache --format json` on the 1 MB file, spawn to exit;
- cold: a new server process, spawn to the diagnostics of the 1 MB document opened right after
  `initialize` (Python start-up, pygls, the worker process and the lint);
- warm: the same server, from a changed version of the 1 MB document to its diagnostics (what an
  editor waits for once the server runs);
- burst: 1,000 full-text edits of the 50 KB document sent as fast as the pipe takes them, then the
  time from the last edit to the diagnostics of its version.

Prints the median of each and the warm/cli and cold/cli ratios (issue 16 asks for the server under
2x the CLI on the 1 MB document, and the burst's diagnostics within 2 s of its last edit).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from queue import Queue

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work" / "lsp"
EDITS = 1000


def corpus() -> tuple[Path, Path]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "drafts").glob("*.md"))]
    blob = "\n\n".join(texts) + "\n\n"
    WORK.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, size in (("dense-1mb.md", 1_000_000), ("dense-50kb.md", 50_000)):
        path = WORK / name
        path.write_text((blob * (size // len(blob) + 1))[:size], encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


class Server:
    """`healthlint server` spoken to in Content-Length frames; diagnostics land in a queue."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, "-m", "healthlint", "server"], cwd=WORK,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.inbox: Queue[tuple[float, dict]] = Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self._send({"id": 1, "method": "initialize",
                    "params": {"processId": os.getpid(), "rootUri": WORK.as_uri(), "capabilities": {}}})
        self.wait(lambda m: m.get("id") == 1)
        self._send({"method": "initialized", "params": {}})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.inbox.put((time.perf_counter(), json.loads(stream.read(length))))

    def _send(self, message: dict) -> float:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return time.perf_counter()

    def wait(self, match, timeout: float = 300.0) -> tuple[float, dict]:
        deadline = time.perf_counter() + timeout
        while True:
            at, message = self.inbox.get(timeout=max(deadline - time.perf_counter(), 0.001))
            if match(message):
                return at, message

    def diagnostics(self, uri: str, version: int) -> tuple[float, int]:
        at, message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri and m["params"].get("version") == version)
        return at, len(message["params"]["diagnostics"])

    def open(self, uri: str, text: str) -> float:
        return self._send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})

    def change(self, uri: str, text: str, version: int) -> float:
        return self._send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})

    def close(self) -> None:
        self._send({"id": 2, "method": "shutdown", "params": None})
        self.wait(lambda m: m.get("id") == 2)
        self._send({"method": "exit", "params": None})
        self.process.wait(30)


def run_cli(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "healthlint", "check", "--no-cache", "--format", "json", path.name],
                         cwd=WORK, capture_output=True, text=True).stdout
    return time.perf_counter() - started, len(json.loads(out))


def run_server(big: Path, small: Path) -> dict[str, float]:
    server = Server()
    big_text, small_text = big.read_text(encoding="utf-8"), small.read_text(encoding="utf-8")
    big_uri, small_uri = big.as_uri(), small.as_uri()
    server.open(big_uri, big_text)
    at, count = server.diagnostics(big_uri, 1)
    cold = at - server.started
    sent = server.change(big_uri, big_text + "\nOne more line.\n", 2)
    at, _ = server.diagnostics(big_uri, 2)
    warm = at - sent

    server.open(small_uri, small_text)
    server.diagnostics(small_uri, 1)
    burst_started = time.perf_counter()
    for version in range(2, EDITS + 2):
        last = server.change(small_uri, small_text[:-version % 500 - 1] + "x" * (version % 7), version)
    at, _ = server.diagnostics(small_uri, EDITS + 1)
    server.close()
    return {"cold": cold, "warm": warm, "findings": count, "burst_send": last - burst_started, "burst_lag": at - last}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    big, small = corpus()
    rows: dict[str, list[float]] = {}
    for _ in range(runs):
        cli, cli_count = run_cli(big)
        result = run_server(big, small)
        assert result["findings"] == cli_count, (result["findings"], cli_count)
        for key, value in {"cli": cli, **result}.items():
            rows.setdefault(key, []).append(value)
    median = {key: statistics.median(values) for key, values in rows.items()}
    print(f"dense 1 MB document ({median['findings']:.0f} findings), {runs} interleaved runs, medians:")
    print(f"  healthlint check (whole process)            {median['cli']:6.2f} s")
    print(f"  server, warm: changed version -> diagnostics {median['warm']:6.2f} s  ({median['warm'] / median['cli']:.2f}x the CLI)")
    print(f"  server, cold: spawn -> first diagnostics     {median['cold']:6.2f} s  ({median['cold'] / median['cli']:.2f}x the CLI)")
    print(f"{EDITS} full-text edits of a 50 KB document:")
    print(f"  sending them took                            {median['burst_send']:6.2f} s")
    print(f"  last edit -> its diagnostics                 {median['burst_lag']:6.2f} s  (max {max(rows['burst_lag']):.2f} s)")


if __name__ == "__main__":
    main()
