"""Briefing: turn news articles into a briefing microsite.

The extraction core (``model``, ``parsing``, ``actors``, ``quotes``, ``extract``) is plain
Python and importable without Pelican running; ``pelican_layer`` adapts it to Pelican.
"""
from __future__ import annotations

__version__ = "0.1.0"


def register() -> None:
    """Pelican plugin entry point."""
    from .pelican_layer import register as _register

    _register()
