"""Word classes of news attribution, as data: verbs of saying, characterising and thinking,
nouns of communication, and the nouns a reporter describes a speaker with.

The parser's lemmatizer is not run (it costs time and nothing else needs it), so verb forms
are generated from the base forms here: ``verb_lemma("wrote") == "write"``.
"""
from __future__ import annotations

import re

# verbs whose subject says (or writes) the words in their clause
SAY = """
say tell add state note explain ask reply answer write declare announce insist argue warn
claim confirm acknowledge admit concede continue conclude recall remark observe suggest urge
caution emphasize emphasise stress comment tweet post predict promise vow pledge agree counter
respond complain lament joke quip muse boast object protest reiterate repeat maintain contend
assure report estimate allege shout testify disclose reveal recount mention underline
underscore question demand propose advise inform indicate signal summarize summarise quote
chant cry yell scream whisper mutter plead beg retort detail describe call label brand dub
term characterize characterise portray identify compare accuse praise hail slam blast criticize
criticise condemn dismiss deny speak talk forecast outline stipulate read wonder assert
charge decry denounce mock scoff concur
""".split()
# verbs of thinking: "X suspects it might have «discouraged» Chile" gives X's words
THINK = "think believe suspect fear hope expect feel worry doubt reckon".split()
SPEECH = frozenset(SAY + THINK)

_IRREGULAR = {
    "said": "say", "told": "tell", "wrote": "write", "written": "write", "spoke": "speak",
    "spoken": "speak", "thought": "think", "felt": "feel", "read": "read", "says": "say",
    "cried": "cry", "replied": "reply", "denied": "deny", "testified": "testify",
    "criticized": "criticize", "criticised": "criticise", "identified": "identify",
    "dubbed": "dub", "summarized": "summarize", "worried": "worry", "worries": "worry",
    "cries": "cry", "replies": "reply", "denies": "deny", "testifies": "testify",
    "identifies": "identify", "characterized": "characterize", "characterised": "characterise",
}


def _forms(base: str) -> set[str]:
    out = {base}
    out.add(base + "es" if base.endswith(("s", "sh", "ch", "x", "z")) else base + "s")
    if base.endswith("e"):
        out |= {base + "d", base[:-1] + "ing"}
    else:
        out |= {base + "ed", base + "ing"}
        if re.fullmatch(r"[a-z]*[^aeiou][aeiou][bdgmnpt]", base) and len(base) <= 4:
            out |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return out


_FORM_TO_LEMMA: dict[str, str] = {}
for _b in sorted(SPEECH):
    for _f in _forms(_b):
        _FORM_TO_LEMMA.setdefault(_f, _b)
_FORM_TO_LEMMA.update({k: v for k, v in _IRREGULAR.items() if v in SPEECH})


def verb_lemma(word: str) -> str | None:
    """The base form of a verb of saying or thinking, else None."""
    return _FORM_TO_LEMMA.get(word.lower())


# nouns of a statement: "X's budget documents say", "a statement by X read", "a reply from X"
COMMUNICATION = frozenset("""
statement statements document documents letter letters post posts tweet tweets message messages
email emails reply replies response responses report reports release note notes memo filing
filings outlook forecast bulletin advisory update announcement remarks comments interview
testimony speech address blog column op-ed editorial essay book memoir yearbook lawsuit
complaint submission budget plan proposal notice warning guidance line view verdict message
words advice answer assessment argument position motto slogan quote claim claims allegation
allegations assertion suggestion accusation accusations story profile article study survey piece
""".split())

# nouns that describe an organization or a person ("the agency said", "the minister added")
ORG_NOUNS = frozenset("""
agency center centre department ministry company firm government newspaper paper magazine
daily tabloid outlet publication broadcaster network channel station website site group
organisation organization council committee party union court office service bank
administration commission authority board club team university institute campaign police
military army navy force forces alliance coalition charity foundation federation association
body regulator watchdog insurer airline retailer startup giant carrier manufacturer maker
province state city municipality county federation league
""".split())
PERSON_NOUNS = frozenset("""
minister senator president governor official spokesman spokeswoman spokesperson premier mayor
leader chief secretary chancellor judge lawyer attorney ambassador analyst researcher scientist
economist expert professor star player actor actress singer prince princess duke duchess king
queen father mother son daughter wife husband brother sister lawmaker congressman congresswoman
representative mec commissioner director executive chairman chairwoman chair founder
co-founder author writer reporter correspondent commentator coach manager captain striker
champion candidate nominee veteran activist campaigner doctor officer detective prosecutor
chancellor envoy diplomat sheriff general colonel politician spokesperson
""".split())
_AGE = re.compile(r"^\d{1,3}-year-old$")


def description_class(word: str) -> str | None:
    """'org' or 'person' for a noun a reporter refers to a speaker with, else None."""
    w = word.lower()
    if w in ORG_NOUNS:
        return "org"
    if w in PERSON_NOUNS or _AGE.match(w):
        return "person"
    return None


# plural common nouns of people acting together: "prosecutors said", "hundreds of protesters chanted"
GROUP_NOUNS = frozenset("""
officials prosecutors protesters protestors demonstrators critics lawmakers legislators
experts analysts residents researchers scientists investigators authorities officers police
activists campaigners voters supporters opponents doctors economists observers sources
lawyers attorneys judges diplomats leaders ministers senators members organisers organizers
students teachers workers employees staff fans players witnesses neighbours neighbors
villagers locals parents families relatives friends advocates unions
""".split())
