"""Briefing: turn news articles into a briefing microsite.

The stages (``read``, ``extract``, ``link``, ``render``, ``search``, ``build``; README
"Layout") are plain Python and importable without Pelican running; ``pelican_layer`` adapts
them to Pelican. ``register`` imports it only when Pelican calls it, so that importing any
``briefing`` module never imports Pelican.
"""
from __future__ import annotations

__version__ = "0.1.0"


def register() -> None:
    """Pelican plugin entry point."""
    from .pelican_layer import register as _register

    _register()
