"""Timeline: the dates and days an article mentions, placed on the calendar.

Absolute dates ("July 11, 2023", "11 July 2023", "July 2023", "from 2008") are read as they
stand. Relative ones ("on Tuesday", "last week", "next month", "yesterday") are resolved
against the publication date, and only when the rule is certain:

* a bare weekday ("on Monday", "Friday's talks") needs the tense of its clause: the next such
  day after publication when the clause speaks of the future ("will", "is expected to", a
  scheduled present like "starts"), the previous one when it is in the past tense ("told",
  "was"); mixed or missing tense → not resolved;
* "last/this/next week" is not resolved in an article published on a Sunday (whether that
  Sunday ends a week or begins one depends on a convention the text does not state);
* "next <weekday>" is never resolved (it may mean this coming one or the one after);
* relative words inside quotation marks are not resolved (they are relative to when the
  speaker spoke, which the text rarely states);
* an undated article gets only absolute dates.

Every entry keeps the exact sentence it came from and its paragraph index. Expressions that
could not be placed are kept in ``Timeline.unresolved`` with the reason. Timelines across
briefings (the site's, each actor's): site_timelines.py.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .keypoints import sentences_of

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
_MON = "|".join(MONTHS)
_DAY = "|".join(WEEKDAYS)
_YEAR = r"(?:1[89]\d\d|20\d\d)"


@dataclass
class TimelineEntry:
    date: str  # HTML datetime value: YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY
    precision: str  # day | week | month | year
    label: str
    expression: str
    sentence: str
    paragraph: int
    rule: str
    start: str = ""  # first day covered (YYYY-MM-DD), for sorting
    # the sentence's character span in its paragraph (-1: not known)
    sentence_start: int = -1
    sentence_end: int = -1

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph + 1}"

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in
                ("date", "precision", "label", "expression", "sentence", "paragraph", "rule")}


@dataclass
class Unresolved:
    expression: str
    sentence: str
    paragraph: int
    reason: str

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph + 1}"


@dataclass
class Timeline:
    entries: list[TimelineEntry] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.entries or self.unresolved)


# ---------------------------------------------------------------------------------------------
# calendar helpers

def day_label(d: dt.date) -> str:
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"


def _day(d: dt.date, expr, sent, rule) -> tuple:
    return (d.isoformat(), "day", day_label(d), rule, d.isoformat())


def _week(monday: dt.date, rule) -> tuple:
    y, w, _ = monday.isocalendar()
    return (f"{y}-W{w:02d}", "week", f"Week of {monday.day} {MONTHS[monday.month - 1]} {monday.year}", rule,
            monday.isoformat())


def _month(y: int, m: int, rule) -> tuple:
    return (f"{y:04d}-{m:02d}", "month", f"{MONTHS[m - 1]} {y}", rule, f"{y:04d}-{m:02d}-01")


def _year(y: int, rule) -> tuple:
    return (f"{y:04d}", "year", str(y), rule, f"{y:04d}-01-01")


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def publication_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.datetime.fromisoformat(published.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            return None


# ---------------------------------------------------------------------------------------------
# tense of a clause (rule-based: spaCy parses are not kept after extraction)

_QUOTED = re.compile(r"“[^”]*(?:”|$)|«[^»]*(?:»|$)|\"[^\"]*(?:\"|$)")
_FUTURE = re.compile(
    r"\b(?:will|won[’']t|shall|(?:is|are|am|was|were)\s+(?:\w+ly\s+)?(?:expected|due|set|scheduled|slated|"
    r"poised|going|planning|preparing|to\s+(?!be\b)\w+)|(?:is|are)\s+(?:\w+\s+)?to\s+be|plans?\s+to|intends?\s+to|"
    r"(?:starts|begins|opens|ends|closes|kicks\s+off|convenes|takes\s+place|gets\s+under\s*way|is\s+under\s*way))\b"
    r"|[’']ll\b",
    re.I,
)
_IRREGULAR_PAST = set(
    """said told met made struck gave took went came spoke wrote held left began led won lost sent
    saw sat stood ran rose fell brought bought thought found kept felt heard paid flew drove
    chose broke sold taught caught fought meant drew threw knew grew shook wore tore spent built
    sought became did had was were""".split()
)
_AUX = set("is are am be been being was were has have had get gets got the a an of very more most".split())
_ED_ADJ = set("""expected advanced concerned united limited based related armed detailed interested
    skilled experienced supposed used alleged unnamed unidentified""".split())


def _strip_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def tense(clause: str) -> str | None:
    """'future', 'past', 'mixed' or None for a clause with quotations removed."""
    if re.search(r"\b(?:would|could)\b|[’']d\b", clause, re.I):
        return "mixed"  # "said he would travel on Friday": future of a past, not of publication
    fut = bool(_FUTURE.search(clause) or re.search(r"\b(?:may|might)\s+(?!have\b)\w+", clause, re.I))
    words = re.findall(r"[A-Za-z’']+", clause)
    past = False
    for i, w in enumerate(words):
        lw = w.lower()
        prev = words[i - 1].lower() if i else ""
        if lw in _IRREGULAR_PAST:
            if lw in ("was", "were") and re.search(r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:expected|due|set|scheduled|going)\s+to\b",
                                                    clause, re.I):
                # "was expected to meet on Monday": reported plan, day unknown
                return "mixed"
            past = True
        elif (lw.endswith("ed") and len(lw) > 4 and w[0].islower() and lw not in _ED_ADJ
              and prev not in _AUX and not prev.endswith("ly")):
            past = True
        elif re.fullmatch(r"(?:has|have)", lw) and i + 1 < len(words) and re.search(r"(?:ed|en|t)$", words[i + 1]):
            past = True
    if fut and past:
        return "mixed"
    return "future" if fut else "past" if past else None


def _clause(text: str, start: int, end: int) -> str:
    """The clause around [start, end): it opens after ; : — or a comma before where/which/who/…
    and closes at the next punctuation mark."""
    opens = [m.end() for m in re.finditer(r"[;:—–]|,\s(?=(?:where|which|who|when|while|as|but|and|according)\b)", text)]
    closes = [m.start() for m in re.finditer(r"[;:—–,]|\bthat\b", text)]  # "said on Monday that …"
    lo = max([c for c in opens if c <= start], default=0)
    hi = min([c for c in closes if c >= end], default=len(text))
    return text[lo:hi]


# ---------------------------------------------------------------------------------------------
# patterns

_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("mdy", re.compile(rf"\b({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_YEAR})\b")),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON}),?\s+({_YEAR})\b")),
    ("my", re.compile(rf"\b({_MON}),?\s+({_YEAR})\b")),
    ("md", re.compile(rf"\b({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d)")),
    ("dm", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})\b(?!,?\s+\d)")),
    ("year", re.compile(
        rf"(?:\b(?:in|from|since|by|until|till|through|before|after|during|around|circa|of|between|and|to)\s+"
        rf"(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of)[\s-]+)?|\b(?:early|mid|late)-|\bthe\s+(?=\d{{4}}\s+[A-Z]))"
        rf"({_YEAR})\b(?![\d,.]\d|\s*(?:%|percent|per\s+cent|troops|people|soldiers|members)|[–-]\d)")),
    ("ago", re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(days|weeks)\s+ago\b", re.I)),
    ("rel_day", re.compile(r"\b(today|yesterday|tomorrow)\b", re.I)),
    ("rel_week", re.compile(r"\b(last|this|next|earlier\s+this|later\s+this)\s+week(?:[’']s)?\b", re.I)),
    ("rel_month", re.compile(r"\b(last|this|next|earlier\s+this|later\s+this)\s+month(?:[’']s)?\b", re.I)),
    ("rel_year", re.compile(r"\b(last|this|next|earlier\s+this|later\s+this)\s+year(?:[’']s)?\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(last|this|next|on|since|until|by)\s+)?({_DAY})(?:[’']s)?\b(?!s)")),
    ("month", re.compile(rf"\b(?:in|since|until|by|during)\s+({_MON})\b(?!\s+\d)")),
]
_NUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_ABSOLUTE = {"iso", "mdy", "dmy", "my", "year"}


def _in_quotes(text: str, pos: int) -> bool:
    return any(m.start() < pos < m.end() for m in _QUOTED.finditer(text))


def _resolve(kind: str, m: re.Match, sent: str, pub: dt.date | None):
    """→ (date, precision, label, rule, start) or a string reason it stays unresolved."""
    g = m.groups()
    try:
        if kind == "iso":
            d = dt.date(int(g[0]), int(g[1]), int(g[2]))
            return _day(d, m, sent, "date written in full")
        if kind == "mdy":
            return _day(dt.date(int(g[2]), MONTHS.index(g[0]) + 1, int(g[1])), m, sent, "date written in full")
        if kind == "dmy":
            return _day(dt.date(int(g[2]), MONTHS.index(g[1]) + 1, int(g[0])), m, sent, "date written in full")
    except ValueError:
        return "not a calendar date"
    if kind == "my":
        return _month(int(g[1]), MONTHS.index(g[0]) + 1, "month and year written in full")
    if kind == "year":
        return _year(int(g[0]), "year written in full")
    if pub is None:
        return "the article has no publication date"
    if _in_quotes(sent, m.start()):
        return "inside a quotation: relative to when the speaker spoke, which is not stated"
    if kind in ("md", "dm"):
        mon, day = (g[0], g[1]) if kind == "md" else (g[1], g[0])
        cands = []
        for y in (pub.year - 1, pub.year, pub.year + 1):
            try:
                cands.append(dt.date(y, MONTHS.index(mon) + 1, int(day)))
            except ValueError:
                pass
        if not cands:
            return "not a calendar date"
        best = min(cands, key=lambda d: abs((d - pub).days))
        if abs((best - pub).days) > 120:
            return "month and day without a year, far from the publication date"
        return _day(best, m, sent, "month and day: the nearest such date to publication")
    if kind == "ago":
        n = _NUM.get(g[0].lower()) or int(g[0])
        days = n * (7 if g[1].lower() == "weeks" else 1)
        return _day(pub - dt.timedelta(days=days), m, sent, f"{days} days before publication")
    if kind == "rel_day":
        w = g[0].lower()
        delta = {"today": 0, "yesterday": -1, "tomorrow": 1}[w]
        return _day(pub + dt.timedelta(days=delta), m, sent, f"“{w}” counted from the publication date")
    which = (g[0] or "").lower().split()[-1] if g[0] else ""
    if kind == "rel_week":
        if pub.weekday() == 6:
            return "published on a Sunday: whether that Sunday ends a week or begins one is not stated"
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks={"last": -1, "this": 0, "next": 1}[which])
        return _week(monday, f"“{which} week” counted from the publication date (weeks from Monday)")
    if kind == "rel_month":
        y, mo = _add_months(pub.year, pub.month, {"last": -1, "this": 0, "next": 1}[which])
        return _month(y, mo, f"“{which} month” counted from the publication date")
    if kind == "rel_year":
        return _year(pub.year + {"last": -1, "this": 0, "next": 1}[which], f"“{which} year” counted from the publication date")
    if kind == "month":
        t = tense(_clause(_strip_quotes(sent), 0, len(_strip_quotes(sent))))
        target = MONTHS.index(g[0]) + 1
        if target == pub.month:
            return "the publication month named without a year: this one or another is not certain"
        if t == "future":
            y = pub.year if target > pub.month else pub.year + 1
            return _month(y, target, "month without a year, future tense: the next such month")
        if t == "past":
            y = pub.year if target < pub.month else pub.year - 1
            return _month(y, target, "month without a year, past tense: the last such month")
        return "month without a year and no clear tense"
    if kind == "weekday":
        prefix = (g[0] or "").lower()
        wd = WEEKDAYS.index(g[1])
        if prefix == "next":
            return "“next <day>” may mean this coming one or the one after"
        if prefix == "last":
            back = (pub.weekday() - wd) % 7 or 7
            if back < 2:
                return "“last <day>” the day before publication may mean the week before"
            return _day(pub - dt.timedelta(days=back), m, sent, f"“last {g[1]}”: the most recent {g[1]} before publication")
        plain = _strip_quotes(sent)
        pos = plain.find(m.group(0))
        clause = _clause(plain, pos, pos + len(m.group(0))) if pos >= 0 else plain
        t = tense(plain)
        if t == "mixed":
            t = tense(clause)
        if wd == pub.weekday():
            if t == "past" and prefix in ("", "on"):
                # news style names a day only within the past week, so its own name is today
                return _day(pub, m, sent, f"{g[1]}, the publication's own weekday, in a past-tense sentence: "
                                          "the publication day")
            return "the publication's own weekday: today or a week away is not certain"
        if t == "future":
            d = pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
            return _day(d, m, sent, f"{g[1]} in a sentence about the future: the next {g[1]} after publication")
        if t == "past":
            d = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
            return _day(d, m, sent, f"{g[1]} in a past-tense sentence: the last {g[1]} before publication")
        return "a weekday without a clear tense"
    return "unknown expression"


def find_dates(doc) -> Timeline:
    """The timeline of one Document: resolved entries sorted by date, and the unresolved."""
    pub = publication_date(doc.published)
    tl = Timeline()
    seen: set = set()
    for s in sentences_of(doc.paragraphs):
        taken: list[tuple[int, int]] = []
        for kind, rx in _PATTERNS:
            for m in rx.finditer(s.text):
                span = m.span()
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                taken.append(span)
                expr = m.group(0).strip()
                res = _resolve(kind, m, s.text, pub)
                if isinstance(res, str):
                    if pub is None and kind not in _ABSOLUTE:
                        res = "the article has no publication date"
                    tl.unresolved.append(Unresolved(expr, s.text, s.paragraph, res))
                    continue
                key = (res[0], s.paragraph, s.start)
                if key in seen:
                    continue
                seen.add(key)
                date, precision, label, rule, start = res
                tl.entries.append(TimelineEntry(date, precision, label, expr, s.text, s.paragraph, rule, start,
                                                s.start, s.end))
    tl.entries.sort(key=lambda e: (e.start, e.paragraph, e.sentence))
    return tl
