"""The thin Pelican layer: reader, generator and signal wiring."""
from __future__ import annotations


def register() -> None:
    from pelican import signals

    from .generator import get_generators
    from .reader import add_readers

    signals.readers_init.connect(add_readers)
    signals.get_generators.connect(get_generators)
