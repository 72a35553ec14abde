"""reseau: keep a professional network alive, from the terminal."""

__version__ = "0.1.0"
