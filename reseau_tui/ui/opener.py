"""Opening a link outside the app: the mail client for a draft, the browser for a profile.

In a browser (`reseau serve`) the link is handed to that browser: on a phone,
its own mail app opens. In a terminal, through `webbrowser`, but never with a
text-mode browser (lynx, w3m...) that would take over the very terminal the
app is drawn in: over SSH with no desktop, opening says it could not instead.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable

from textual.app import App

Opener = Callable[[str], bool]


def system_opener(app: App[object]) -> Opener:
    """How this app opens a link: True when something outside it took the link."""

    def open_link(url: str) -> bool:
        if _in_browser(app):
            app.open_url(url)
            return True
        return open_outside(url)

    return open_link


def _in_browser(app: App[object]) -> bool:
    driver = getattr(app, "_driver", None)
    return type(driver).__name__ == "WebDriver"


def open_outside(url: str) -> bool:
    """The system's handler for `url` (xdg-open, open, the default browser), if it has one
    that runs beside the terminal."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if isinstance(browser, webbrowser.GenericBrowser) and not isinstance(
        browser, webbrowser.BackgroundBrowser
    ):
        return False  # a text browser in the foreground: it would draw over the app
    try:
        return bool(browser.open(url))
    except OSError:
        return False
