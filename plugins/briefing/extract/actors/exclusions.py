"""What is never an actor: bylines, headline fragments, headings, weekdays, months, laws."""
from __future__ import annotations

import calendar
import re

from ...text import normalize_ws

_DAYS = {d for d in calendar.day_name} | {d for d in calendar.day_abbr}
_MONTHS = {m for m in calendar.month_name if m} | {m for m in calendar.month_abbr if m}
TIME_WORDS = frozenset(_DAYS | {d + "s" for d in calendar.day_name} | _MONTHS
                       | {"Today", "Tonight", "Yesterday", "Tomorrow"}
                       | {"GMT", "UTC", "BST", "CET", "CEST", "EST", "EDT", "CST", "CDT", "PST", "PDT", "MST", "ET", "PT"})

# Acronyms of news English that name things, measures or jobs, never an actor
_THING_ACRONYMS = frozenset("""LNG LPG GDP GNP CPI PPI PMI VAT IPO IPOs ETF ETFs ESG EV EVs SUV SUVs AI GPS HIV AIDS
COVID COVID-19 DNA RNA MRI ICU PPE TV PC CEO CFO COO CTO CIO R&D M&A OTC API APIs GW MW GWh MWh
CO2 LED LEDs ATM ATMs""".split())
# Weather patterns and named storms are events, not actors
_WEATHER = re.compile(r"^(?:El Ni[ñn]o|La Ni[ñn]a)$")
_STORM_BEFORE = re.compile(r"\b(?:[Hh]urricanes?|[Tt]yphoons?|[Cc]yclones?|[Ss]torms?|[Ww]ildfires?)\s+"
                           r"(?:such as\s+|like\s+|including\s+|named\s+)?(?:[A-Z][\w-]+(?:,\s+|\s+and\s+|\s+or\s+))*$")
# Laws, treaties and documents are things, not actors ("Article 5", "the Inflation Reduction Act").
_LAW = re.compile(
    r"^(?:the\s+)?(?:(?:Article|Section|Chapter|Clause|Title|Amendment|Resolution|Bill|Rule|Paragraph)\s+"
    r"(?-i:\d[\w.-]*|[IVXLC]+|[A-Z]-?\d[\w-]*|[A-Z])$"
    r"|.*\b(?:Act|Acts|Treaty|Accords?|Agreement|Memorandum|Protocol|Convention|Charter|Declaration"
    r"|Doctrine|Directive|Regulation|Law|Bill|Amendment|Communiqu[eé])$)", re.I)
# Events are occasions, not actors ("the Munich Security Conference", "the World Cup")
_EVENT = re.compile(r"\b(?:Summit|Conference|Cup|Olympics|Games|Festival|Championships?|Expo|Marathon|Grand Prix)$"
                    r"|\b(?!(?:of|for|on)\b)\w+\s+(?:War|Revolution|Crisis|Pandemic|Age|Bang)$")
# Wire-service credit paragraphs: "(Reporting by …; Editing by …)", "Additional reporting by …"
_CREDIT_PAR = re.compile(r"^[\s(\[]*(?:(?:additional )?reporting|writing|editing|compiled|photos?|graphics?)"
                         r"(?: and \w+)? by\b", re.I)
# Byline leftovers and credit-line words
_CREDIT = re.compile(r"\b(?:photo|pool|getty|images|contributed|reporting by|editing by|via)\b", re.I)
_HAS_UPPER = re.compile(r"[A-Z]")


class Exclusions:
    """Per-document exclusion rules (built once per article, checked per candidate)."""

    def __init__(self, doc) -> None:
        self.people: set[str] = set()
        for name in doc.contributors:
            name = normalize_ws(name)
            self.people.add(name.lower())
            parts = name.split()
            if len(parts) > 1:
                self.people.add(parts[-1].lower())
        self.paragraphs = list(doc.paragraphs)
        self.headings = {normalize_ws(s).lower() for s in doc.sections}
        self.title = normalize_ws(doc.title or "").lower()
        self.title_pars = {i for i, p in enumerate(doc.paragraphs)
                           if normalize_ws(p).lower() in self.headings or normalize_ws(p).lower() == self.title
                           or _CREDIT_PAR.match(p)}
        # where the headline is repeated inside a paragraph (scraped furniture), nothing is an actor
        self.title_spans: dict[int, list[tuple[int, int]]] = {}
        if len(self.title) > 20:
            for i, p in enumerate(doc.paragraphs):
                low = p.lower()
                pos = low.find(self.title)
                while pos >= 0:
                    self.title_spans.setdefault(i, []).append((pos, pos + len(self.title)))
                    pos = low.find(self.title, pos + 1)

    def blocked(self, text: str, paragraph: int = -1, start: int = -1, end: int = -1) -> bool:
        t = text.strip()
        low = t.lower()
        if not t or not _HAS_UPPER.search(t):
            return True
        if paragraph in self.title_pars:
            return True
        for a, b in self.title_spans.get(paragraph, ()):
            if a <= start and end <= b:
                return True
        if t in TIME_WORDS or t in _THING_ACRONYMS or low in self.people or low in self.headings:
            return True
        if _LAW.match(t) or _CREDIT.search(t) or _EVENT.search(t) or _WEATHER.match(t):
            return True
        if paragraph >= 0 and start > 0 and _STORM_BEFORE.search(self.paragraphs[paragraph][max(0, start - 120):start]):
            return True  # "hurricanes such as Milton and Helene", "Storm Babet"
        return False
