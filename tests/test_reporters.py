"""Every output format's shape, and the exit codes."""

import json

from conftest import DEMO_ARGS, demo_check, run_cli


def test_json_contract(write):
    path = write("a.md", "# T\n\nA miracle.\n")
    (finding,) = demo_check(path).findings
    assert finding == {
        "path": path, "line": 3, "column": 3, "end_line": 3, "end_column": 10, "offset": 7, "end_offset": 14,
        "rule": "demo/miracle", "category": "hype", "severity": "warning",
        "message": "Demo: 'miracle' inflates hope.", "suggestion": "Describe what was measured.",
    }



def test_json_encoder_matches_json_dumps_on_awkward_values():
    """The fast encoder must write exactly what json.dumps of the contract dict writes."""
    from healthlint.output.findings import Finding
    from healthlint.output.reporters.json_ import FindingEncoder

    def finding(path, message, suggestion, offset):
        return Finding(path, "x/r\"1", "c\\at", "error", message, suggestion, offset, offset + 3,
                       2, 7 + offset, 2, 10 + offset)

    findings = [
        finding('we "ird"\\path\u00e9.md', "Café \u201cquoted\u201d\n\ttab \U0001F600", None, 0),
        finding("a.md", "plain", "Say \"less\" \u2014 or cite.", 5),
        finding("a.md", "plain", None, 9),  # same tail as neither above: the cache keys on every field
    ]
    encode = FindingEncoder().encode
    for f in findings + findings:
        assert encode(f) == json.dumps(f.as_json(), ensure_ascii=False)
        assert json.loads(encode(f)) == f.as_json()

def test_text_output(write):
    path = write("a.md", "# T\n\nA miracle. Studies show it.\n")
    run = run_cli("check", *DEMO_ARGS, "--statistics", path)
    assert run.exit_code == 1
    assert run.stdout == (
        f"{path}:3:3: warning [demo/miracle] Demo: 'miracle' inflates hope.\n"
        "  |\n"
        "3 | A miracle. Studies show it.\n"
        "  |   ^^^^^^^\n"
        "  = suggestion: Describe what was measured.\n"
        "\n"
        f"{path}:3:12: error [demo/studies-show] Demo: which studies?\n"
        "  |\n"
        "3 | A miracle. Studies show it.\n"
        "  |            ^^^^^^^^^^^^\n"
        "  = suggestion: Cite them.\n"
        "\n"
        "\n"
        "    1  demo/miracle                                  hype\n"
        "    1  demo/studies-show                             uncited-evidence\n"
        "Found 2 findings (1 error, 1 warning) in 1 of 1 file.\n"
    )
    quiet = run_cli("check", *DEMO_ARGS, "--quiet", path)
    assert quiet.stdout.splitlines() == [
        f"{path}:3:3: warning [demo/miracle] Demo: 'miracle' inflates hope.",
        f"{path}:3:12: error [demo/studies-show] Demo: which studies?",
    ]
    colored = run_cli("check", *DEMO_ARGS, "--color", "always", path)
    assert "\x1b[" in colored.stdout


def test_github_annotations(write):
    path = write("a,b.md", "A miracle.\n")
    run = run_cli("check", *DEMO_ARGS, "--format", "github", path)
    assert run.stdout == (  # relative to the repository root (here the working folder: no repository)
        "::warning file=a%2Cb.md,line=1,col=3,endLine=1,endColumn=10,title=demo/miracle"
        "::Demo: 'miracle' inflates hope. Suggestion: Describe what was measured.\n"
    )


def test_sarif_shape(write):
    path = write("a.md", "A miracle. Studies show it.\n")
    log = json.loads(run_cli("check", *DEMO_ARGS, "--format", "sarif", path).stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert sarif_run["tool"]["driver"]["name"] == "healthlint"
    results = sarif_run["results"]
    assert [(r["ruleId"], rules[r["ruleIndex"]]["id"], r["level"]) for r in results] == [
        ("demo/miracle", "demo/miracle", "warning"), ("demo/studies-show", "demo/studies-show", "error")]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 3, "endLine": 1, "endColumn": 10, "charOffset": 2, "charLength": 7}
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "a.md", "uriBaseId": "%SRCROOT%"}
    assert rules[results[0]["ruleIndex"]]["defaultConfiguration"] == {"level": "warning"}
    assert sarif_run["invocations"][0]["executionSuccessful"] is True


def test_exit_codes(write):
    clean = write("clean.md", "Nothing to see.\n")
    flagged = write("flagged.md", "A miracle.\n")
    assert demo_check(clean).exit_code == 0
    assert demo_check(flagged).exit_code == 1
    assert demo_check("--fail-on", "error", flagged).exit_code == 0
    missing = demo_check(flagged, flagged + ".nope")
    assert missing.exit_code == 2
    assert missing.stderr == f"healthlint: error: {flagged}.nope: no such file or directory\n"
    assert [f["rule"] for f in missing.findings] == ["demo/miracle"]
    assert missing.errors == [{"path": flagged + ".nope", "error": f"{flagged}.nope: no such file or directory"}]
    assert json.loads(missing.stdout)[-1] == missing.errors[0]  # errors follow the findings
    assert run_cli("check", "--format", "yaml", *DEMO_ARGS, clean).exit_code == 2
    assert run_cli("check", "--bogus-option").exit_code == 2


def test_stdin_with_filename():
    run = demo_check("--stdin-filename", "draft.txt", "-", input="A miracle `x`.\n")
    assert [(f["path"], f["column"]) for f in run.findings] == [("draft.txt", 3)]


def test_directories_skip_binaries_vcs_and_venvs(write, tmp_path):
    write("docs/a.md", "A miracle.\n")
    write("docs/notes.txt", "A miracle.\n")
    write("docs/image.md", b"\x89PNG\x00\x00miracle")
    write("docs/.git/x.md", "A miracle.\n")
    write("docs/.venv/y.md", "A miracle.\n")
    write("docs/env2/pyvenv.cfg", "home = /usr\n")
    write("docs/env2/z.md", "A miracle.\n")
    write("docs/code.py", "miracle = 1\n")
    run = demo_check(str(tmp_path / "docs"))
    assert run.exit_code == 1
    assert sorted(f["path"].rsplit("/", 1)[1] for f in run.findings) == ["a.md", "notes.txt"]


def test_bad_input_files_are_reported_and_others_linted(write):
    good = write("good.md", "A miracle.\n")
    latin1 = write("latin1.md", "caf\xe9\nline two \xe9\n".encode("latin-1"))
    binary = write("bin.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff")
    run = demo_check(latin1, binary, good)
    assert run.exit_code == 2
    assert [f["path"] for f in run.findings] == [good]
    assert run.stderr.splitlines() == [
        f"healthlint: error: {latin1}:1: not valid UTF-8 (byte 0xe9 at line 1, byte 4 of the line); save the file as UTF-8",
        f"healthlint: error: {binary}: binary file (contains NUL bytes); not linted",
    ]
