"""The user's config file (`config.toml` in the platform's config folder): language and theme.

    language = "fr"
    theme = "gruvbox"

Read at start with tomllib; written (atomically) when the language or the theme
is changed in the app. A missing file is normal; a file that cannot be used
never stops reseau: the caller warns and carries on without it. Only the line
of the setting changed is ever rewritten, so comments and other settings stay
as the user wrote them.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reseau_tui.i18n import LANGUAGES, _, language_code, language_from_env
from reseau_tui.locations import config_file


class ConfigProblem(Exception):
    """The config file cannot be read or written; `template` is English, translated when shown."""

    def __init__(self, path: Path, template: str, **values: object) -> None:
        super().__init__(f"{path}: {template.format(**values)}")
        self.path = path
        self.template = template
        self.values = values

    def describe(self) -> str:
        return _("the config file {path} {problem}", path=str(self.path), problem=self.problem)

    @property
    def problem(self) -> str:
        return _(self.template, **self.values)


MAX_CONFIG = 64 * 1024  # bytes: a config file is a few lines; anything larger is a mistake


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The settings in the config file; empty when there is none. Raises `ConfigProblem`."""
    path = path or config_file()
    raw = _read_small_file(path)
    if raw is None:
        return {}
    import tomllib  # only when there is a file: most people have none

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigProblem(path, "is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigProblem(path, "is not valid TOML ({reason})", reason=str(exc)) from None
    except RecursionError:  # tomllib parses nested arrays and tables by recursion
        raise ConfigProblem(path, "is nested too deeply to be a config file") from None


def _read_small_file(path: Path) -> bytes | None:
    """The file's bytes, None when there is none; never waits, never reads more than it takes.

    Opening a pipe for reading would wait for a writer (every command would
    hang at start), and reading a device would never end: anything but a
    regular file is refused before it is opened, and the file opened is
    checked again (it may have been replaced in between), without blocking.
    """
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_file(path, mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigProblem(path, "cannot be read ({reason})", reason=exc.strerror) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_a_file(path, st.st_mode)
        if st.st_size > MAX_CONFIG:
            raise _too_large(path)
        raw = os.read(fd, MAX_CONFIG + 1)
        while len(raw) <= MAX_CONFIG and (more := os.read(fd, MAX_CONFIG + 1 - len(raw))):
            raw += more  # a short read (a network file system): read on, within the limit
    except OSError as exc:
        raise ConfigProblem(path, "cannot be read ({reason})", reason=exc.strerror) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_CONFIG:  # it grew after it was measured
        raise _too_large(path)
    return raw


def _not_a_file(path: Path, mode: int) -> ConfigProblem:
    if stat.S_ISDIR(mode):
        return ConfigProblem(path, "is a folder, not a file")
    return ConfigProblem(path, "is not a regular file (a device, a pipe or a socket)")


def _too_large(path: Path) -> ConfigProblem:
    return ConfigProblem(
        path, "is too large to be a config file (more than {limit} KiB)", limit=MAX_CONFIG // 1024
    )


def configured_language(path: Path | None = None) -> str | None:
    """The config file's `language` ("en" or "fr"), None when it sets none."""
    path = path or config_file()
    value = read_config(path).get("language")
    if value is None:
        return None
    code = language_code(value) if isinstance(value, str) else None
    if code is None:
        raise ConfigProblem(
            path, 'sets language = {value}; use "en" or "fr"', value=_toml_repr(value)
        )
    return code


def startup_language(
    requested: str | None,
    warn: Callable[[str], None],
    environ: dict[str, str] | None = None,
    path: Path | None = None,
) -> str:
    """`--lang` first, then the config file, then LC_ALL / LC_MESSAGES / LANG, else English.

    A config file that cannot be used is reported through `warn` (in the language
    the environment asks for) and ignored.
    """
    if requested in LANGUAGES:
        return requested
    try:
        configured = configured_language(path)
    except ConfigProblem as exc:
        from reseau_tui.i18n import set_language

        fallback = language_from_env(environ)
        set_language(fallback)
        warn(_("{problem}; it is ignored.", problem=exc.describe()))
        return fallback
    return configured or language_from_env(environ)


_TABLE_LINE = re.compile(r"^\s*\[")


def save_language(lang: str, path: Path | None = None) -> Path:
    """Write `language = "<lang>"` into the config file, keeping everything else in it."""
    if lang not in LANGUAGES:
        raise ValueError(lang)
    return _save_top_level("language", lang, path)


def configured_theme(path: Path | None = None) -> str | None:
    """The config file's `theme` (a Textual theme's name), None when it sets none."""
    path = path or config_file()
    value = read_config(path).get("theme")
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigProblem(
            path, "sets theme = {value}; use a theme's name", value=_toml_repr(value)
        )
    return value


def save_theme(name: str, path: Path | None = None) -> Path:
    """Write `theme = "<name>"` into the config file: the next start uses it again."""
    return _save_top_level("theme", name, path)


def _save_top_level(key: str, value: str, path: Path | None) -> Path:
    """Set one top-level `key = "value"` line, keeping everything else in the file.

    The file is replaced atomically. A file that cannot be parsed is left alone
    (`ConfigProblem`): it may hold settings the user is in the middle of writing.
    """
    from reseau_tui.store.errors import SaveError
    from reseau_tui.store.files import atomic_write, ensure_folder

    path = path or config_file()
    read_config(path)  # refuses to touch a file it cannot read
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    lines = text.splitlines(keepends=True)
    line = f"{key} = {_toml_repr(value)}\n"
    key_line = re.compile(rf"^\s*{re.escape(key)}\s*=")  # on a line of its own, before any [table]
    top_level_end = next((i for i, x in enumerate(lines) if _TABLE_LINE.match(x)), len(lines))
    existing = [i for i in range(top_level_end) if key_line.match(lines[i])]
    if existing:
        lines[existing[0]] = line
    else:
        lines.insert(0, line)
    new_text = "".join(lines)
    import tomllib

    try:
        written = tomllib.loads(new_text).get(key)
    except tomllib.TOMLDecodeError:
        written = None
    if written != value:
        raise ConfigProblem(path, "could not be updated (its {key} line is unusual)", key=key)
    try:
        ensure_folder(path)
        atomic_write(path, new_text.encode("utf-8"))
    except SaveError as exc:
        raise ConfigProblem(path, "could not be written: {reason}", reason=_(exc.problem)) from None
    return path


def _toml_repr(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def configured_keys(path: Path | None = None) -> tuple[dict[str, str], list[ConfigProblem]]:
    """The `[keys]` table (binding id → key, `review = "R"`) and what is wrong in it.

    An entry that is not a non-empty string is left out and reported; a file
    that cannot be read gives no keys and no problem here: that was said at
    start, with the language.
    """
    path = path or config_file()
    try:
        table = read_config(path).get("keys")
    except ConfigProblem:
        return {}, []
    if table is None:
        return {}, []
    if not isinstance(table, dict):
        return {}, [
            ConfigProblem(
                path,
                'sets keys = {value}; use a [keys] table of id = "key"',
                value=_toml_repr(table),
            )
        ]
    keys: dict[str, str] = {}
    problems: list[ConfigProblem] = []
    for name, value in table.items():
        if isinstance(value, str) and value.strip():
            keys[name] = value.strip()
        else:
            problems.append(
                ConfigProblem(
                    path,
                    'sets {name} = {value} in [keys]; use a key, like "R" or "ctrl+r"',
                    name=name,
                    value=_toml_repr(value),
                )
            )
    return keys, problems
