"""BriefingGenerator: seeds → extraction → linking (generate_context) → the microsite
(generate_output): briefings, actor pages, directory, home, search page, review page,
JSON API, Atom feed and sitemap. The search index is built in a thread from the moment
the briefing and actor pages are written (``search.start_index``) to the end of the build
(``search.on_finalized``)."""
from __future__ import annotations

import dataclasses
import json
import logging
from functools import partial
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from .. import search
from .. import settings as bsettings
from ..link.site import link
from ..read.dispatch import SeedError, is_seed
from ..build.cache import remember_seed_key
from ..build.pipeline import extract_all, prestart, streamer
from ..render import api, deps, feeds, jsonld, memo, meta, split
from ..render.crosslinks import linked_body
from ..link import review_queue
from ..extract.timeline import MONTHS
from .reader import note_seed

log = logging.getLogger("briefing")

TYPE_LABELS = {"person": "Person", "organization": "Organization", "country": "Country",
               "place": "Place", "anonymous": "Unnamed source"}
TYPE_GROUPS = (
    ("person", "People"),
    ("organization", "Organizations"),
    ("country", "Countries"),
    ("place", "Places"),
    ("anonymous", "Unnamed sources"),
)


def dump_json(data) -> str:
    """Compact, deterministic JSON (json's C encoder runs only without ``indent``)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_json(output_path: str, rel: str, data) -> None:
    memo.write_text(output_path, rel, dump_json(data))


def write_text(output_path: str, rel: str, text: str) -> None:
    memo.write_text(output_path, rel, text)


def actor_groups(site) -> list[tuple[str, str, list]]:
    """(type, label, actors by mentions) for each type that has visible actors."""
    out = []
    for t, label in TYPE_GROUPS:
        members = [a for a in site.visible_actors() if a.type == t]
        members.sort(key=lambda a: (-a.mentions, -a.briefing_count, a.name.lower(), a.id))
        if members:
            out.append((t, label, members))
    known = {t for t, _ in TYPE_GROUPS}
    other = sorted((a for a in site.visible_actors() if a.type not in known), key=lambda a: (a.name.lower(), a.id))
    if other:
        out.append(("other", "Other", other))
    return out


def briefing_months(briefings) -> list[tuple[str, str, list]]:
    """(anchor, label, briefings) per month of publication, in the briefings' order (newest
    first); undated briefings last, under "Undated"."""
    groups: dict[str, tuple[str, str, list]] = {}
    for b in briefings:
        pub = b.published or ""
        if len(pub) >= 7 and pub[:4].isdigit() and pub[4] == "-" and pub[5:7].isdigit() and 1 <= int(pub[5:7]) <= 12:
            key, label = pub[:7], f"{MONTHS[int(pub[5:7]) - 1]} {pub[:4]}"
        else:
            key, label = "undated", "Undated"
        groups.setdefault(key, (key, label, []))[2].append(b)
    return sorted(groups.values(), key=lambda g: (g[0] == "undated", [-ord(c) for c in g[0]]))


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

    def _document_cache(self):
        rel = bsettings.get(self.settings, "BRIEFING_CACHE_PATH")
        if not rel:
            return None
        from ..build.cache import DocumentCache, reader_version

        root = Path(rel)
        if not root.is_absolute():
            root = Path(self.settings.get("PATH", ".")) / root
        return DocumentCache(root.with_name(root.name + "-read"), reader_version())

    def read_documents(self):
        docs = []
        store = self._document_cache()
        files, keys = self.seed_files(), {}
        if store is not None:
            for p in files:
                try:
                    keys[p] = store.key_for(p.name, p.read_bytes())
                except OSError:  # unreadable: the reader reports it
                    keys[p] = None
            # seeds to parse are (very likely) extractions to make: a worker loads the model meanwhile
            prestart(self.settings, sum(1 for k in keys.values() if not (k and store.has(k))))
        stream = streamer(self.settings)  # many new seeds: each starts extracting once parsed
        for p in files:
            key = keys.get(p)
            doc = store_doc = store.get(key) if key else None
            if doc is not None:  # unchanged seed: parsed before
                note_seed(doc)
            else:
                try:
                    content = self.readers.read_file(
                        base_path=str(p.parent), path=p.name, content_class=_SeedContent, context=self.context
                    )
                except SeedError as exc:
                    log.warning("briefing: %s — skipped", exc)
                    continue
                doc = content.metadata["document"]
                if key and "parsed_warnings" in content.metadata:
                    store.put(key, dataclasses.replace(doc, warnings=list(content.metadata["parsed_warnings"])))
            if key:
                remember_seed_key(doc, key)
                if stream is not None and doc is not store_doc:
                    stream(doc)
            for w in doc.warnings:
                log.warning("briefing: %s: %s", p.name, w)
            docs.append(doc)
        return docs

    def generate_context(self):
        docs = self.read_documents()
        extractions = extract_all(docs, self.settings)
        site = link(
            extractions,
            overrides_path=str(Path(self.path, bsettings.get(self.settings, "BRIEFING_ACTORS_PATH"))),
            related_limit=bsettings.get(self.settings, "BRIEFING_RELATED"),
            key_limit=bsettings.get(self.settings, "BRIEFING_KEY_ACTORS"),
            corrections_path=str(Path(self.path, bsettings.get(self.settings, "BRIEFING_CORRECTIONS_PATH"))),
        )
        if memo.active():  # one content key per linked extraction, for every fingerprint covering it
            for b in site.briefings:
                b.extraction_key = memo.fingerprint("extraction", b.extraction)
        self.site = site
        self.context["briefing_site"] = site
        self.context["briefings"] = site.briefings
        self.context["SEARCH_ENABLED"] = bool(bsettings.get(self.settings, "BRIEFING_SEARCH"))

    # -- output -------------------------------------------------------------------------

    def _render_processes(self) -> int:
        """Two processes when every page is rendered again (no previous output to keep pages
        from, or new code); one when most pages are kept (forking would cost more)."""
        if memo.can_reuse():
            return 1
        return max(1, int(bsettings.get(self.settings, "BRIEFING_PROCESSES") or 1))

    @property
    def siteurl(self) -> str:
        return (self.settings.get("SITEURL") or "").rstrip("/")

    def _write(self, rel: str, template: str, fp: str | None = None, **kw) -> None:
        """Render a page as Pelican's writer would; unchanged bytes are not written again."""
        memo.write_page(self.writer, self.output_path, rel, self.get_template(template), self.context, fp,
                        site=self.site, page_name=rel, **kw)

    def _write_memo(self, rel: str, template: str, data: tuple, **kw) -> None:
        """``_write`` unless the previous output holds ``rel`` rendered from the same ``data``
        (what the template reads; settings and theme are the memo's code)."""
        fp = memo.fingerprint(data, self.siteurl, self.settings.get("SITENAME", "Briefing")) if memo.active() else None
        if not memo.reuse(self.output_path, rel, fp, self.writer):
            self._write(rel, template, fp=fp, **kw)

    def _briefing_output(self, b) -> None:
        """A briefing's page and its API JSON (each kept when its data did not change)."""
        site, siteurl, sitename = self.site, self.siteurl, self.sitename
        rel = f"{b.url}index.html"
        fp = memo.fingerprint(deps.briefing_page_deps(b, site), siteurl, sitename) if memo.active() else None
        if not memo.reuse(self.output_path, rel, fp, self.writer):  # unchanged page: the previous build's bytes
            body = linked_body(b.document, b, site, siteurl)  # = crosslink(render_body(…)), no re-parse
            self._write(
                rel, "briefing", briefing=b, body=body,
                meta=meta.briefing_meta(b, siteurl), jsonld=jsonld.briefing_jsonld(b, site, siteurl, sitename),
                briefing_actors=site.briefing_actors(b), pagefind_body="Briefing", fp=fp,
            )
        rel = f"api/briefings/{b.slug}.json"
        fp = memo.fingerprint("api", deps.extraction_deps(b)) if memo.active() else None
        if not memo.reuse(self.output_path, rel, fp):  # the extraction's own JSON
            memo.write_text(self.output_path, rel, dump_json(b.extraction.to_json()), fp=fp)

    def _actor_output(self, a, timelines: dict, embed: tuple) -> None:
        """An actor's page and its API JSON (each kept when its data did not change)."""
        site, siteurl, sitename = self.site, self.siteurl, self.sitename
        rel = f"{a.url}index.html"
        fp = data = None
        if memo.active():
            data = memo.fingerprint(deps.actor_data_deps(a, site))  # shared by the page and the API JSON
            page = deps.actor_page_deps(a, site, timelines.get(a.id), (embed[0], embed[1].get(a.id)), data)
            fp = memo.fingerprint(page, siteurl, sitename)
        if not memo.reuse(self.output_path, rel, fp, self.writer):
            self._write(
                rel, "actor", actor=a,
                actor_briefings=[site.briefing(s) for s in a.briefings],
                actor_quotes=[(site.briefing(s), q) for s, q in a.quotes],
                meta=meta.actor_meta(a, siteurl), jsonld=jsonld.actor_jsonld(a, site, siteurl),
                bio=Markup(a.bio_html or ""), pagefind_body=TYPE_LABELS.get(a.type, "Actor"),  # bio: the editor's Markdown, html off
                fp=fp,
            )
        rel = f"api/actors/{a.id}.json"
        fp = memo.fingerprint(deps.actor_api_deps(a, site, data), siteurl) if memo.active() else None
        if not memo.reuse(self.output_path, rel, fp):  # made only when its data changed
            memo.write_text(self.output_path, rel, dump_json(api.actor_json(a, site, siteurl)), fp=fp)

    def _review_pages(self) -> None:
        """/review/ (the queue), /review/<briefing-slug>/ (one briefing's items) and
        /review/named-once/; each fingerprinted by the items it shows."""
        site, siteurl = self.site, self.siteurl

        def cached(b, compute):  # a briefing's items are kept while what they read is unchanged
            fp = memo.fingerprint("review-items", deps.review_deps(b, site)) if memo.active() else None
            items = memo.cached_value(fp)
            if items is None:
                items = compute()
                memo.keep_value(fp, items)
            return items

        queue = review_queue.review_queue(site, cached)
        once = review_queue.named_once_items(site)
        per = review_queue.by_briefing(queue)
        sections = [(kind, label, queue[kind][:review_queue.MAX_ITEMS], len(queue[kind]))
                    for kind, label in review_queue.SECTIONS]
        index = [(b, per[b.slug]) for b in site.briefings if b.slug in per]
        page_meta = meta.page_meta(siteurl, "review/", "Editors' review", "Where the extraction is unsure.",
                                   noindex=True)
        self._write_memo("review/index.html", "review",
                         ("review-page", [(k, label, [i.key() for i in items], n) for k, label, items, n in sections],
                          [(b.slug, b.title, [i.kind for i in items]) for b, items in index], len(once), page_meta),
                         review_sections=sections, review_index=index, named_once_count=len(once), meta=page_meta,
                         review_pages=per)
        labels = dict(review_queue.SECTIONS)
        for b, items in index:
            rel = f"review/{b.slug}/"
            b_meta = meta.page_meta(siteurl, rel, f"Review: {b.title}", "Where the extraction is unsure.", noindex=True)
            groups = [(kind, labels[kind], [i for i in items if i.kind == kind]) for kind, _ in review_queue.SECTIONS]
            groups = [g for g in groups if g[2]]
            c = site.corrections.get(b.slug)
            self._write_memo(f"{rel}index.html", "review_briefing",
                             ("review-briefing", b.slug, b.title, b.url, [(k, [i.key() for i in g]) for k, _, g in groups],
                              c is not None, b_meta),
                             review_briefing=b, review_groups=groups, corrections_file=review_queue.corrections_path(b.slug),
                             corrections_exist=c is not None, meta=b_meta, review_pages=per)
        once_meta = meta.page_meta(siteurl, "review/named-once/", "Actors named once", "Often a false positive.",
                                   noindex=True)
        self._write_memo("review/named-once/index.html", "review_named_once",
                         ("review-named-once", [i.key() for i in once], sorted({i.briefing.slug for i in once} & set(per)),
                          once_meta), named_once=once, meta=once_meta, review_pages=per)

    def generate_output(self, writer):
        self.writer = writer
        site, siteurl = self.site, self.siteurl
        self.sitename = sitename = self.settings.get("SITENAME", "Briefing")
        timelines = self.context.get("actor_timelines") or {}
        # the embed code (partials/embed_code.html) is made from the actor's card and settings
        embed = "briefing_embed_code" in self.context, self.context.get("briefing_cards") or {}
        jobs = [partial(self._briefing_output, b) for b in site.briefings]
        jobs += [partial(self._actor_output, a, timelines, embed) for a in site.visible_actors()]
        self.get_template("briefing"), self.get_template("actor")  # loaded once, before a fork
        # every page again (a cold build, new code): on two processes
        split.run(jobs, self._render_processes(), writer)
        # every page search indexes is written: index while the rest of the site is written
        search.start_index(self.settings, self.output_path)
        description = self.settings.get("SITE_DESCRIPTION", "")
        groups = actor_groups(site)
        # site-wide pages: fingerprinted by the data their templates read, so an edit that
        # changes none of it (most edits, for most of them) renders nothing
        actors_meta = meta.page_meta(siteurl, "actors/", "Actors", f"Everyone in the briefings of {sitename}.")
        cmap = self.context.get("cooccurrence")
        self._write_memo("actors/index.html", "actors",
                         ("actors-page", [(t, label, [(a.id, a.url, a.name, a.mentions, a.briefing_count) for a in members])
                                          for t, label, members in groups], cmap, actors_meta),
                         groups=groups, meta=actors_meta)
        items = [(b.url, b.title, b.document.publisher, b.published, [(a.url, a.name) for a in b.key_actors])
                 for b in site.briefings]  # what partials/briefing_item.html shows of each
        latest = max(0, int(bsettings.get(self.settings, "BRIEFING_HOME_LATEST") or 0)) or len(site.briefings)
        home_meta = meta.page_meta(siteurl, "", sitename, description)
        self._write_memo("index.html", "home",
                         ("home-page", home_meta, items[:latest], len(items),
                          [(a.url, a.name, a.mentions, a.briefing_count) for a in site.top_actors]),
                         meta=home_meta, latest=site.briefings[:latest])
        months = briefing_months(site.briefings)
        all_meta = meta.page_meta(siteurl, "briefings/", "All briefings", f"Every briefing of {sitename}, newest first.")
        self._write_memo("briefings/index.html", "briefings", ("briefings-page", all_meta, items),
                         meta=all_meta, months=months)
        self._write("search/index.html", "search",
                    meta=meta.page_meta(siteurl, "search/", "Search", f"Search the briefings and actors of {sitename}."))
        self._review_pages()
        write_json(self.output_path, "api/index.json", api.index_json(site, siteurl, sitename))
        write_text(self.output_path, "feeds/all.atom.xml", feeds.atom_feed(site, siteurl, sitename, description,
                                                                      self.settings.get("FEED_MAX_ITEMS")))
        pages = [p for p in self.context.get("pages", []) if getattr(p, "status", "published") == "published"]
        write_text(self.output_path, "sitemap.xml", feeds.sitemap(feeds.site_urls(site, siteurl, pages)))


from pelican.contents import Content  # noqa: E402


class _SeedContent(Content):
    mandatory_properties = ("title",)
    default_template = "briefing"
