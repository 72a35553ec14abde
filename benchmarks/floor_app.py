"""The frame floor: a bare Textual app laid out like reseau's main screen, on the same rows.

Three lists drawn with `render_line` (contacts, journal, queue) holding as
many rows as reseau's, made of the same file's names and notes; a detail area
that shows the row under the cursor; a status line and Textual's footer; the
same terminal size. It answers the keys `benchmarks.harness` sends (`1` `2`
`3`, `/` and typing, the scroll keys, `m` then ctrl+s in a form of the same
fields, a timer tick that changes an item) doing the least any app must: a
substring test per row, a cursor move, a row added, a row changed, and
Textual's own work to draw the frame. None of reseau's code runs here: what
reseau spends above these figures is its own.

    python -m benchmarks.floor_app DB QUEUE_ROWS    prints one JSON object
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import unicodedata
from pathlib import Path
from typing import ClassVar

import orjson
from rich.cells import set_cell_size
from rich.segment import Segment
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Checkbox, Footer, Input, Label, OptionList, Select, Static, TextArea

from benchmarks import harness

SIZE = (160, 50)  # the terminal size the app is measured at (`benchmarks.session`)

CSS = """
MainFloor { layout: horizontal; overflow: hidden; }
#left, #right { width: 1fr; height: 1fr; }
.pane, #detail { border: round $panel-lighten-2; border-title-color: $text-muted;
    height: 1fr; background: $surface; }
.pane:focus-within, #detail:focus { border: round $accent; border-title-color: $accent; }
#contacts { height: 3fr; }
#journal { height: 2fr; }
#queue { height: 2fr; }
#detail { height: 3fr; padding: 0 1; overflow-x: hidden; }
Lines { height: 1fr; background: $surface; overflow-x: hidden; scrollbar-size-vertical: 1; }
Lines > .lines--cursor { background: $accent 35%; text-style: bold; }
.filter { height: 1; border: none; background: $boost; }
#status { dock: top; height: 1; background: $panel; color: $text; }
.form-screen { align: center middle; background: $background 60%; }
.form { width: 90%; max-width: 110; height: 90%; border: round $accent; background: $panel; }
.form .row { height: auto; }
.form Input, .form Select { width: 1fr; background: $boost; }
.form TextArea { height: 5; }
.suggestions { height: auto; max-height: 10; border: none; }
"""


def fold(text: str) -> str:
    """Lower case without accents: what a filter compares (done once per row, at start)."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()


