"""Configuration: `[tool.healthlint]` in pyproject.toml or a `.healthlint.toml`, found by walking up.

Every key is checked; an unknown key or a bad value is a ConfigError that names
the file, the key and what is allowed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from healthlint.errors import ConfigError
from healthlint.rules import SEVERITIES, RuleInfo
from healthlint.running.timelimit import RULE_TIME_LIMIT
from healthlint.text.document import MAX_FILE_SIZE

if TYPE_CHECKING:
    import pathspec

    from healthlint.rules.vocabulary import Term

CONFIG_NAMES = (".healthlint.toml", "healthlint.toml", "pyproject.toml")
REGISTERS = ("careful", "promotional")  # what an override may declare a file's register to be


@dataclass(frozen=True)
class Override:
    """Settings that apply only to files matching `paths` (globs relative to the config's folder)."""

    paths: tuple[str, ...]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    register: str | None = None  # "careful" or "promotional": the files' register, declared, not measured


@dataclass(frozen=True)
class Config:
    """Effective settings of a run: the config file's, then the command line's on top."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "info"
    exclude: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    rules: tuple[dict[str, Any], ...] = ()
    plugins: tuple[str, ...] = ()
    report_unused_suppressions: bool = False
    vocabulary: tuple[Term, ...] = ()
    vocabularies: dict[str, Any] = field(default_factory=dict)  # named term lists for `rules` ({name})
    max_file_size: int = MAX_FILE_SIZE  # bytes; a larger file is an error, not read
    rule_time_limit: float = RULE_TIME_LIMIT  # seconds a rule may spend on one file

    def with_options(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def source(self) -> str:
        return str(self.path) if self.path else "the command line"

    def as_table(self) -> dict[str, Any]:
        """The effective settings under the keys a config file uses (`check --show-settings`)."""
        return {
            "config-file": str(self.path) if self.path else None, "root": str(self.root),
            "select": list(self.select) if self.select is not None else ["ALL"], "ignore": list(self.ignore),
            "severity": dict(self.severity), "fail-on": self.fail_on, "exclude": list(self.exclude),
            "overrides": [{"paths": list(o.paths), "select": list(o.select) if o.select is not None else None,
                           "ignore": list(o.ignore), "severity": dict(o.severity), "register": o.register}
                          for o in self.overrides],
            "rules": [dict(rule) for rule in self.rules], "plugins": list(self.plugins),
            "report-unused-suppressions": self.report_unused_suppressions,
            "vocabulary": [{"term": t.term, "rules": list(t.rules), "case-sensitive": t.case_sensitive}
                           for t in self.vocabulary],
        }

    def vocabulary_files(self) -> list[Path]:
        """The term files `vocabularies` names (`name = { file = "terms.txt" }`, relative to the root)."""
        return [self.root / spec["file"] for spec in self.vocabularies.values()
                if isinstance(spec, dict) and isinstance(spec.get("file"), str)]

    def settings_for(self, path: str) -> tuple[tuple[str, ...] | None, tuple[str, ...], dict[str, str], str | None]:
        """(select, ignore, severity, register) for one file, with matching overrides applied in
        order (register: None when the file's register is to be measured)."""
        select, ignore, severity, register = self.select, self.ignore, dict(self.severity), None
        if not self.overrides:
            return select, ignore, severity, register
        relative = _relative(path, self.root)
        for override in self.overrides:
            if path_spec(override.paths).match_file(relative):
                select = override.select if override.select is not None else select
                ignore = ignore + override.ignore
                severity.update(override.severity)
                register = override.register or register
        return select, ignore, severity, register

    def is_excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        relative = _relative(path, self.root)
        return path_spec(self.exclude).match_file(relative)


def enabled(info: RuleInfo, select: tuple[str, ...] | None, ignore: tuple[str, ...]) -> bool:
    """A rule runs when a selector selects it (or none is given) and no ignore names it."""
    if select is not None and not any(info.selected_by(s) for s in select):
        return False
    return not any(info.selected_by(s) for s in ignore)


def effective_severity(info: RuleInfo, overrides: dict[str, str]) -> str:
    """The most specific override wins: rule id, then pack, then category."""
    for key in (info.id, info.pack, info.category):
        if key in overrides:
            return overrides[key]
    return info.severity


def _relative(path: str, root: Path) -> str:
    candidate = Path(path)
    try:
        candidate = candidate.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        pass
    return candidate.as_posix()


@functools.lru_cache(maxsize=256)
def path_spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    """Patterns with gitignore's meaning (pathspec's implementation): `*`, `?`, `[ab]` within a
    folder, `**` across folders, a leading `/` anchors to the config's folder, `!` re-includes,
    a pattern without `/` matches a file or folder name at any depth."""
    import pathspec  # here: most runs exclude nothing, and start-up counts in a pre-commit hook

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _check_patterns(patterns: tuple[str, ...], where: str, key: str) -> tuple[str, ...]:
    try:
        path_spec(patterns)
    except (ValueError, re.error) as exc:  # pathspec's pattern error is a ValueError; a bad [z-a] a re.error
        raise ConfigError(f"{where}: '{key}': invalid pattern: {exc}") from None
    return patterns


# --- reading and validating ---------------------------------------------------------------

def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings, not {value!r}")
    return tuple(value)


_UNITS = {"": 1, "K": 1000, "M": 1000**2, "G": 1000**3}


def _size(value: Any, where: str, key: str) -> int:
    """A size in bytes: a positive integer, or a string such as "500KB", "100MB" or "1GB"."""
    if isinstance(value, str) and (found := re.fullmatch(r"\s*(\d+)\s*([KMG]?)B?\s*", value.upper())):
        value = int(found[1]) * _UNITS[found[2]]
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{where}: '{key}' must be a size such as 1000000, \"500KB\" or \"100MB\", not {value!r}")
    return value


def _seconds(value: Any, where: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e9:
        raise ConfigError(f"{where}: '{key}' must be a number of seconds above 0, not {value!r}")
    return float(value)


def _severity_table(value: Any, where: str, key: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: '{key}' must be a table of selector = severity, not {value!r}")
    for selector, severity in value.items():
        if severity not in SEVERITIES:
            raise ConfigError(f"{where}: '{key}.{selector}' must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    return dict(value)


def _override(value: Any, where: str, index: int) -> Override:
    key = f"overrides[{index}]"
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: '{key}' must be a table")
    allowed = {"paths", "select", "ignore", "severity", "register"}
    unknown = set(value) - allowed
    if unknown:
        raise ConfigError(f"{where}: unknown key '{key}.{sorted(unknown)[0]}'; allowed: {', '.join(sorted(allowed))}")
    if "paths" not in value:
        raise ConfigError(f"{where}: '{key}' needs 'paths', a list of globs")
    register = value.get("register")
    if register is not None and register not in REGISTERS:
        raise ConfigError(f"{where}: '{key}.register' must be one of {', '.join(REGISTERS)}, not {register!r}")
    return Override(
        paths=_check_patterns(_strings(value["paths"], where, f"{key}.paths"), where, f"{key}.paths"),
        select=_strings(value["select"], where, f"{key}.select") if "select" in value else None,
        ignore=_strings(value.get("ignore", []), where, f"{key}.ignore"),
        severity=_severity_table(value.get("severity", {}), where, f"{key}.severity"),
        register=register,
    )


def from_table(table: dict[str, Any], path: Path | None, where: str) -> Config:
    """Validate a `[tool.healthlint]` table (or a .healthlint.toml) into a Config."""
    from healthlint.rules import vocabulary  # here: a run with no configuration file never needs it

    allowed = {
        "select", "ignore", "severity", "fail-on", "exclude", "overrides", "rules", "plugins",
        "report-unused-suppressions", "vocabulary", "vocabularies", "max-file-size", "rule-time-limit",
    }
    for key in table:
        if key not in allowed:
            raise ConfigError(f"{where}: unknown key '{key}'; allowed: {', '.join(sorted(allowed))}")
    fail_on = table.get("fail-on", "info")
    if fail_on not in SEVERITIES:
        raise ConfigError(f"{where}: 'fail-on' must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    rules = table.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise ConfigError(f"{where}: 'rules' must be an array of tables ([[tool.healthlint.rules]] or [[rules]])")
    overrides = table.get("overrides", [])
    if not isinstance(overrides, list):
        raise ConfigError(f"{where}: 'overrides' must be an array of tables")
    vocabularies = table.get("vocabularies", {})
    if not isinstance(vocabularies, dict):
        raise ConfigError(f"{where}: 'vocabularies' must be a table of name = [terms] ([tool.healthlint.vocabularies])")
    unused = table.get("report-unused-suppressions", False)
    if not isinstance(unused, bool):
        raise ConfigError(f"{where}: 'report-unused-suppressions' must be true or false, not {unused!r}")
    return Config(
        path=path,
        root=path.parent if path else Path.cwd(),
        select=_strings(table["select"], where, "select") if "select" in table else None,
        ignore=_strings(table.get("ignore", []), where, "ignore"),
        severity=_severity_table(table.get("severity", {}), where, "severity"),
        fail_on=fail_on,
        exclude=_check_patterns(_strings(table.get("exclude", []), where, "exclude"), where, "exclude"),
        overrides=tuple(_override(o, where, i) for i, o in enumerate(overrides)),
        rules=tuple(rules),
        plugins=_strings(table.get("plugins", []), where, "plugins"),
        report_unused_suppressions=unused,
        vocabulary=vocabulary.parse(table.get("vocabulary", []), where),
        vocabularies=dict(vocabularies),
        max_file_size=_size(table.get("max-file-size", MAX_FILE_SIZE), where, "max-file-size"),
        rule_time_limit=_seconds(table.get("rule-time-limit", RULE_TIME_LIMIT), where, "rule-time-limit"),
    )


def load(path: Path) -> Config:
    """Read one config file; pyproject.toml without [tool.healthlint] gives the defaults."""
    import tomli  # here: a run with no configuration file (--isolated, say) reads no TOML

    try:
        data = tomli.loads(path.read_text(encoding="utf-8"))
    except (tomli.TOMLDecodeError, RecursionError) as exc:  # RecursionError: nested too deeply
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("healthlint") if isinstance(tool, dict) else None
        if table is None:
            return Config(path=None, root=path.parent)
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.healthlint] must be a table")
        return from_table(table, path, f"{path} [tool.healthlint]")
    return from_table(data, path, str(path))


def find(start: Path) -> Path | None:
    """The nearest config file at or above `start`: .healthlint.toml, healthlint.toml, or a
    pyproject.toml that has a [tool.healthlint] table."""
    import tomli  # here: a run with --isolated or --config never searches

    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                if "tool" in (data := tomli.loads(candidate.read_text(encoding="utf-8"))) and \
                        "healthlint" in data["tool"]:
                    return candidate
            except (tomli.TOMLDecodeError, RecursionError, OSError, UnicodeDecodeError, TypeError):
                return candidate  # let load() report what is wrong with it
    return None


def resolve(config_path: str | None, isolated: bool, start: Path | None = None) -> Config:
    """The run's Config: an explicit file, nothing (--isolated), or the one found by walking up."""
    if isolated:
        return Config()
    if config_path:
        path = Path(config_path)
        if not path.is_file():
            raise ConfigError(f"{path}: configuration file not found")
        return load(path)
    found = find((start or Path.cwd()).resolve())
    return load(found) if found else Config()
