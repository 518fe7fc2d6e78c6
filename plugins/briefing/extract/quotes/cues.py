"""Speech cues of news English and quote-aware sentence boundaries.

A cue is the verb (or phrase) that attributes a quotation: "X said", "said X",
"X told reporters", "X added", "according to X", "…, saying …". Matching works on the
paragraph text with quotation spans masked out, so nothing inside a quotation is ever
taken for a cue or a speaker.
"""
from __future__ import annotations

import re

# finite forms of verbs that introduce reported speech
_FINITE = """
said says say told tells added adds stated states noted notes explained explains asked asks
replied replies answered answers wrote writes declared declares announced announces insisted
insists argued argues warned warns claimed claims confirmed confirms acknowledged acknowledges
admitted admits conceded concedes continued continues concluded recalled recalls remarked
observed suggested suggests urged urges cautioned emphasized emphasised emphasizes stressed
stresses commented comments tweeted posted predicted predicts promised promises vowed vows
pledged pledges agreed agrees countered responded responds complained complains lamented
joked quipped mused boasted objected protested reiterated reiterates repeated maintained
maintains contended assured reported estimated alleged shouted testified disclosed revealed
recounted mentioned underlined underscored described called calls questioned demanded proposed
proposes advised informed indicated signaled signalled conceded summarized summarised quoted
""".split()
# verbs that may come before their subject: "…," said the official
_INVERTIBLE = """
said says added adds asked asks wrote writes continued replied answered explained noted
recalled stated insisted warned declared confirmed argued observed remarked cautioned
countered responded concluded suggested tweeted posted quipped joked
""".split()
_PARTICIPLE = """
saying telling adding noting explaining arguing warning insisting stressing calling
describing asking urging declaring claiming suggesting acknowledging emphasizing
emphasising recalling writing vowing promising pledging conceding admitting
""".split()
_MULTI = [r"pointed\s+out", r"according\s+to"]

FINITE_RE = re.compile(r"(?<![\w-])(?:" + "|".join(_FINITE + [r"pointed\s+out"]) + r")\b")
INVERTIBLE_RE = re.compile(r"(?<![\w-])(?:" + "|".join(_INVERTIBLE) + r")\b")
PARTICIPLE_RE = re.compile(r"(?<![\w-])(?:" + "|".join(_PARTICIPLE) + r")\b")
ACCORDING_RE = re.compile(r"\baccording\s+to\b", re.I)
ANY_CUE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(_FINITE + _PARTICIPLE + _MULTI) + r")\b"
)

PRONOUNS = {"he", "she", "they", "it"}
# words that may stand between a subject and its verb: aux, adverbs ("X has also said")
_BETWEEN = set("""
has have had will would could should may might also later then again previously once
further still recently earlier now too repeatedly reportedly yesterday today separately
once initially subsequently already frequently often has also had was were is are been
""".split())

# abbreviations after which a full stop does not end a sentence
_ABBREV = set("""
mr mrs ms dr sen rep gov gen lt col sgt capt adm maj prof st jr sr rev hon pres gen cmdr
jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc inc corp co ltd dept est fig
""".split())
_STARTERS = set("""
the a an but and he she they it we i in on this that there however still so yet his her
their its our after before when while as if for at by with from meanwhile separately
""".split())


def mask_spans(text: str, spans) -> str:
    """The paragraph with every quotation (marks included) replaced by \\x01, same length."""
    chars = list(text)
    for s in spans:
        for k in range(s.open, min(s.close + 1, len(text))):
            chars[k] = "\x01"
    return "".join(chars)


def looks_like_after_cue(after: str, max_words: int = 12) -> bool:
    """Text following a closing mark that starts with an attribution ("Smith said",
    "said the official", "Julianne Smith, the U.S. ambassador, told")."""
    body = after.lstrip(" ,\u2014\u2013-")
    if INVERTIBLE_RE.match(body) or re.match(r"according\s+to\b", body, re.I):
        return True
    m = FINITE_RE.search(body)
    if not m:
        return False
    head = body[: m.start()]
    if len(head.split()) > max_words or re.search(r"[;:?!\x01\u201c\u201d\u00ab\u00bb\"]", head):
        return False
    for d in re.finditer(r"\.\s+[A-Z]", head):
        if not _is_abbrev(head, d.start()):
            return False
    return True


def sentence_bounds(text: str, spans) -> list[tuple[int, int]]:
    """Sentences of a paragraph as (start, end); a quotation never contains a boundary
    of its paragraph's sentences (its own sentences are inside it)."""
    masked = mask_spans(text, spans)
    cuts: list[int] = []
    n = len(text)
    close_at = {s.close: s for s in spans if s.closed}
    i = 0
    while i < n:
        c = masked[i]
        end_here = None
        if c in ".!?" :
            end_here = i + 1
            while end_here < n and text[end_here] in "\"'\u201d\u2019\u00bb)]":
                end_here += 1
            if c == "." and _is_abbrev(text, i):
                end_here = None
        elif i in close_at:
            s = close_at[i]
            if s.text and s.text[-1] in ".!?\u2026":
                end_here = i + 1
                if looks_like_after_cue(text[i + 1:i + 160], 8):
                    end_here = None
        if end_here is not None:
            j = end_here
            while j < n and text[j] == " ":
                j += 1
            if j > end_here and j < n and (text[j].isupper() or text[j].isdigit()
                                           or text[j] in "\u201c\u201e\u00ab\u2018\"(["):
                if not _dotted_acronym_nonfinal(text, i, j):
                    cuts.append(j)
            i = max(i + 1, end_here)
            continue
        i += 1
    bounds = []
    start = 0
    for c in cuts:
        bounds.append((start, c))
        start = c
    bounds.append((start, n))
    return bounds


def _word_before(text: str, i: int) -> str:
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in ".-"):
        j -= 1
    return text[j:i]


def _is_abbrev(text: str, i: int) -> bool:
    w = _word_before(text, i)
    if not w:
        return False
    core = w.lower().rstrip(".")
    if core in _ABBREV:
        return True
    if len(core) == 1 and core.isalpha():  # an initial: John F. Kennedy
        return True
    return False


def _dotted_acronym_nonfinal(text: str, i: int, j: int) -> bool:
    """U.S. Army: a dotted acronym ends a sentence only before a typical sentence opener."""
    w = _word_before(text, i)
    if w.count(".") >= 1 and re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", w):
        nxt = re.match(r"[\w\u2019']+", text[j:])
        return not (nxt and nxt.group(0).lower() in _STARTERS)
    return False
