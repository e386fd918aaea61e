"""Issue 16, items 5, 6 and 8 (CLI): a run never passes silently, never hangs on a slow rule,
never writes plugin noise into a report, ends with 130 on Ctrl-C, takes its workers with it,
and shows hostile file names escaped."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from hostile import commit, healthlint, user_env

pytestmark = pytest.mark.slow

CLAIM = "Our therapy is a miracle cure.\n"
PLUGIN = '''
import os, sys
from healthlint import hookimpl
from healthlint.rules import Match, Rule, RuleInfo
print("NOISE at import")

class Misbehaves(Rule):
    def check(self, ctx):
        print("NOISE from a rule")
        if "loop" in ctx.text:
            while True:
                try:
                    sum(range(100))
                except Exception:
                    pass
        if "exit" in ctx.text:
            sys.exit(0)
        if "die" in ctx.text:
            os._exit(0)
        if "miracle" in ctx.text:
            yield Match(ctx.start, ctx.start + 1)

@hookimpl
def healthlint_rules():
    print("NOISE from a hook")
    return [Misbehaves(RuleInfo(id="bad/rule", category="hype", severity="warning", message="Bad."))]
'''


def repo_with(tmp_path, files, limit=2):
    (tmp_path / "bad.py").write_text(PLUGIN)
    return commit(tmp_path / "repo", {".healthlint.toml": f"rule-time-limit = {limit}\n", **files})


def check(repo, tmp_path, *args, **kwargs):
    return healthlint(repo, "check", "--no-cache", "--plugin", str(tmp_path / "bad.py"), "--select", "bad", *args,
                      home=tmp_path / "home", **kwargs)


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_plugin_prints_go_to_stderr_not_into_the_report(tmp_path, output_format):
    repo = repo_with(tmp_path, {"draft.md": CLAIM})
    run = check(repo, tmp_path, "--format", output_format, "draft.md")
    assert run.returncode == 1
    json.loads(run.stdout)
    assert b"NOISE" not in run.stdout
    assert run.stderr.decode().splitlines() == ["NOISE at import", "NOISE from a hook", "NOISE from a rule"]


def test_a_rule_calling_sys_exit_does_not_pass_the_run(tmp_path):
    repo = repo_with(tmp_path, {"a.md": "Time to exit.\n", "b.md": CLAIM})
    run = check(repo, tmp_path, "--format", "json", "a.md", "b.md")
    assert run.returncode == 2
    assert "healthlint: error: a.md: rule bad/rule called sys.exit(0)" in run.stderr.decode().splitlines()
    assert [f["path"] for f in json.loads(run.stdout) if "error" not in f] == ["b.md"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_looping_rule_is_stopped_for_that_file_and_the_run_goes_on(tmp_path, jobs):
    files = {f"d{i:02d}.md": CLAIM for i in range(20)}  # enough files for two worker processes
    files["d07.md"] = "A loop in this one.\n"
    repo = repo_with(tmp_path, files, limit=1)
    started = time.monotonic()
    run = check(repo, tmp_path, "--format", "json", "-j", jobs, ".", timeout=60)
    assert time.monotonic() - started < 30
    assert run.returncode == 2
    assert [line for line in run.stderr.decode().splitlines() if line and "NOISE" not in line] == [
        "healthlint: error: ./d07.md: rule bad/rule took longer than 1 s (rule-time-limit) and was stopped; "
        "the rule was skipped for this file"]
    assert len([f for f in json.loads(run.stdout) if "error" not in f]) == 19  # every other file


def test_a_worker_ending_itself_is_an_error_not_a_traceback(tmp_path):
    files = {f"d{i:02d}.md": CLAIM for i in range(20)}
    files["d03.md"] = "Here we die.\n"
    repo = repo_with(tmp_path, files)
    run = check(repo, tmp_path, "-j", "2", ".", timeout=60)
    assert run.returncode == 2
    assert (
        "healthlint: error: a worker process died while linting (a rule or plugin ended it, with os._exit or a "
        "crash); run with -j 1 to see on which file\n") in run.stderr.decode()  # workers' prints may share its line


@pytest.mark.parametrize("hook, error", [
    ("def healthlint_rules():\n    return 42\n", "plugin '{p}': healthlint_rules returned int, not a list of Rules"),
    ("from healthlint.rules import Rule, RuleInfo\nclass R(Rule):\n    def check(self, ctx):\n"
     "        return []\ndef healthlint_rules():\n    return [R(RuleInfo(id='k/r', category='hype', severity='info',"
     " message='m'), keywords=(1,))]\n", "plugin '{p}': rule 'k/r' has keywords (1,); keywords must be non-empty strings"),
    ("def healthlint_reporters():\n    return [42]\n",
     "plugin '{p}': healthlint_reporters returned 42, not a Reporter class with a name"),
])
def test_hooks_returning_nonsense_are_one_error_naming_the_plugin(tmp_path, hook, error):
    plugin = tmp_path / "nonsense.py"
    plugin.write_text("from healthlint import hookimpl\n" + hook.replace("def healthlint_", "@hookimpl\ndef healthlint_"))
    repo = commit(tmp_path / "repo", {"draft.md": CLAIM})
    run = healthlint(repo, "check", "--no-cache", "--isolated", "--plugin", str(plugin), "draft.md", home=tmp_path / "home")
    assert run.returncode == 2
    assert run.stderr.decode().splitlines() == [f"healthlint: error: {error.format(p=plugin)}"]
    assert b"miracle" in run.stdout  # the built-in rules still ran


def wait_for(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as status:
            return "\nState:\tZ" not in status.read()
    except FileNotFoundError:
        return False


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listing:
            return [int(child) for child in listing.read().split()]
    except FileNotFoundError:
        return []


def _as_a_terminal_would() -> None:
    """Ctrl-C reaches a command run from a terminal; a shell's background job (as CI scripts run
    the suite) starts its children with SIGINT ignored, and Python then leaves it ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(repo, tmp_path, *args):
    return subprocess.Popen([sys.executable, "-P", "-m", "healthlint", "check", "--no-cache", "--plugin",
                             str(tmp_path / "bad.py"), "--select", "bad", *args], cwd=repo,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_as_a_terminal_would,
                            env=user_env(tmp_path / "home", PYTHONFAULTHANDLER="1"))


