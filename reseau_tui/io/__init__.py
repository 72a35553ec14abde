"""Import and export adapters: vCard, LinkedIn, CSV, JSON, iCalendar."""
