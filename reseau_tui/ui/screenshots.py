"""Screenshots of the demo at a fixed clock: `python -m reseau_tui.ui.screenshots [FOLDER]`.

Regenerates the SVGs in `screenshots/` (shown in the README) from the same
sample network and the same instant every time, so they only change when the
app does.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from reseau_tui.domain.clock import FixedClock
from reseau_tui.ui.app import ReseauApp

DEMO_INSTANT = "2026-11-26T10:00:00"
DEMO_ZONE = "Europe/Paris"

PAUSE = "<pause>"  # in a scene's keys: let a worker answer (the palette searches on one)

SHOTS: dict[str, tuple[tuple[int, int], tuple[str, ...]]] = {
    "main": ((120, 40), ()),
    "main-80x24": ((80, 24), ("3",)),
    "quick-capture": ((120, 40), ("m", "z", "o", "enter", *"Coffee at Oberkampf")),
    "followup": ((120, 40), ("3", "down", "down", "down", "enter")),
    "review": ((120, 40), ("r",)),
    "help": ((120, 40), ("question_mark",)),
    # A phone in portrait (Termux, Blink): every screen still usable at 50x30.
    "main-50x30": ((50, 30), ()),
    "quick-capture-50x30": ((50, 30), ("m", "z", "o", "enter", *"Coffee at Oberkampf")),
    "followup-50x30": ((50, 30), ("3", "down", "down", "down", "enter")),
    "review-50x30": ((50, 30), ("r",)),
    "help-50x30": ((50, 30), ("question_mark",)),
}
# Pictures for the README only (the snapshot tests approve `SHOTS`): a contact's brief
# in the detail area, and the settings screen opened from the palette.
README_SHOTS: dict[str, tuple[tuple[int, int], tuple[str, ...]]] = {
    "brief": ((120, 40), ("1", *["down"] * 11)),
    "settings": ((120, 40), ("ctrl+p", PAUSE, *"Settings", PAUSE, "enter")),
}


def demo_app() -> ReseauApp:
    app = ReseauApp.open(None, demo=True, clock=FixedClock.at(DEMO_INSTANT, DEMO_ZONE))
    assert app is not None
    return app


async def capture(name: str, folder: Path) -> Path:
    size, keys = {**SHOTS, **README_SHOTS}[name]
    app = demo_app()
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()  # the journal, built after the first frame
        await pilot.pause()
        for key in keys:
            if key == PAUSE:
                await app.workers.wait_for_complete()
                await pilot.pause(0.2)
            else:
                await pilot.press(key)
        await pilot.pause()
        path = folder / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(folder))
    return path


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    for name in (*SHOTS, *README_SHOTS):
        print(asyncio.run(capture(name, folder)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
