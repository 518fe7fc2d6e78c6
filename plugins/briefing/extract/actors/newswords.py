"""Wording of news English that corrects the tagger's entities: institution heads, ministerial
briefs inside titles, parties named by their members, employers before job nouns, names the
tagger typed ORG that the sentence shows to be people, programmes, clubs, legislatures.

Helpers of mentions.py (kept apart so that each module stays one concern and short)."""
from __future__ import annotations

import re

from .gazetteer import DEMONYMS, NON_COUNTRY_DEMONYMS, city_of, country_of
from .titles import TITLE_HEADS

# "the House" is a chamber of a legislature in an article about one
_LEGISLATURE_RX = re.compile(r"\b(?:Senate|Congress|House Speaker|Speaker of the House|House of (?:Representatives|Commons|Lords))\b")
_CHAMBER_RX = re.compile(r"\b[Tt]he (?P<name>House(?: of (?:Representatives|Commons|Lords))?)\b(?! of\b)(?!-)")


# Head words that make a name an institution, whatever the tagger said ("James Webb Space Telescope").
ORG_HEADS = frozenset("""Agency Academy Institute University College School Company Corporation Corp Inc Ltd LLC Group
Bank Fund Council Ministry Department Committee Commission Foundation Association Union Organization
Organisation Center Centre Hospital Court Party Office Authority Board Service Telescope Observatory
Laboratory Laboratories Times Post Journal News Securities Capital Partners Holdings Industries League
Federation Club Alliance Society Coalition Institution Institutet Network Management Labs Lab Technologies
Systems Ventures Motors Airlines Airways Pharmaceuticals Therapeutics Robotics Analytics Enterprises United
Rovers Wanderers Athletic Albion Rangers FC Hotspur""".split())


# policy areas of ministers and commissioners ("Energy Minister", "Foreign Secretary")
_PORTFOLIO = frozenset("""Energy Climate Foreign Defence Defense Health Trade Finance Economy Economic Economics
Interior Home Justice Education Transport Transportation Agriculture Environment Environmental Labour Labor
Culture Digital Industry Industrial Affairs Security Development Housing Treasury Employment Science
Technology Innovation Tourism Fisheries Food Water Infrastructure Commerce Competition Budget Migration
Immigration Social Welfare Family Women Youth Sport Sports Enterprise Business Communications Information
Veterans Public Works Internal External European International Cooperation Planning Mining Resources
Natural Land Rural Urban Regional Local Government Equality Trade""".split())
_OFFICE_AFTER = re.compile(r"(?:\s+(?:and|&)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})?\s+"
                           r"(?:Deputy\s+|Vice\s+)?(?:Minister|Secretary|Commissioner|Undersecretary|Czar|Tsar)\b")


def _portfolio(text: str, surface: str, end: int) -> bool:
    """An entity that is only the brief of an office before it: "Spanish Energy" in
    "Spanish Energy Minister Carmen Aguilar", "EU Energy" in "EU Energy Commissioner"."""
    if not _OFFICE_AFTER.match(text, end):
        return False
    words = surface.replace("&", " and ").split()
    if "and" in words[1:] and not all(w in _PORTFOLIO or w == "and" for w in words):
        words = words[len(words) - words[::-1].index("and"):]  # "Biden and Defense" Secretary …
    words = [w for w in words if w != "and"]
    if words and (country_of(words[0]) or words[0].isupper()):
        words = words[1:]
    return bool(words) and all(w in _PORTFOLIO for w in words)


_TITLE_AFTER = re.compile(r"\s+(?:[A-Z][\w.-]*\s+){0,2}?(?:" + "|".join(
    sorted((re.escape(t.capitalize()) for t in TITLE_HEADS if t[:1].isalpha()), key=len, reverse=True))
    + r")\s+(?:[A-Z][\w.-]*\s+){0,2}?[A-Z][a-z]+\s+[A-Z][a-z]+")


# "deputy chief UK economist at Capital Economics": a country inside a lower-case job title
_ROLE_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:economists?|strategists?|analysts?|correspondents?|editors?|"
                         r"equity|rates|markets?|sales|operations|head|chief)\b")
# "the Mars Sample Return program": a named programme, mission or product is not an actor
_PROGRAMME_AFTER = re.compile(r"\s+(?:program|programme|mission|project|initiative|scheme|rover|spacecraft|probe|"
                              r"satellite|telescope)s?\b")


_THING_WORDS = """company firm startup bank lender insurer carrier airline retailer chipmaker carmaker automaker
broadcaster newspaper magazine drugmaker miner shipper manufacturer maker producer supplier developer conglomerate
initials name word words spelling acronym abbreviation""".split()
_THING_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:" + "|".join(sorted(_THING_WORDS, key=len, reverse=True)) + r")\b")


def _is_demonym(text: str) -> bool:
    return text in DEMONYMS


