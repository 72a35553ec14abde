"""Where reseau keeps its files: one module, so every path is decided here."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from reseau_tui.i18n import N_, Num, _

APP = "reseau"
NAME_MAX = 255  # bytes in one file name, where the system does not say
PATH_MAX = 4096  # bytes in a whole path, likewise
# Room left in a name for what lives beside the database: "reseau.json.bak-20261126T…"
# (26 more bytes), ".reseau.json.tmp-…" (23 more), "reseau.json.lock".
SIBLING_ROOM = 32


class PathProblem(Exception):
    """The database path given (`--db`, `RESEAU_DB`) cannot name a file; nothing was opened.

    `template` is English, translated when shown (`describe`).
    """

    def __init__(self, path: str, template: str, **values: object) -> None:
        super().__init__(f"{path}: {template.format(**values)}")
        self.path = path
        self.template = template
        self.values = values

    def describe(self) -> str:
        return _(
            "the database path {path} {problem}",
            path=self.path,
            problem=_(self.template, **self.values),
        )


def database_path(given: Path | str | None = None) -> Path:
    """The database file to use: `given` (`--db`), else `RESEAU_DB`, else the data folder's.

    `~` and `~user` expanded, links followed, relative paths made absolute,
    once, here, for the commands and the app alike. Raises `PathProblem` for
    a user that does not exist, a loop of links, or a name longer than the
    file system allows (with room for the backups beside it): said plainly
    before anything tries to open it.
    """
    shown = str(given) if given else os.environ.get("RESEAU_DB", "")
    if not shown:
        return _checked_length(user_folder("data") / "reseau.json", shown)
    try:
        expanded = Path(shown).expanduser()
    except RuntimeError:  # `~user` of a user this system does not know, or no home at all
        user = shown[1:].split(os.sep, 1)[0]
        if user:
            raise PathProblem(
                shown, N_("starts with ~{user}, but this system has no user {user}"), user=user
            ) from None
        raise PathProblem(shown, N_("starts with ~, but no home folder is set")) from None
    _checked_length(expanded, shown)
    try:
        resolved = expanded.resolve()
    except RuntimeError:  # a loop of links, before Python 3.13
        raise PathProblem(shown, N_("goes through a loop of symbolic links")) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise PathProblem(shown, N_("goes through a loop of symbolic links")) from None
        raise PathProblem(
            shown, N_("cannot be followed ({reason})"), reason=exc.strerror or str(exc)
        ) from None
    return _checked_length(resolved, shown)


def _checked_length(path: Path, shown: str) -> Path:
    """`path`, unless a name in it, or the whole, is longer than the file system takes."""
    name_max, path_max = _limits(path)
    for part in path.parts:
        length = len(os.fsencode(part))
        if length > name_max - SIBLING_ROOM:
            raise PathProblem(
                shown,
                N_(
                    "has a name of {length} bytes; at most {limit} can be used here "
                    "(with room for the backups beside it)"
                ),
                length=Num(length),
                limit=Num(name_max - SIBLING_ROOM),
            )
    length = len(os.fsencode(path))
    if length > path_max - SIBLING_ROOM:
        raise PathProblem(
            shown,
            N_("is {length} bytes long; at most {limit} can be used here"),
            length=Num(length),
            limit=Num(path_max - SIBLING_ROOM),
        )
    return path


def _limits(path: Path) -> tuple[int, int]:
    """The longest name and path the file system of `path` (its nearest existing folder) takes."""
    folder = path.parent
    while not _exists(folder) and folder != folder.parent:
        folder = folder.parent
    try:
        return os.pathconf(folder, "PC_NAME_MAX"), os.pathconf(folder, "PC_PATH_MAX")
    except (OSError, ValueError):
        return NAME_MAX, PATH_MAX


def _exists(folder: Path) -> bool:
    try:
        return folder.is_dir()
    except OSError:  # a name too long, a loop: not a folder one can ask about
        return False


def default_database() -> Path:
    """`RESEAU_DB` when set, else `reseau.json` in the platform's user data folder."""
    return database_path(None)


_XDG = {
    "data": ("XDG_DATA_HOME", ".local/share"),
    "config": ("XDG_CONFIG_HOME", ".config"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
}


def user_folder(kind: str) -> Path:
    """reseau's folder of this kind ("data", "config", "cache"), as platformdirs names it.

    On Linux with an absolute HOME, and each XDG variable unset or absolute (the
    usual case), that is the XDG base directory rule, worked out here: loading
    platformdirs costs every command several milliseconds (`reseau --help`
    would take twice as long as Python starting). Anything else asks
    platformdirs itself; a test checks both agree.
    """
    variable, default = _XDG[kind]
    home, xdg = os.environ.get("HOME", ""), os.environ.get(variable, "")
    if sys.platform.startswith("linux") and home.startswith("/") and xdg[:1] in ("", "/"):
        return Path(xdg or os.path.join(home, default), APP)
    import platformdirs

    return {
        "data": platformdirs.user_data_path,
        "config": platformdirs.user_config_path,
        "cache": platformdirs.user_cache_path,
    }[kind](APP)


def config_file() -> Path:
    return user_folder("config") / "config.toml"


def derived_folder() -> Path:
    """What reseau can always recompute from a database (the engine's scan), per database."""
    return user_folder("cache") / "derived"


def screenshots_folder() -> Path:
    """Where `f8` saves pictures of the screen: they show people's names, so not the cwd."""
    return user_folder("data") / "screenshots"


def systemd_user_folder() -> Path:
    """Where systemd looks for the units of this user (`reseau remind --install` on Linux)."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def launch_agents_folder() -> Path:
    """Where launchd looks for this user's agents (`reseau remind --install` on macOS)."""
    return Path.home() / "Library" / "LaunchAgents"


def reminded_file(prefix: str) -> Path:
    """What `reseau remind` already announced for one database, beside its kept findings.

    Named with a dot, not a dash: the findings of a newer version of the file replace
    every `PREFIX-*.json`, and this must outlive them.
    """
    return derived_folder() / f"{prefix}.reminded.json"