def looping(process):
    """Wait until the process is inside the looping rule."""
    while b"NOISE from a rule" not in process.stderr.readline():
        assert process.poll() is None


def ended(process, seconds=30):
    """The process's output once it ends; one that hangs is made to print every thread's stack
    (faulthandler, on SIGABRT) into the failure."""
    try:
        return process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        _, stderr = process.communicate()
        pytest.fail(f"the process did not end within {seconds} s; its stacks:\n{stderr.decode()}")


def test_ctrl_c_exits_130(tmp_path):
    repo = repo_with(tmp_path, {"a.md": "A loop.\n"}, limit=600)
    process = start(repo, tmp_path, "a.md")
    looping(process)
    process.send_signal(signal.SIGINT)
    _, stderr = ended(process)
    assert process.returncode == 130
    assert stderr.decode().splitlines()[-1] == "healthlint: interrupted"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_their_parent_even_on_kill_9(tmp_path):
    repo = repo_with(tmp_path, {f"d{i:02d}.md": "A loop.\n" for i in range(20)}, limit=600)
    process = start(repo, tmp_path, "-j", "2", ".")
    wait_for(lambda: len(children(process.pid)) >= 2)
    workers = children(process.pid)
    time.sleep(1)
    process.kill()
    process.wait()
    wait_for(lambda: not any(alive(pid) for pid in workers))


def test_sigterm_exits_143_and_leaves_no_temporary_file(tmp_path):
    repo = repo_with(tmp_path, {"a.md": "A loop.\n"}, limit=600)
    process = start(repo, tmp_path, "a.md")
    looping(process)
    process.terminate()
    ended(process)
    assert process.returncode == 143
    assert subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout == ""