class Lines(ScrollView, can_focus=True):
    """A list of ready-made lines with a cursor: the least a list of 100,000 rows can be."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"lines--cursor"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("e", "noop", "Edit"),
        Binding("s", "noop", "Sort"),
    ]

    def __init__(self, rows: list[str], keys: list[str], screen: MainFloor, *, id: str) -> None:
        super().__init__(id=id)
        self.all, self.keys, self.main = rows, keys, screen
        self.rows = rows
        self.all_index = self.index = list(range(len(rows)))  # the file's record each row shows
        self.cursor = 0

    def set_rows(self, rows: list[str], keys: list[str], index: list[int] | None = None) -> None:
        self.all, self.keys, self.rows = rows, keys, rows
        self.all_index = self.index = index if index is not None else list(range(len(rows)))
        self.virtual_size = Size(0, len(self.rows))
        self.refresh()

    def set_filter(self, text: str) -> None:
        kept: list[int] | range = range(len(self.all))
        for word in fold(text).split():
            kept = [i for i in kept if word in self.keys[i]]
        rows, index = self.all, self.all_index
        self.rows = [rows[i] for i in kept]
        self.index = [index[i] for i in kept]
        self.virtual_size = Size(0, len(self.rows))
        self.move_to(0)

    def on_mount(self) -> None:
        self.virtual_size = Size(0, len(self.rows))

    def move_to(self, index: int) -> None:
        self.cursor = max(0, min(index, len(self.rows) - 1))
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
        self.refresh()
        self.show_detail()

    def show_detail(self) -> None:
        record = self.index[self.cursor] if self.rows else None
        self.main.highlighted(self, record)

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(self.scrollable_content_region.height - 1, 1))

    def action_jump(self, index: int) -> None:
        self.move_to(len(self.rows) - 1 if index < 0 else index)

    def action_noop(self) -> None:
        pass

    def on_focus(self) -> None:
        self.refresh()
        self.show_detail()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        style = self.rich_style
        if index == self.cursor:
            style += self.get_component_rich_style("lines--cursor")
        return Strip([Segment(set_cell_size(" " + self.rows[index], width), style)], width)


class Pane(Vertical):
    """A titled list with its filter line, shown by `/` and closed by escape."""

    def __init__(self, title: str, lines: Lines, *, id: str) -> None:
        super().__init__(id=id, classes="pane")
        self.title, self.lines = title, lines

    def compose(self) -> ComposeResult:
        yield self.lines
        yield Input(placeholder="filter…", classes="filter", compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).display = False
        self.update_title()

    def update_title(self) -> None:
        self.border_title = Content(f"{self.title} · {len(self.lines.rows)}/{len(self.lines.all)}")

    def start_filter(self) -> None:
        box = self.query_one(Input)
        box.display = True
        box.focus()

    @on(Input.Changed, ".filter")
    def _changed(self, event: Input.Changed) -> None:
        self.lines.set_filter(event.value)
        self.update_title()


class MainFloor(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "focus_list('contacts')", show=False),
        Binding("2", "focus_list('journal')", show=False),
        Binding("3", "focus_list('queue')", show=False),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("m", "meeting", "Meeting"),
        Binding("5", "overview", show=False),
        Binding("n", "noop", "Contact"),
        Binding("escape", "clear_filter", show=False),
    ]

    def __init__(self, data: Data) -> None:
        super().__init__()
        self.data = data
        self.detail = Static(id="detail-text")
        self.lists = {
            name: Lines(
                rows, [fold(row) for row in rows] if keys is None else keys, self, id=f"{name}-list"
            )
            for name, (rows, keys) in data.lists.items()
        }
        self.journal_of: int | None = None  # the contact whose meetings the journal shows

    def highlighted(self, lines: Lines, record: int | None) -> None:
        """The cursor moved: the detail shows that row; on a contact, the journal their meetings."""
        data = self.data
        if lines is self.lists["contacts"]:
            if lines.has_focus:
                self.show_journal(record)
            text = data.contact_detail(record) if record is not None else []
        elif lines is self.lists["journal"]:
            text = data.meeting_detail(record) if record is not None else []
        else:
            text = data.item_detail(record) if record is not None else []
        parts = [Content.styled(text[0], "bold"), *map(Content, text[1:])] if text else []
        self.detail.update(Content("\n").join(parts))

    def show_journal(self, contact: int | None) -> None:
        if contact == self.journal_of:
            return
        self.journal_of = contact
        journal, (rows, keys) = self.lists["journal"], self.data.lists["journal"]
        assert keys is not None
        if contact is None:
            journal.set_rows(rows, keys)
        else:
            mine = self.data.met[contact]
            journal.set_rows([rows[i] for i in mine], [keys[i] for i in mine], mine)
        self.query_one("#journal", Pane).update_title()

    def compose(self) -> ComposeResult:
        with Vertical(id="left"):
            yield Pane("Contacts", self.lists["contacts"], id="contacts")
            yield Pane("Journal", self.lists["journal"], id="journal")
        with Vertical(id="right"):
            yield Pane("Thank-you queue", self.lists["queue"], id="queue")
            with VerticalScroll(id="detail"):
                yield self.detail
        yield Static(" reseau floor", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.lists["contacts"].focus()

    def action_focus_list(self, name: str) -> None:
        if name != "contacts":
            self.show_journal(None)
        self.lists[name].focus()

    def action_filter(self) -> None:
        for pane in self.query(Pane):
            if pane.has_focus_within:
                pane.start_filter()

    def action_clear_filter(self) -> None:
        for pane in self.query(Pane):
            box = pane.query_one(Input)
            if box.display:
                box.value = ""
                box.display = False
                pane.lines.set_filter("")
                pane.update_title()
                pane.lines.focus()

    def action_meeting(self) -> None:
        self.app.push_screen(FormFloor())

    def action_overview(self) -> None:
        self.app.push_screen(OverviewFloor(len(self.lists["contacts"].all)))

    def action_noop(self) -> None:
        pass

    def add_meeting(self, note: str) -> None:
        """A saved meeting: its row on top of the journal, a thank-you in the queue."""
        for name, row in (
            ("journal", f"today  Camille Martin  coffee  {note}"),
            ("queue", f"○ Thank  Camille Martin  due now  {note}"),
        ):
            lines = self.lists[name]
            lines.set_rows([row, *lines.all], [fold(row), *lines.keys], [-1, *lines.all_index])
            self.query_one(f"#{name}", Pane).update_title()
        self.lists["contacts"].refresh()
        owed = len(self.lists["queue"].all)
        self.query_one("#status", Static).update(f" reseau floor · {owed} owed")

    def change_item(self, n: int) -> None:
        """A tick that changes an item: one queue row and its person's marker, with a notice."""
        queue, contacts = self.lists["queue"], self.lists["contacts"]
        rows = list(queue.all)
        rows[n % len(rows)] = "● " + rows[n % len(rows)][2:]
        queue.set_rows(rows, queue.keys, queue.all_index)
        people = list(contacts.all)
        people[n % len(people)] = "● " + people[n % len(people)][2:]
        contacts.set_rows(people, contacts.keys, contacts.all_index)
        self.query_one("#queue", Pane).update_title()
        self.query_one("#status", Static).update(f" reseau floor · {n} changed")
        self.app.notify("Thank Camille Martin: overdue since 14:30")


