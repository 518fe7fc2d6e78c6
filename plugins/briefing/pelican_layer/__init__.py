"""The thin Pelican layer: readers, generators and signal wiring.

Generators run in the order of ``generator_classes()``: BriefingGenerator first (it reads,
extracts and links in generate_context and puts the linked ``Site`` into
``context["briefing_site"]``); the others read that object in their own generate_context
and write their pages in generate_output.
"""
from __future__ import annotations


def generator_classes() -> list:
    from .embeds import EmbedGenerator
    from .generator import BriefingGenerator

    from .reader_experience import ReaderExperienceGenerator

    return [BriefingGenerator, EmbedGenerator, ReaderExperienceGenerator]


def _get_generators(pelican):
    return generator_classes()


def register() -> None:
    from pelican import signals

    from .reader import add_readers

    signals.readers_init.connect(add_readers)
    signals.get_generators.connect(_get_generators)
    from ..search import on_finalized

    signals.finalized.connect(on_finalized)