def test_hostile_file_names_are_escaped_in_every_output(tmp_path):
    names = [b"bad\xff.md", b"esc\x1b[31mred\r.md"]
    repo = commit(tmp_path / "repo", {})
    for name in names:
        with open(os.path.join(bytes(repo), name), "wb") as stream:
            stream.write(CLAIM.encode())
    commit(repo, {})
    for output_format in ("text", "json", "sarif", "github"):
        run = healthlint(repo, "check", "--isolated", "--format", output_format, ".", home=tmp_path / "home")
        assert run.returncode == 1
        out = run.stdout.decode("utf-8")  # valid UTF-8
        assert "\x1b" not in out and "\r" not in out
        shown = {"json": '"./bad\\\\xff.md"', "sarif": '"bad%5Cxff.md"'}.get(output_format, "bad\\xff.md")
        assert shown in out, output_format  # the byte 0xff, escaped (and percent-encoded in a SARIF URI)
        if output_format in ("json", "sarif"):
            json.loads(out)
    report = healthlint(repo, "report", "--isolated", ".", home=tmp_path / "home")
    assert report.returncode == 0 and "bad\\xff.md" in (repo / "healthlint-report.html").read_text()


def test_text_with_a_lone_surrogate_is_bad_input_not_a_traceback(tmp_path):
    """An editor (JSON-RPC "\\ud800") or an API caller can hand over text no file decodes to."""
    probe = ("import json\nfrom healthlint.api import Linter\nfrom healthlint.running.config import Config\n"
             "result = Linter.load(Config()).lint_text('Fine.\\nA miracle \\ud800 cure.\\n', 'x.md')\n"
             "print(json.dumps([[f.rule for f in result.findings], [e.message for e in result.errors]]))\n")
    run = subprocess.run([sys.executable, "-P", "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                         env=user_env(tmp_path / "home"))
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [[], ["x.md:2: not valid Unicode (a lone surrogate, U+D800, at column 11); "
                                           "not linted"]]


ENDS = '''
import atexit, pathlib, threading, time
from healthlint import hookimpl
from healthlint.rules import Match, Rule, RuleInfo

HERE = pathlib.Path(__file__).parent
atexit.register(lambda: (HERE / "atexit-ran").write_text("yes"))


def late():
    time.sleep(0.3)
    (HERE / "thread-finished").write_text("yes")


class Starts(Rule):
    def check(self, ctx):
        if "thread" in ctx.text:
            threading.Thread(target=late).start()  # not a daemon: Python's exit waits for it
        yield Match(ctx.start, ctx.start + 1, replacement="Quite a")


@hookimpl
def healthlint_rules():
    return [Starts(RuleInfo(id="ends/rule", category="hype", severity="warning", message="Ends."), ("miracle",))]
'''


def test_a_run_ends_quickly_yet_as_python_would(tmp_path):
    """`python -m healthlint` (and the console script) end without tearing the interpreter down,
    but the whole report reaches a redirected output, a plugin's atexit function runs, and a
    thread a plugin left running is waited for."""
    (tmp_path / "ends.py").write_text(ENDS)
    drafts = {f"draft{i:03d}.md": CLAIM * 20 for i in range(60)}
    repo = commit(tmp_path / "repo", {**drafts, "thread.md": "A thread: " + CLAIM})
    args = ["check", "--isolated", "--no-cache", "-j1", "--plugin", str(tmp_path / "ends.py"), "--select", "ends"]
    report = tmp_path / "report.json"
    env = user_env(tmp_path / "home", PYTHONUNBUFFERED="")  # buffered, as a user's output to a file is
    with report.open("wb") as out:  # anything left unflushed would be lost
        done = subprocess.run([sys.executable, "-P", "-m", "healthlint", *args, "--format", "json", *drafts],
                              cwd=repo, stdout=out, stderr=subprocess.PIPE, env=env)
    assert (done.returncode, done.stderr) == (1, b"")
    assert len(json.loads(report.read_text())) == 60 * 20  # every finding, the last one included
    with report.open("wb") as out:  # --diff writes without flushing: a short diff stays in the buffer
        done = subprocess.run([sys.executable, "-P", "-m", "healthlint", *args, "--diff", "draft000.md"],
                              cwd=repo, stdout=out, stderr=subprocess.PIPE, env=env)
    assert (done.returncode, done.stderr) == (1, b"")
    assert report.read_text().count("+Quite a") == 20
    assert (tmp_path / "atexit-ran").read_text() == "yes"
    assert not (tmp_path / "thread-finished").exists()
    threaded = healthlint(repo, *args, "thread.md", home=tmp_path / "home")
    assert threaded.returncode == 1 and b"ends/rule" in threaded.stdout
    assert (tmp_path / "thread-finished").read_text() == "yes"
