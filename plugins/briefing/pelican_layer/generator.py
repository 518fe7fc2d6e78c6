"""BriefingGenerator: seeds → extraction → linking (generate_context) → pages (generate_output)."""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from pelican.generators import Generator

from .. import settings as bsettings
from ..linking import link
from ..parsing import SeedError, is_seed
from ..pipeline import extract_all
from ..render.body import render_body

log = logging.getLogger("briefing")


def write_json(output_path: str, rel: str, data) -> None:
    path = Path(output_path, rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


class BriefingGenerator(Generator):
    """Reads every seed, extracts, links, and writes the briefing site."""

    def seed_files(self) -> list[Path]:
        seeds = Path(self.path, bsettings.get(self.settings, "BRIEFING_SEEDS_PATH"))
        if not seeds.is_dir():
            log.warning("briefing: no seeds folder at %s", seeds)
            return []
        files = []
        for p in sorted(seeds.iterdir()):
            if p.name.startswith(".") or p.is_dir() or p.name.lower() == "readme.md":
                continue
            if not is_seed(p):
                log.warning("briefing: %s: unknown extension %r skipped (expected .txt, .md or .html)", p.name, p.suffix)
                continue
            files.append(p)
        return files

    def read_documents(self):
        docs = []
        for p in self.seed_files():
            try:
                content = self.readers.read_file(
                    base_path=str(p.parent), path=p.name, content_class=_SeedContent, context=self.context
                )
            except SeedError as exc:
                log.warning("briefing: %s — skipped", exc)
                continue
            doc = content.metadata["document"]
            for w in doc.warnings:
                log.warning("briefing: %s: %s", p.name, w)
            docs.append(doc)
        return docs

    def generate_context(self):
        docs = self.read_documents()
        extractions = extract_all(docs, self.settings)
        site = link(extractions)
        self.site = site
        self.context["briefing_site"] = site
        self.context["briefings"] = site.briefings

    def generate_output(self, writer):
        site = self.site
        for b in site.briefings:
            writer.write_file(
                f"{b.url}index.html",
                self.get_template("briefing"),
                self.context,
                briefing=b,
                site=site,
                body=render_body(b.document),
                page_name=b.url,
            )
            write_json(self.output_path, f"api/briefings/{b.slug}.json", b.extraction.to_json())
        writer.write_file("index.html", self.get_template("home"), self.context, site=site, page_name="")


from pelican.contents import Content  # noqa: E402


class _SeedContent(Content):
    mandatory_properties = ("title",)
    default_template = "briefing"

