"""Timelines across briefings: the site's timeline and each actor's dated quotes and mentions.

Built from the per-article timelines of timeline.py (``find_dates``), duck-typed over
link.site.Site: no Pelican here. ``site_timeline`` lists every resolved date of every briefing in
date order; ``actor_timelines`` gives each site actor their quotes and the dated sentences
that mention them.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..extract.keypoints import sentences_of
from ..extract.timeline import Timeline, TimelineEntry, day_label, publication_date


@dataclass
class SiteEntry:
    entry: TimelineEntry
    briefing_slug: str
    briefing_title: str
    briefing_url: str


@dataclass
class ActorItem:
    kind: str  # "quote" or "mention"
    text: str
    date: str | None  # HTML datetime value, None when the briefing is undated
    label: str
    briefing_slug: str
    briefing_title: str
    briefing_url: str
    paragraph: int
    start: str = ""

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph + 1}"


def site_timeline(site, timelines: dict[str, Timeline]) -> list[SiteEntry]:
    out = [SiteEntry(e, b.slug, b.title, b.url) for b in site.briefings for e in timelines[b.slug].entries]
    out.sort(key=lambda s: (s.entry.start, s.briefing_title, s.briefing_slug, s.entry.paragraph, s.entry.sentence))
    return out


def _dated_sentences(doc, tl: Timeline) -> list[tuple[int, int, int, str, TimelineEntry]]:
    """(paragraph, start, end, text, entry) of every sentence that carries a resolved date, in
    document order; entry: the first of the timeline's entries from a sentence with that
    paragraph and text. Every sentence with a date has an entry of its own (entries depend on
    the sentence's text alone), so the entries' sentence spans are all of them."""
    dated: dict[tuple[int, str], TimelineEntry] = {}
    for e in tl.entries:
        dated.setdefault((e.paragraph, e.sentence), e)
    if all(e.sentence_start >= 0 for e in tl.entries):
        spans = {(e.paragraph, e.sentence_start, e.sentence_end, e.sentence) for e in tl.entries}
    else:  # entries made without sentence spans: split the text again
        spans = {(s.paragraph, s.start, s.end, s.text) for s in sentences_of(doc.paragraphs)
                 if (s.paragraph, s.text) in dated}
    return [(p, st, en, text, dated[(p, text)]) for p, st, en, text in sorted(spans)]


def actor_timelines(site, timelines: dict[str, Timeline]) -> dict[str, list[ActorItem]]:
    """Per site actor: their quotes and the dated sentences that mention them, by date.

    A quote is dated by a resolved date in its own sentence ("…, she said on Friday"), else by
    the briefing's publication date; a mention only when its sentence carries a date.
    """
    out: dict[str, list[ActorItem]] = {}
    for b in site.briefings:
        doc = b.document
        pub = publication_date(doc.published)
        published = (pub.isoformat(), f"Published {day_label(pub)}") if pub is not None else None
        sents = _dated_sentences(doc, timelines[b.slug])
        by_paragraph: dict[int, list] = {}
        for s in sents:
            by_paragraph.setdefault(s[0], []).append(s)
        quotes: dict[str | None, list] = {}
        for q in b.extraction.quotes:
            if q.parts:
                quotes.setdefault(q.speaker, []).append(q)
        for a in b.extraction.actors:
            sid = b.actor_ids.get(a.id, a.id)
            items = out.setdefault(sid, [])
            for q in quotes.get(a.id, ()):
                part = q.parts[0]
                e = next((s[4] for s in by_paragraph.get(part.paragraph, ()) if s[1] <= part.start < s[2]), None)
                if e is not None:
                    items.append(ActorItem("quote", q.text, e.date, e.label, b.slug, b.title, b.url, q.paragraph, e.start))
                elif published is not None:
                    items.append(ActorItem("quote", q.text, published[0], published[1], b.slug,
                                           b.title, b.url, q.paragraph, published[0]))
                else:
                    items.append(ActorItem("quote", q.text, None, "Undated", b.slug, b.title, b.url, q.paragraph, "9999"))
            if not sents or not a.mentions:
                continue
            paras = {m.paragraph for m in a.mentions}
            for p, st, en, text, e in sents:
                if p in paras and any(m.paragraph == p and m.start < en and m.end > st for m in a.mentions):
                    items.append(ActorItem("mention", text, e.date, e.label, b.slug, b.title, b.url, p, e.start))
    for sid, items in out.items():
        seen = set()
        uniq = []
        for it in sorted(items, key=lambda i: (i.start, i.briefing_title, i.paragraph, i.kind != "quote", i.text)):
            key = (it.briefing_slug, it.paragraph, it.text)
            if key not in seen:
                seen.add(key)
                uniq.append(it)
        out[sid] = uniq
    return {k: v for k, v in sorted(out.items()) if v}
