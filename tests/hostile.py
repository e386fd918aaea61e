"""Helpers for attacks made the way a repository makes them: files committed to a real git
repository, healthlint run on it as a real process with a home folder of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def commit(repo: Path, files: dict[str, str | bytes], symlinks: dict[str, str] | None = None) -> Path:
    """A git repository at `repo` holding `files` (and `symlinks`: name -> target), all committed,
    ignored paths included (`git add -f`), as a pull request could commit them."""
    repo.mkdir(parents=True, exist_ok=True)
    if not (repo / ".git").exists():
        git(repo, "init", "-q")
    for name, content in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    for name, target in (symlinks or {}).items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
    git(repo, "add", "-A", "-f")
    git(repo, "commit", "-q", "-m", "files", "--allow-empty")
    return repo


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user whose settings and cache live under `home` (not the repository)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEALTHLINT_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    env.update(extra)
    return env


def healthlint(repo: Path, *args: str, home: Path, timeout: float = 60, input: bytes | None = None,
               **env: str) -> subprocess.CompletedProcess[bytes]:
    """`healthlint ARGS` run in `repo` as a separate process; stdout and stderr as bytes."""
    return subprocess.run([sys.executable, "-P", "-m", "healthlint", *args], cwd=repo, capture_output=True,
                          timeout=timeout, input=input, env=user_env(home, **env))


class RawLspClient:
    """A language client that speaks JSON-RPC over the server's stdin/stdout by hand, as an
    editor does, so nothing of pygls's client hides what the server writes."""

    def __init__(self, cwd: Path, home: Path, *args: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-P", "-m", "healthlint", "server", *args], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env=user_env(home))
        self.next_id = 0

    def send(self, method: str, params: object, request: bool = True) -> int | None:
        import json

        message: dict[str, object] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return self.next_id if request else None

    def receive(self) -> dict:
        """The next message; fails when the stream holds anything but framed JSON-RPC."""
        import json

        assert self.process.stdout is not None
        headers = {}
        while (line := self.process.stdout.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("ascii").partition(":")
            headers[name.strip().lower()] = value.strip()
        assert "content-length" in headers, f"not a JSON-RPC frame: {headers!r}"
        return json.loads(self.process.stdout.read(int(headers["content-length"])))

    def response(self, request_id: int) -> tuple[dict, list[dict]]:
        """The response to `request_id`, and the notifications received before it."""
        seen = []
        while (message := self.receive()).get("id") != request_id or "method" in message:
            seen.append(message)
        return message, seen

    def close(self) -> bytes:
        """Shut the server down; returns what it wrote to stderr."""
        try:
            request = self.send("shutdown", None)
            assert request is not None
            self.response(request)
            self.send("exit", None, request=False)
            _, stderr = self.process.communicate(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        return stderr
