"""Import and export adapters: vCard, LinkedIn, CSV, JSON, iCalendar.

The format names live here, apart from the adapters, so the command line can
list them without loading vobject and icalendar for every command.
"""

from typing import Literal

ImportFormat = Literal["vcard", "linkedin", "csv", "json"]
IMPORT_FORMATS: tuple[ImportFormat, ...] = ("vcard", "linkedin", "csv", "json")
EXPORT_FORMATS = ("vcard", "csv", "json", "ics")
