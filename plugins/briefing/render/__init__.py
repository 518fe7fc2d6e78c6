"""Rendering helpers that turn plain data into HTML fragments (escaped)."""
