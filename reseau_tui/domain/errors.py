"""Errors the domain raises when input cannot be accepted."""

from __future__ import annotations


class InvalidInput(ValueError):
    """A value typed or imported by the user that cannot be stored as it is.

    `template` is an English message with `{placeholders}` filled from `values`;
    the CLI and the TUI translate it before showing it (the domain does no I/O,
    so it cannot read catalogs).
    """

    def __init__(self, field: str, template: str, **values: object) -> None:
        self.field = field
        self.template = template
        self.values = values
        super().__init__(f"{field}: {template.format(**values)}")
