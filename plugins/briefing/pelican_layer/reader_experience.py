"""ReaderExperienceGenerator: key points and timeline per briefing, the site-wide timeline
page, actor timelines and the co-occurrence map of the actor directory.

Runs after BriefingGenerator (see ``generator_classes()``) and reads the linked Site from
``context["briefing_site"]``. What it adds:

* ``Briefing.extras["key_points"]`` — list of keypoints.KeyPoint (3–5, article order);
* ``Briefing.extras["timeline"]`` — timeline.Timeline (entries + unresolved);
* ``Briefing.extras["published_label"]`` — "Sunday 9 July 2023" for the byline (dated only);
* ``context["site_timeline"]`` — site_timelines.SiteEntry list, written to ``timeline/index.html``;
* ``context["actor_timelines"]`` — {site actor id: [site_timelines.ActorItem]} for actor pages
  (template partial ``partials/actor_timeline.html`` reads ``actor_timelines[actor.id]``);
* ``context["link_notes"]`` — callable: the distinct links of HTML fragments, for the print list;
* ``context["cooccurrence"]`` — cooccurrence.CooccurrenceMap, and ``context["cooccurrence_svg"]``
  its inline SVG (Markup built with escaped text) for ``partials/cooccurrence.html``.
"""
from __future__ import annotations

import html
import logging
import re

from pelican.generators import Generator

from ..link.cooccurrence import build_map
from ..extract.keypoints import key_points
from ..render import deps, memo
from ..link.site_timelines import actor_timelines, site_timeline
from ..extract.timeline import Timeline, day_label, find_dates, publication_date

log = logging.getLogger("briefing")

_A = re.compile(r"<a\s[^>]*?href=\"([^\"]+)\"[^>]*>(.*?)</a>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def link_notes(*fragments) -> list[tuple[str, str]]:
    """(link text, href) of the distinct links in built HTML fragments, in order of first use.

    For the print-only list of links (a printed page cannot be clicked). Same-page anchors are
    left out. Texts are unescaped here and escaped again by the template.
    """
    seen: dict[str, str] = {}
    for frag in fragments:
        for m in _A.finditer(str(frag or "")):
            href = html.unescape(m.group(1))
            if href.startswith("#") or href in seen:
                continue
            seen[href] = " ".join(html.unescape(_TAG.sub("", m.group(2))).split())
    return [(text, href) for href, text in seen.items()]


def _extras(b):
    """(key points, timeline, publication day label) of a briefing: its extraction alone."""
    pub = publication_date(b.published)
    return key_points(b.extraction), find_dates(b.document), day_label(pub) if pub is not None else None


_FORKED: list = []  # the briefings a forked helper computes extras for (inherited, not pickled)


def _extras_at(i: int):
    try:
        return i, _extras(_FORKED[i])
    except Exception:  # computed again in the build's process, which reports it
        return i, None


def _compute_in_two(todo: list) -> dict | None:
    """Extras of many briefings (a cold build: ~2.5 s for 1,000) on two forked processes;
    None when not worth it or not safe (fork only from a process with no other thread)."""
    import multiprocessing
    import threading

    if len(todo) < 200 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    _FORKED[:] = todo
    try:
        with multiprocessing.get_context("fork").Pool(2) as pool:
            got = dict(pool.imap_unordered(_extras_at, range(len(todo)), chunksize=32))
    except Exception as exc:  # no processes here: compute in this one
        log.debug("briefing: extras computed in this process (%s)", exc)
        return None
    finally:
        _FORKED.clear()
    return {todo[i].slug: v for i, v in got.items() if v is not None}


class ReaderExperienceGenerator(Generator):
    def generate_context(self):
        site = self.context.get("briefing_site")
        self.site = site
        if site is None:
            return
        timelines = {}
        fps = {}
        for b in site.briefings:
            # key points and dates depend on the extraction alone: reused from the last build
            fps[b.slug] = fp = memo.fingerprint("extras", deps.extraction_deps(b)) if memo.active() else None
            cached = memo.cached_value(fp)
            if cached is not None:
                b.extras.update(cached)
                b.extras_key = fp
                timelines[b.slug] = b.extras["timeline"]
        todo = [b for b in site.briefings if b.slug not in timelines]
        computed = _compute_in_two(todo)
        for b in todo:
            fp = fps[b.slug]
            try:
                got = computed.get(b.slug) if computed else None
                kp, tl, label = got if got is not None else _extras(b)
                b.extras["key_points"] = kp
                timelines[b.slug] = b.extras["timeline"] = tl
                if label is not None:
                    b.extras["published_label"] = label
                memo.keep_value(fp, {k: b.extras[k] for k in ("key_points", "timeline", "published_label")
                                     if k in b.extras})
                b.extras_key = fp
            except Exception as exc:  # one bad article must not break the site
                log.warning("briefing: %s: key points/timeline skipped (%s: %s)", b.document.source,
                            type(exc).__name__, exc)
                b.extras.setdefault("key_points", [])
                timelines[b.slug] = b.extras["timeline"] = Timeline()
        timelines = {b.slug: timelines[b.slug] for b in site.briefings}  # the briefings' order
        self.context["link_notes"] = link_notes
        self.context["site_timeline"] = site_timeline(site, timelines)
        self.context["actor_timelines"] = actor_timelines(site, timelines)
        cmap = build_map(site)
        self.context["cooccurrence"] = cmap
        self.context["cooccurrence_svg"] = cmap.svg

    def generate_output(self, writer):
        if self.site is None:
            return
        rel = "timeline/index.html"
        # rendered from its entries alone (plain data; the theme and settings are the memo's code)
        fp = memo.fingerprint("timeline-page", self.context["site_timeline"]) if memo.active() else None
        if memo.reuse(self.output_path, rel, fp, writer):
            return
        memo.write_page(
            writer,
            self.output_path,
            rel,
            self.get_template("timeline"),
            self.context,
            fp,
            site=self.site,
            entries=self.context["site_timeline"],
            years=timeline_years(self.context["site_timeline"]),
            page_name="timeline/",
        )


def timeline_years(entries) -> dict[int, tuple[str, int]]:
    """{position of a year's first entry: (year, its number of entries)}, in the timeline's
    order: the page's jump list (one anchor per year)."""
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    for i, s in enumerate(entries):
        year = s.entry.date[:4]
        first.setdefault(year, i)
        counts[year] = counts.get(year, 0) + 1
    return {i: (year, counts[year]) for year, i in first.items()}
