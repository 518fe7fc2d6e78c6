"""Reading sources: one module per format, the dispatch, shortcodes and editorial pages."""
