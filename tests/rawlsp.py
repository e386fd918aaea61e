"""A raw JSON-RPC client for `healthlint server`: bytes on a pipe, as any editor sends them.

It can send what a typed client cannot (a lone surrogate, escaped in JSON, as the protocol
allows) and sees every message the server writes, so a stray byte on stdout fails the test.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any


class RawClient:
    """`healthlint server [args]` in a subprocess, spoken to in Content-Length frames."""

    def __init__(self, root: Path, *args: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "healthlint", "server", *args], cwd=root,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self._unclaimed: list[dict[str, Any]] = []  # received, not yet waited for
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")  # anything else is a corrupt stream
                headers[name.strip().lower()] = value.strip()
            if not line:
                return
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")  # ensure_ascii: "\ud800" stays escaped
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> int:
        self._next_id += 1
        self.send({"id": self._next_id, "method": method, "params": params})
        return self._next_id

    def wait_for(self, match: Any, timeout: float = 30.0) -> dict[str, Any]:
        """The first message, in the order received, for which `match(message)` is true."""
        for index, message in enumerate(self._unclaimed):
            if match(message):
                return self._unclaimed.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.001))
            if match(message):
                return message
            self._unclaimed.append(message)

    def call(self, method: str, params: Any, timeout: float = 30.0) -> dict[str, Any]:
        """Send a request and return its response (result or error)."""
        request_id = self.request(method, params)
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m, timeout)

    def diagnostics(self, uri: str, timeout: float = 30.0) -> dict[str, Any]:
        """The params of the next publishDiagnostics for `uri`."""
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri, timeout)["params"]

    def initialize(self, root: Path) -> dict[str, Any]:
        response = self.call("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        return response

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown",
                                                              "version": version, "text": text}})

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})

    def close(self, timeout: float = 10.0) -> int:
        """shutdown, exit, and the server's exit code (it must end by itself)."""
        self.call("shutdown", None, timeout)
        self.notify("exit", None)
        return self.process.wait(timeout)
