"""Actor extraction (who's who): named mentions, unnamed sources, roles, merging, salience.

``find_actors(doc, parsed)`` takes the Document and its spaCy Docs (one per paragraph, already
parsed by extract/article.py — no model call happens here) and returns the article's actors, key first.
"""
from __future__ import annotations

import re

from ...model import Actor, Document, Role
from ...text import slugify
from . import anonymous, collective, merge, name_spans, resolve, salience, titles
from .exclusions import Exclusions
from .candidates import Cand
from .mentions import collect

__all__ = ["find_actors"]


def _sentence_of(pdoc, char: int) -> str:
    for s in pdoc.sents:
        if s.start_char <= char < s.end_char:
            return s.text
    return pdoc.text


def _add_role(actor_roles: dict[int, list[Role]], key: int, text: str, sentence: str, paragraph: int) -> None:
    if not text:
        return
    roles = actor_roles.setdefault(key, [])
    low = text.lower()
    if any(r.text.lower() == low for r in roles):
        return
    roles.append(Role(text=text, sentence=sentence, paragraph=paragraph))


def _roles(parsed, cands: list[Cand], owner: dict) -> dict[int, list[Role]]:
    out: dict[int, list[Role]] = {}
    for i, c in enumerate(cands):
        if c.type != "person" or i not in owner:
            continue
        pdoc = parsed[c.paragraph]
        key = id(owner[i])
        tag = titles.party_tag(pdoc.text, c.end)
        title = titles.title_before(pdoc, c.tok_start) if c.tok_start >= 0 else None
        sentence = _sentence_of(pdoc, c.start)
        if title or tag:
            _add_role(out, key, titles.role_from_title(title[0] if title else "", tag[0] if tag else None),
                      sentence, c.paragraph)
        pre = titles.title_before_comma(pdoc, c.tok_start) if c.tok_start >= 0 else None
        if pre:
            _add_role(out, key, titles.normalize_role(pre), sentence, c.paragraph)
        rel = titles.relative_role(pdoc.text, tag[1] if tag else c.end)
        if rel:
            _add_role(out, key, rel, sentence, c.paragraph)
        app = titles.appositive(pdoc, tag[1] if tag else c.end)
        if app:
            _add_role(out, key, app, sentence, c.paragraph)
    return out


def find_actors(doc: Document, parsed) -> list[Actor]:
    if not doc.paragraphs:
        return []
    excl = Exclusions(doc)
    cands = name_spans.repair(doc, collect(doc, parsed, excl))
    clusters, owner = merge.build_clusters(doc, cands, frozenset(excl.title_pars))
    roles = _roles(parsed, cands, owner)
    person_spans: dict[int, list[tuple[int, int]]] = {}
    for c in cands:
        if c.type == "person":
            person_spans.setdefault(c.paragraph, []).append((c.start, c.end))
    actors: dict[str, Actor] = {}
    quoted = _quoted_spans(doc)
    named = []
    for cl in clusters:
        a = merge.to_actor(cl)
        a.roles = roles.get(id(cl), [])
        if a.type in ("person", "organization") and " " not in a.name and not a.name.isupper() and not a.roles \
                and all(any(x <= m.start and m.end <= y for x, y in quoted.get(m.paragraph, ())) for m in a.mentions):
            continue  # a lone word inside a quotation ("eine europäische Lösung", "Cholera is …") is nobody we know
        named.append(a)
    named = resolve.resolve(named, doc)
    _complete_roles(named)
    for a in named:
        _put(actors, a)
    by_span = {(m.paragraph, m.start): a for a in actors.values() if a.type == "person" for m in a.mentions}
    for anon in anonymous.find_anonymous(doc, parsed, person_spans):
        if anon.person is not None:
            owner_actor = by_span.get(anon.person)
            if owner_actor is not None and anon.mentions:
                owner_actor.mentions = sorted(owner_actor.mentions + anon.mentions, key=lambda m: (m.paragraph, m.start))
            continue
        if not anon.mentions:
            continue
        a = Actor(id=slugify(anon.name), name=anon.name, type="anonymous",
                  mentions=sorted(anon.mentions, key=lambda m: (m.paragraph, m.start)))
        a.aliases = sorted({m.text[:1].lower() + m.text[1:] for m in anon.mentions} - {anon.name})
        a.first_paragraph = a.mentions[0].paragraph
        _put(actors, a)
    taken: dict[int, list[tuple[int, int]]] = {}
    for a in actors.values():
        for m in a.mentions:
            taken.setdefault(m.paragraph, []).append((m.start, m.end))
    names = {x.lower() for a in actors.values() for x in [a.name, *a.aliases]}
    for col in collective.find_collective(doc, parsed, taken):
        if col.name.lower() in names or not col.mentions:
            continue
        a = Actor(id=slugify(col.name), name=col.name, type=col.type, aliases=col.aliases,
                  mentions=sorted(col.mentions, key=lambda m: (m.paragraph, m.start)))
        a.first_paragraph = a.mentions[0].paragraph
        _put(actors, a)
    return salience.rank(list(actors.values()), len(doc.paragraphs))


def _complete_roles(actors: list[Actor]) -> None:
    """"a glaciologist at the Institute for Polar Studies" → "… for Polar Studies in the Arctic" when
    the repaired name of that organisation follows in the sentence."""
    orgs = sorted({a.name for a in actors if a.type == "organization" and len(a.name.split()) >= 3}, key=len, reverse=True)
    for a in actors:
        for r in a.roles:
            for name in orgs:
                words = name.split()
                for k in range(len(words) - 1, 1, -1):
                    prefix = " ".join(words[:k])
                    if r.text.endswith(prefix) and (r.text[:-len(prefix)] + name) in r.sentence:
                        r.text = r.text[:-len(prefix)] + name
                        break
                else:
                    continue
                break


_QUOTED = re.compile(r"“[^”]*”|„[^“”]*[“”]|«[^»]*»|\"[^\"]*\"")


def _quoted_spans(doc: Document) -> dict[int, list[tuple[int, int]]]:
    out: dict[int, list[tuple[int, int]]] = {}
    for i, p in enumerate(doc.paragraphs):
        spans = [m.span() for m in _QUOTED.finditer(p)]
        if spans:
            out[i] = spans
    return out


def _put(actors: dict[str, Actor], a: Actor) -> None:
    """Two clusters with one slug (e.g. a person and an organisation both "Apple") stay apart."""
    base = a.id
    n = 2
    while a.id in actors:
        prev = actors[a.id]
        if prev.type == a.type and prev.name == a.name:
            prev.mentions = sorted(prev.mentions + a.mentions, key=lambda m: (m.paragraph, m.start))
            prev.aliases += [x for x in a.aliases if x not in prev.aliases]
            prev.roles += [r for r in a.roles if r.text not in {p.text for p in prev.roles}]
            prev.first_paragraph = prev.mentions[0].paragraph
            return
        a.id = f"{base}-{n}"
        n += 1
    actors[a.id] = a
