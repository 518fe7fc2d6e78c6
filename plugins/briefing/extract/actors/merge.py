"""Merging mentions into actors within one article.

* persons: a surname alone joins the full name seen in the article ("Scholz" → Olaf Scholz);
  spelling variants of one name merge (Zelenskyy/Zelensky); a single-token ORG/GPE tag that is
  the surname of a person of the article is that person (spaCy tags "Stoltenberg" ORG);
* countries, places, organisations: by canonical key (U.S./US/the United States; EU/European
  Union; Kiev/Kyiv); an acronym joins the organisation whose initials it spells;
* "the alliance" is NATO when NATO is the one alliance of the article.
"""
from __future__ import annotations

import re

from ...model import Actor, Mention
from ...text import slugify
from .gazetteer import DEMONYMS, city_of, country_of
from .candidates import Cand
from .mentions import ORG_CANONICAL

_CANONICAL_ORGS = frozenset(ORG_CANONICAL.values())

_ALLIANCE = re.compile(r"\b[Tt]he (?:Western |military |transatlantic )?alliance\b(?![- ](?:of|between|with)\b)")
_SMALL = frozenset({"of", "the", "and", "for", "on", "in", "to", "&"})


_CHAMBERS = frozenset({"House", "Senate", "Congress", "Parliament", "Assembly", "Bundestag", "Duma"})


class Cluster:
    __slots__ = ("name", "type", "key", "mentions", "forms")

    def __init__(self, name: str, typ: str, key: str) -> None:
        self.name = name
        self.type = typ
        self.key = key
        self.mentions: list[Mention] = []
        self.forms: list[str] = []

    def add(self, c: Cand) -> None:
        self.mentions.append(Mention(c.paragraph, c.start, c.end, c.text))
        if c.text not in self.forms:
            self.forms.append(c.text)


