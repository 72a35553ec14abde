"""`o` hands the draft to the mail client, `p` opens the profile: on a follow-up and in the review.

The opener is injected: the tests see the link the system would be given, and
no mail client or browser is ever started.
"""

from __future__ import annotations

import webbrowser
from datetime import timedelta
from urllib.parse import unquote, urlsplit

import pytest
from textual.widgets import Static, TextArea

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.engine import FollowUp
from reseau_tui.services.network import Network
from reseau_tui.ui.opener import open_outside
from reseau_tui.ui.screens.followup_screen import FollowUpScreen
from reseau_tui.ui.screens.review_screen import ReviewScreen
from tests.ui.conftest import make_app, settle


class Opener:
    """Records the links it is given; says whether something took them."""

    def __init__(self, works: bool = True) -> None:
        self.links: list[str] = []
        self.works = works

    def __call__(self, url: str) -> bool:
        self.links.append(url)
        return self.works


def body_of(link: str) -> str:
    query = urlsplit(link).query
    fields = dict(pair.partition("=")[::2] for pair in query.split("&"))
    return unquote(fields["body"]).replace("\r\n", "\n")


def _people(network: Network, clock: FixedClock) -> tuple[str, str]:
    """Zoë has an email and a LinkedIn page; Yann has neither. Both are owed a thank-you."""
    zoe = network.add_contact(
        "Zoë N'Diaye", email="zoe@exemple.fr", url="linkedin.com/in/zoe-ndiaye"
    ).id
    yann = network.add_contact("Yann Le Goff").id
    network.log_meeting([zoe], clock.now() - timedelta(hours=5))
    network.log_meeting([yann], clock.now() - timedelta(hours=3))
    network.commit()
    return zoe, yann


def _item(network: Network, contact_id: str) -> FollowUp:
    return next(i for i in network.queue().actionable() if i.contact_id == contact_id)


def _hint(screen: FollowUpScreen | ReviewScreen) -> str:
    return " ".join(str(s.render()) for s in screen.query(".hint").results(Static))


async def test_o_opens_the_edited_draft_in_the_mail_client_and_marks_nothing_done(
    network: Network, clock: FixedClock
) -> None:
    zoe, _yann = _people(network, clock)
    item = _item(network, zoe)
    opener = Opener()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = FollowUpScreen(item, opener=opener)
        app.push_screen(screen)
        await pilot.pause()
        assert "o mail · p profile" in _hint(screen)
        screen.query_one("#draft", TextArea).load_text("Merci Zoë !\n« À bientôt »")
        await pilot.press("o")
        await settle(app)
        assert len(opener.links) == 1
        link = opener.links[0]
        assert link.startswith("mailto:zoe@exemple.fr?subject=Thank%20you&body=")
        assert body_of(link) == "Merci Zoë !\n« À bientôt »"
        assert app.screen is screen  # still open: the user says d once it is sent
        await pilot.press("p")
        assert opener.links[1] == "https://linkedin.com/in/zoe-ndiaye"
    assert item.id in {i.id for i in network.queue().actionable()}


async def test_o_and_p_are_not_offered_for_someone_without_an_address_or_a_link(
    network: Network, clock: FixedClock
) -> None:
    _zoe, yann = _people(network, clock)
    opener = Opener()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = FollowUpScreen(_item(network, yann), opener=opener)
        app.push_screen(screen)
        await pilot.pause()
        assert "o mail" not in _hint(screen) and "p profile" not in _hint(screen)
        assert screen.check_action("mail", ()) is False
        assert screen.check_action("profile", ()) is False
        await pilot.press("o", "p")
        await pilot.pause()
        assert opener.links == []


async def test_a_mail_client_that_cannot_be_opened_is_said_plainly(
    network: Network, clock: FixedClock
) -> None:
    zoe, _yann = _people(network, clock)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(FollowUpScreen(_item(network, zoe), opener=Opener(works=False)))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert any("No mail client could be opened" in n.message for n in app._notifications)


async def test_in_the_review_o_and_p_follow_the_person_of_each_item(
    network: Network, clock: FixedClock
) -> None:
    zoe, yann = _people(network, clock)
    items = [_item(network, zoe), _item(network, yann)]
    opener = Opener()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = ReviewScreen(items, opener=opener)
        app.push_screen(screen)
        await pilot.pause()
        assert screen.current == items[0]
        assert "o mail · p profile" in _hint(screen)
        await pilot.press("o")
        await pilot.pause()
        assert opener.links[0].startswith("mailto:zoe@exemple.fr?")
        assert "Once it is sent, d marks it done" in str(
            screen.query_one("#review-last", Static).render()
        )
        assert screen.current == items[0]  # opening is not deciding
        await pilot.press("p")
        assert opener.links[1] == "https://linkedin.com/in/zoe-ndiaye"
        await pilot.press("s")  # Yann: no address, no link
        await pilot.pause()
        assert screen.current == items[1]
        assert "o mail" not in _hint(screen) and "p profile" not in _hint(screen)
        await pilot.press("o", "p")
        await pilot.pause()
        assert len(opener.links) == 2
    assert {i.id for i in items} <= {i.id for i in network.queue().actionable()}


def test_a_text_browser_never_takes_over_the_terminal_the_app_is_drawn_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[str] = []

    class Lynx(webbrowser.GenericBrowser):  # runs in the foreground, in this terminal
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            started.append(url)
            return True

    class XdgOpen(webbrowser.BackgroundBrowser):  # hands the link to the desktop
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            started.append(url)
            return True

    monkeypatch.setattr(webbrowser, "get", lambda: Lynx("lynx"))
    assert open_outside("mailto:zoe@exemple.fr") is False
    assert started == []
    monkeypatch.setattr(webbrowser, "get", lambda: XdgOpen("xdg-open"))
    assert open_outside("mailto:zoe@exemple.fr") is True
    assert started == ["mailto:zoe@exemple.fr"]