class FormFloor(ModalScreen[None]):
    """The meeting form's fields; ctrl+s adds the meeting and closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="form-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            with VerticalScroll(classes="form-fields"):
                yield Label("Log a meeting")
                yield Static("Camille Martin")
                yield Input(compact=True, placeholder="Who?", id="who")
                yield OptionList(classes="suggestions")
                yield Label("Note")
                yield TextArea(id="note", soft_wrap=True)
                with Horizontal(classes="row"):
                    yield Label("When")
                    yield Input(compact=True, value="now")
                yield Checkbox("Already thanked", compact=True)
                with Horizontal(classes="row"):
                    yield Label("Channel")
                    channels = ("coffee", "call", "video", "event", "visit", "email", "message")
                    yield Select([(c, c) for c in channels], value="coffee", allow_blank=False)
                for label in ("Place", "Learned", "Advice", "Leads", "I promised", "They promised"):
                    with Horizontal(classes="row"):
                        yield Label(label)
                        yield Input(compact=True)
            yield Static(classes="form-notice")
            yield Label("ctrl+s save · escape cancel · tab next field")

    def on_mount(self) -> None:
        self.query_one(OptionList).display = False
        self.query_one("#note", TextArea).focus()

    def action_save(self) -> None:
        note = self.query_one("#note", TextArea).text
        main = self.app.screen_stack[-2]
        self.app.pop_screen()
        assert isinstance(main, MainFloor)
        main.add_meeting(note)

    def action_cancel(self) -> None:
        self.app.pop_screen()


class OverviewFloor(Screen[None]):
    """A screen of a few figures, for a key that opens a view (reseau's network view)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, people: int) -> None:
        super().__init__()
        self.people = people

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for n in range(20):
                yield Static(f"figure {n}: {self.people * n:,} people")
        yield Footer(compact=True)


class Data:
    """The rows of the three lists, what the filter compares and the detail shows, from the file."""

    def __init__(self, db: Path, queue_rows: int) -> None:
        tables = orjson.loads(db.read_bytes())
        self.contacts = list(tables.get("contacts", {}).values())
        at = {doc["id"]: n for n, doc in enumerate(self.contacts)}
        names = [doc.get("name", "") for doc in self.contacts]
        people = [
            "  ".join(
                (
                    " ",
                    doc.get("name", ""),
                    doc.get("company", ""),
                    doc.get("role", ""),
                    doc.get("circle", ""),
                )
            )
            for doc in self.contacts
        ]
        self.meetings = sorted(
            tables.get("meetings", {}).values(), key=lambda m: m["when"], reverse=True
        )
        self.met: list[list[int]] = [[] for _ in self.contacts]
        journal, journal_keys = [], []
        for n, m in enumerate(self.meetings):
            people_met = [at[c] for c in m.get("contact_ids", ()) if c in at]
            for person in people_met:
                self.met[person].append(n)
            who = ", ".join(names[p] for p in people_met)
            summary = m.get("note") or m.get("learned") or m.get("advice") or m.get("place", "")
            journal.append(f"{m['when'][:10]}  {who}  {m.get('channel', '')}  {summary}")
            texts = (
                who,
                m.get("note", ""),
                m.get("learned", ""),
                m.get("advice", ""),
                m.get("place", ""),
                " ".join(m.get("leads", ())),
            )
            journal_keys.append(fold(" ".join(texts)))
        self.journal = journal
        queue = [
            f"○ Thank  {row.split('  ')[1]}  2 days late  {row.split('  ', 3)[-1]}"
            for row in journal[: max(queue_rows, 1)]
        ]
        self.lists: dict[str, tuple[list[str], list[str] | None]] = {
            "contacts": (people, None),
            "journal": (journal, journal_keys),
            "queue": (queue, None),
        }

    def contact_detail(self, n: int) -> list[str]:
        doc = self.contacts[n]
        lines = [doc.get("name", ""), f"{doc.get('role', '')} · {doc.get('company', '')}", ""]
        for field in ("circle", "email", "phone", "url", "notes"):
            if doc.get(field):
                lines.append(f"{field}: {doc[field]}")
        lines += ["", "Last meetings"]
        lines += [self.journal[i] for i in self.met[n][:3]]
        return lines

    def meeting_detail(self, n: int) -> list[str]:
        m = self.meetings[n]
        lines = [f"{m.get('channel', '')} · {m['when']} · {m.get('place', '')}", ""]
        for field in ("note", "learned", "advice"):
            if m.get(field):
                lines.append(f"{field}: {m[field]}")
        lines += [f"lead: {lead}" for lead in m.get("leads", ())]
        return lines

    def item_detail(self, n: int) -> list[str]:
        m = self.meetings[n % len(self.meetings)] if self.meetings else {}
        return [
            "Thank you",
            f"due · {m.get('when', '')} · {m.get('note', '')}",
            "",
            "Hello,",
            f"Thank you for the {m.get('channel', 'coffee')}: {m.get('learned', '')}",
            "",
            "Best regards",
            "",
            "enter: open and edit · d: done · z: snooze · x: dismiss",
        ]


class FloorApp(App[None]):
    CSS = CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "noop", "Help", key_display="?"),
        Binding("r", "noop", "Review"),
    ]

    def __init__(self, data: Data) -> None:
        super().__init__()
        self.data = data
        self.ticks = 0
        self.due = False  # the next tick has an item to change

    def on_mount(self) -> None:
        self.push_screen(MainFloor(self.data))

    def action_noop(self) -> None:
        pass

    @property
    def main(self) -> MainFloor:
        screen = self.screen_stack[1]
        assert isinstance(screen, MainFloor)
        return screen

    def tick(self) -> None:
        if not self.due:
            return
        self.due = False
        self.ticks += 1
        self.main.change_item(self.ticks)


