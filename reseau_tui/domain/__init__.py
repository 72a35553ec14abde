"""The pure core: models, validation and the gratitude engine.

Nothing here does I/O or imports Textual, Rich or TinyDB; a test proves it.
"""
