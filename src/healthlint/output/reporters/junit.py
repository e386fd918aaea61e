"""`--format junit`: JUnit XML, which most CI services show as test results: one test suite per
file checked, one failing test case per finding, a passing one for a clean file, and an error
case for each file that could not be checked."""

from __future__ import annotations

from collections import defaultdict

from healthlint.output.findings import Finding, RunError, RunResult
from healthlint.output.reporters.base import Reporter


class JunitReporter(Reporter):
    name = "junit"
    description = "JUnit XML test results: a suite per file, a failing case per finding"

    def render(self, result: RunResult) -> str:
        from xml.etree import ElementTree  # here: every run imports the built-in reporters

        findings: dict[str, list[Finding]] = defaultdict(list)
        errors: dict[str, list[RunError]] = defaultdict(list)
        for f in result.findings:
            findings[f.path].append(f)
        for e in result.errors:
            errors[e.path or "healthlint"].append(e)
        paths = list(dict.fromkeys([*result.checked, *findings, *errors]))
        root = ElementTree.Element("testsuites", name="healthlint", tests="0",
                                   failures=str(len(result.findings)), errors=str(len(result.errors)))
        total = 0
        for path in paths:
            suite = ElementTree.SubElement(root, "testsuite", name=path, failures=str(len(findings[path])),
                                           errors=str(len(errors[path])))
            for f in findings[path]:
                case = ElementTree.SubElement(suite, "testcase", classname=path, name=f"{f.rule} at {f.line}:{f.column}",
                                              file=path, line=str(f.line))
                failure = ElementTree.SubElement(case, "failure", message=f.message, type=f.severity)
                failure.text = f"{path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}" + (
                    f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
            for e in errors[path]:
                case = ElementTree.SubElement(suite, "testcase", classname=path, name="checked")
                ElementTree.SubElement(case, "error", message=e.message).text = e.message
            if not findings[path] and not errors[path]:
                ElementTree.SubElement(suite, "testcase", classname=path, name="no findings", file=path)
            suite.set("tests", str(len(suite)))
            total += len(suite)
        root.set("tests", str(total))
        ElementTree.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