def _party(pdoc, ent) -> int:
    """Start token of a party named by its members ("the Conservatives", "the Liberal
    Democrats", "Social Democrats said"), or 0 when the NORP is a people ("the Germans")."""
    last = pdoc[ent.end - 1]
    if not last.text.endswith("s") or country_of(ent.text) or country_of(last.text[:-1]) \
            or last.text[:-1] in NON_COUNTRY_DEMONYMS or ent.text in NON_COUNTRY_DEMONYMS:
        return 0
    if ent.end < len(pdoc) and pdoc[ent.end].pos_ in ("NOUN", "PROPN"):
        return 0  # "Conservatives voters": a modifier
    i = ent.start
    while i > 0 and pdoc[i - 1].pos_ == "PROPN" and pdoc[i - 1].text.istitle() and not pdoc[i - 1].ent_type_:
        i -= 1  # "Liberal" + "Democrats"
    if i > 0 and pdoc[i - 1].lower_ == "the":
        return i
    if last.text in _PARTY_WORDS and last.dep_ in ("nsubj", "nsubjpass", "conj"):
        return i or -1  # "Democrats demanded …": a party family as the subject
    return 0


_PARTY_WORDS = frozenset("""Democrats Republicans Conservatives Tories Liberals Socialists Greens Communists
Nationalists Unionists Progressives""".split())


# job nouns written lower case between an employer and a name ("Jefferies analyst Owen Castellano")
_EMPLOYEE_HEADS = frozenset("""analyst analysts economist economists strategist strategists spokesman spokeswoman
spokesperson researcher engineer executive manager coach captain goalkeeper defender midfielder striker winger
forward owner""".split())
# class nouns that make the name after them a company ("the search engine Kestrel")
_ORG_CLASS = frozenset("""company firm startup start-up engine bank lender insurer carrier airline retailer chipmaker
carmaker automaker broadcaster newspaper magazine outlet website platform app consultancy charity conglomerate
insurer brokerage exchange regulator watchdog drugmaker pharma biotech miner shipper manufacturer maker producer
supplier developer bloc""".split())
# a name followed by the kind of body it is ("the Bruegel think tank", "the Copa lobby group")
_ORG_NOUN_AFTER = re.compile(r"\s+(?:think[- ]?tank|lobby(?: group)?|trade (?:group|body|association)|advocacy group|"
                             r"research (?:group|institute)|consultancy|trade bloc|alliance|coalition)\b")
_CLUB_HEADS = frozenset("United Rovers Wanderers Athletic Albion Rangers FC Hotspur".split())
_EMPLOYEE_MODS = frozenset({"head", "assistant", "chief", "senior", "equity", "club", "team"})


def _employer_before_title(pdoc, ts: int, te: int) -> bool:
    """Tokens ts..te are followed by a lower-case job noun and a capitalised name."""
    if te + 2 < len(pdoc) and pdoc[te].text in _EMPLOYEE_MODS:
        te += 1  # "Northbridge head coach Ana Ferreira"
    return (te + 1 < len(pdoc) and pdoc[te].text in _EMPLOYEE_HEADS
            and pdoc[te + 1].ent_type_ == "PERSON" and pdoc[te + 1].text[:1].isupper()
            and not (ts > 0 and pdoc[ts - 1].text[:1].isupper() and not pdoc[ts - 1].is_sent_start))


_ORG_NAME_RX = re.compile(r"\b[Tt]he\s+(?P<name>(?:[A-Z][\w.&-]*(?:['’]s)?\s+){1,4}(?:"
                          + "|".join(sorted(ORG_HEADS, key=len, reverse=True)) + r"))\b(?!['’-])")


_PERSON_APPOS = re.compile(r",\s+(?:the|a|an|[\w’'.-]+['’]s)\s+(?:[\w’'-]+\s+){0,5}?(?P<head>[\w.-]+)(?=\s*[,.;]|\s+(?:at|of|for|in|to|who)\b)")


def _looks_like_name(ent) -> bool:
    return 2 <= len(ent) <= 3 and all(
        t.pos_ == "PROPN" and t.text.istitle() and t.text.isalpha() and t.text not in ORG_HEADS
        and not country_of(t.text) and not city_of(t.text) for t in ent)


def _person_tagged_org(pdoc, ent) -> bool:
    """A two- or three-word name tagged ORG that the sentence shows to be a person: after a
    lower-case job noun ("member Priti Anand") or before a job appositive ("Tejal Prasad, the
    alliance's chief ministerial candidate,")."""
    if not _looks_like_name(ent):
        return False
    prev = pdoc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and prev.text.islower() and (prev.lower_ in TITLE_HEADS or prev.lower_ in ("member", "colleague")):
        return True
    m = _PERSON_APPOS.match(pdoc.text, ent.end_char)
    return bool(m) and m.group("head").lower() in TITLE_HEADS


def _name_of_org(pdoc, ent) -> int:
    """Token index of "of" in "Ashwin Raghavan of Brown University" (one ORG), or 0."""
    for k in range(ent.start + 2, min(ent.start + 4, ent.end - 1)):
        if pdoc[k].lower_ == "of":
            left, right = pdoc[ent.start:k], pdoc[k + 1:ent.end]
            if _looks_like_name(left) and any(t.text in ORG_HEADS for t in right) \
                    and not any(t.lower_ in TITLE_HEADS for t in left):
                return k
            return 0
    return 0


# "the Ministry of Health, Labour and Welfare": commas inside an institution's name
_LISTED_ORG_RX = re.compile(r"\b(?:Ministry|Department|Committee|Commission|Secretariat|Office|Agency) (?:of|for) "
                            r"(?:the )?(?:[A-Z][\w'’-]+,\s+)+(?:[A-Z][\w'’-]+\s+)*?(?:and|&)\s+[A-Z][\w'’-]+")