class Floor:
    """`harness.Driven` for the floor app."""

    def __init__(self, app: FloorApp) -> None:
        self.app = app

    def shown(self, name: str) -> int:
        return len(self.app.main.lists[name].rows)

    def prepare_tick(self) -> bool:
        self.app.due = True
        return True

    def pass_time(self, seconds: float) -> None:
        pass

    def tick(self) -> None:
        self.app.tick()

    def on_main_screen(self) -> bool:
        return isinstance(self.app.screen, MainFloor)


async def measure(db: Path, queue_rows: int) -> harness.Result:
    data = Data(db, queue_rows)
    # As reseau does: what lives as long as the app is kept out of the collector's way,
    # and full collections wait (reseau runs them when idle), so none lands in a key by chance.
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1_000_000)
    app = FloorApp(data)
    driven = Floor(app)
    results: harness.Result = {}
    async with app.run_test(size=SIZE) as pilot:
        await harness.idle(pilot)
        results["filter_contacts"] = await harness.filter_contacts(pilot, driven)
        results["filter_journal"] = await harness.filter_journal(pilot, driven)
        results["scroll"] = await harness.scroll(pilot, driven)
        results["tick"] = await harness.ticks(pilot, driven)
        results["network_view"] = await harness.screen_key(pilot, driven, "5")
        results["save_meeting"] = await harness.save_key(pilot, driven)
        results["save_meeting"].pop("sent")
        await harness.idle(pilot)
    return results


def main() -> int:
    db, queue_rows = Path(sys.argv[1]), int(sys.argv[2])
    print(json.dumps(asyncio.run(measure(db, queue_rows))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