def similar_surname(a: str, b: str) -> bool:
    """Same surname up to a transliteration variant: Zelenskyy/Zelensky, Zelenskiy."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    if abs(len(a) - len(b)) > 2:
        return False
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= min(len(a), len(b)) - 1 and n >= 5


_KNIGHT = re.compile(r"\b(?:Sir|Dame)\s+$")


def _person_clusters(cands: list[Cand], doc=None) -> tuple[list[Cluster], dict[int, Cluster]]:
    """Cluster person candidates; returns the clusters and candidate-index → cluster."""
    clusters: list[Cluster] = []
    owner: dict[int, Cluster] = {}
    full = [(i, c) for i, c in enumerate(cands) if c.type == "person" and len(c.key.split()) >= 2]
    for i, c in full:
        parts = c.key.split()
        hit = None
        for cl in clusters:
            cp = cl.name.split()
            if cl.name == c.key or (cp[0] == parts[0] and similar_surname(cp[-1], parts[-1])):
                hit = cl
                break
        if hit is None:
            hit = Cluster(c.key, "person", c.key)
            clusters.append(hit)
        owner[i] = hit
    surnames = {}
    for cl in clusters:
        surnames.setdefault(cl.name.split()[-1].lower(), []).append(cl)
    for i, c in enumerate(cands):
        if i in owner or len(c.key.split()) != 1:
            continue
        if c.type not in ("person", "organization", "place", "country"):
            continue
        if doc is not None and c.type == "person" and _KNIGHT.search(doc.paragraphs[c.paragraph][:c.start]):
            # "Sir Julian" is Sir Julian Maddox: a knight is called by the first name
            knights = [cl for cl in clusters if len(cl.name.split()) >= 2 and cl.name.split()[0] == c.text]
            if len(knights) == 1:
                owner[i] = knights[0]
                continue
        matches = [cl for cl in clusters if similar_surname(cl.name.split()[-1], c.text)]
        if matches and (c.type == "person" or c.text[:1].isupper() and not c.text.isupper()):
            if c.type != "person" and c.type == "country" and c.key.lower() != c.text.lower():
                continue  # a demonym is never a surname
            owner[i] = matches[0] if len(matches) == 1 else _nearest(matches, c)
            c.type = "person"
        elif c.type == "person" and any(o.type == "organization" and o.text == c.text for o in cands):
            c.type = "organization"  # "Verdi, said" and "a Verdi negotiator": the union, not a person
        elif c.type == "person" and any(o.weak and o.text == c.text for o in cands):
            c.type = "dropped"  # "Patriot batteries": a modifier, and no full name backs it
        elif c.type == "person":
            cl = next((x for x in clusters if x.name == c.key), None)
            if cl is None:
                cl = Cluster(c.key, "person", c.key)
                clusters.append(cl)
            owner[i] = cl
    return clusters, owner


def _nearest(matches: list[Cluster], c: Cand) -> Cluster:
    def last_before(cl: Cluster):
        prev = [(m.paragraph, m.start) for m in cl.mentions if (m.paragraph, m.start) <= (c.paragraph, c.start)]
        return max(prev) if prev else (-1, -1)
    return max(matches, key=last_before)


def _initials(name: str, small: bool = False) -> str:
    """"NSC" for National Security Council; with ``small``, "ERCOT" for Electric Reliability
    Council of Texas."""
    return "".join(w[0] for w in name.replace("-", " ").split()
                   if (small and w != "&" or w.lower() not in _SMALL) and w[:1].isalpha()).upper()


def _absorb(target: Cluster, cl: Cluster, clusters: list[Cluster], owner: dict, forms: bool = True) -> None:
    """``cl`` joins ``target``: its mentions (and written forms), and the candidates it owned."""
    target.mentions.extend(cl.mentions)
    if forms:
        target.forms.extend(f for f in cl.forms if f not in target.forms)
    clusters.remove(cl)
    for k, v in owner.items():
        if v is cl:
            owner[k] = target


def build_clusters(doc, cands: list[Cand], skip: frozenset = frozenset()) -> tuple[list[Cluster], dict[int, Cluster]]:
    """Clusters of the article's candidates; ``skip``: paragraphs that are furniture (credits,
    a repeated headline) where no mention is looked for."""
    cands.sort(key=lambda c: (c.paragraph, c.start))
    clusters, owner = _person_clusters(cands, doc)
    for i, c in enumerate(cands):
        if i in owner:
            owner[i].add(c)
    by_key: dict[tuple[str, str], Cluster] = {}
    for i, c in enumerate(cands):
        if i in owner or c.type in ("person", "dropped"):
            continue
        k = (c.type, c.key.lower())
        cl = by_key.get(k)
        if cl is None:
            cl = by_key[k] = Cluster(c.key, c.type, c.key)
            clusters.append(cl)
        owner[i] = cl
        cl.add(c)
    # acronyms: "NSC" joins "National Security Council" when the article spells it out
    orgs = [cl for cl in clusters if cl.type == "organization"]
    for cl in list(orgs):
        if cl.name.isupper() and 2 <= len(cl.name) <= 6:
            target = next((o for o in orgs if o is not cl and len(o.name.split()) > 1
                           and cl.name in (_initials(o.name), _initials(o.name, True))), None)
            if target is not None:
                _absorb(target, cl, clusters, owner)
    # "the trade bloc Mercosur" (an organisation) and "Mercosur would …" tagged GPE: one actor
    orgs_by_name = {cl.name: cl for cl in clusters if cl.type == "organization"}
    for cl in [c for c in clusters if c.type == "place" and c.name in orgs_by_name
               and not city_of(c.name) and not country_of(c.name)]:
        _absorb(orgs_by_name[cl.name], cl, clusters, owner, forms=False)
    _short_forms(clusters, owner)
    _alliance(doc, clusters, skip)
    _rescan(doc, clusters, skip)
    return clusters, owner


def _rescan(doc, clusters: list[Cluster], skip: frozenset = frozenset()) -> None:
    """Mentions the tagger missed: every later "Scholz" once "Olaf Scholz" is known, every
    "Pentagon" once the Pentagon is an actor. One regex per article, longest forms first."""
    forms: dict[str, list[Cluster]] = {}
    for cl in clusters:
        if cl.type not in ("person", "organization", "place", "country"):
            continue
        names = set(cl.forms) | {cl.name}
        if cl.type in ("place", "country"):  # names, not demonyms ("German" is no mention of Germany here)
            names = {f for f in names if country_of(f) == cl.name and f not in DEMONYMS or city_of(f) == cl.name
                     or f == cl.name}
        if cl.type == "person":
            names.add(cl.name.split()[-1])
        if cl.type == "organization" and len(cl.name.split()) >= 3:
            # "ERCOT" after "the Electric Reliability Council of Texas", where the tagger saw nothing
            names |= {x for x in (_initials(cl.name), _initials(cl.name, True)) if len(x) >= 3}
        for f in names:
            if len(f) >= 3 and f[:1].isupper():
                forms.setdefault(f, []).append(cl)
    if not forms:
        return
    rx = re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
                    + r")(?![\w-])")
    taken: dict[int, list[tuple[int, int]]] = {}
    for cl in clusters:
        for m in cl.mentions:
            taken.setdefault(m.paragraph, []).append((m.start, m.end))
    for pi, text in enumerate(doc.paragraphs):
        if pi in skip:
            continue
        spans = taken.get(pi, [])
        for m in rx.finditer(text):
            a, b = m.span()
            if any(x < b and a < y for x, y in spans):
                continue
            owners = forms[m.group(0)]
            if len(owners) > 1:
                owners = [_nearest_mention(owners, pi, a)]
            owners[0].mentions.append(Mention(pi, a, b, m.group(0)))
            if m.group(0) not in owners[0].forms:
                owners[0].forms.append(m.group(0))
            spans.append((a, b))


def _nearest_mention(cls: list[Cluster], pi: int, start: int) -> Cluster:
    def key(cl: Cluster):
        prev = [(m.paragraph, m.start) for m in cl.mentions if (m.paragraph, m.start) <= (pi, start)]
        return max(prev) if prev else (-1, -1)
    return max(cls, key=key)


def _short_forms(clusters: list[Cluster], owner: dict) -> None:
    """"Nordlicht" joins "Nordlicht Logistics"; "Samsung" joins "Samsung Electronics" (one
    longer organisation of the article starts with the short name)."""
    orgs = [cl for cl in clusters if cl.type == "organization"]
    for cl in orgs:
        words = cl.name.split()
        if cl.name.isupper() or cl.name in _CANONICAL_ORGS or cl.name in _CHAMBERS:
            continue  # "NATO" is not short for "NATO Observer Group", "House" for "House Freedom Caucus"
        longer = [o for o in orgs if o is not cl and len(o.name.split()) > len(words)
                  and o.name.split()[:len(words)] == words]
        if len(longer) > 1:  # "Northwind Airlines" rather than "Northwind council"
            longer = [o for o in longer if all(w[:1].isupper() for w in o.name.split()[len(words):])]
        if len(longer) != 1:
            continue
        _absorb(longer[0], cl, clusters, owner)


def _alliance(doc, clusters: list[Cluster], skip: frozenset = frozenset()) -> None:
    orgs = [cl for cl in clusters if cl.type == "organization"]
    nato = next((cl for cl in orgs if cl.name == "NATO"), None)
    others = [cl for cl in orgs if cl is not nato and "alliance" in cl.name.lower()]
    if nato is None or others:
        return
    for pi, text in enumerate(doc.paragraphs):
        if pi in skip:
            continue
        for m in _ALLIANCE.finditer(text):
            nato.mentions.append(Mention(pi, m.start(), m.end(), m.group(0)))
            if m.group(0).lower() not in (f.lower() for f in nato.forms):
                nato.forms.append(m.group(0))
    nato.mentions.sort(key=lambda m: (m.paragraph, m.start))


def to_actor(cl: Cluster) -> Actor:
    mentions = sorted(cl.mentions, key=lambda m: (m.paragraph, m.start, m.end))
    aliases = []
    seen = {cl.name.lower()}
    for f in cl.forms:
        if f.lower() not in seen:
            seen.add(f.lower())
            aliases.append(f)
    return Actor(id=slugify(cl.name), name=cl.name, type=cl.type, aliases=aliases, mentions=mentions,
                 first_paragraph=mentions[0].paragraph if mentions else -1)
