"""Clause-level facts of the parse that attribution needs: whether a token is inside the
quotation, passives, parenthetical asides, "according to", someone's claims, a verb of saying
right before the quotation, the statement noun of the sentence before."""
from __future__ import annotations

from .verbs import COMMUNICATION, verb_lemma


def in_quote(tok, parts) -> bool:
    return any(p.open <= tok.idx <= p.close for p in parts)


def cue_text(verb) -> str:
    parts = [verb.text] + [c.text for c in verb.children if c.dep_ == "prt"]
    return " ".join(parts)


def is_passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) and verb.tag_ == "VBN"


def in_parentheses(text: str, parts) -> bool:
    """ "(see ‘Title’)": an aside of the reporter's, a cross-reference or a title."""
    before, after = text[: parts[0].open], text[parts[-1].close + 1:]
    return before.rfind("(") > before.rfind(")") and 0 <= after.find(")") < (after.find("(") % 10**6)


def according_object(node, parts):
    """The object of "according to" attached to ``node``."""
    for c in node.children:
        if c.text.lower() == "according" and not in_quote(c, parts):
            for t in c.children:
                for g in t.children:
                    if g.dep_ == "pobj":
                        return g
    return None


def their_claim(verb, parts):
    """The possessor of a statement noun object whose content clause holds the quotation."""
    for c in verb.children:
        if c.dep_ == "dobj" and c.text.lower() in COMMUNICATION:
            poss = [g for g in c.children if g.dep_ == "poss"]
            nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
            if poss and nxt is not None and nxt.text.lower() == "that" and parts and nxt.idx < parts[0].open:
                return poss[0]
    return None


def preceding_verb(doc, parts):
    """ "X prompted Y to reply, in a short statement, «…»": a verb of saying right before the
    quotation, with only a phrase without verbs between."""
    first = [t for t in doc if t.idx >= parts[0].open]
    if not first:
        return None
    i = first[0].i - 1
    sent_start = first[0].sent.start
    while i >= sent_start:
        t = doc[i]
        if t.pos_ in ("VERB", "AUX"):
            return t if verb_lemma(t.text) and not is_passive(t) else None
        if t.pos_ not in ("ADP", "DET", "NOUN", "PROPN", "ADJ", "NUM", "ADV", "PUNCT", "PART"):
            return None
        i -= 1
    return None


def previous_statement_noun(tok):
    """The statement noun heading the sentence before ``tok``'s, if its subject is one."""
    start = tok.sent.start
    if start == 0:
        return None
    prev = tok.doc[start - 1].sent
    for c in prev.root.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.text.lower() in COMMUNICATION and c.tag_.startswith("NN"):
            return c
    return None


def appos_outside(tok, parts) -> bool:
    return any(c.dep_ == "appos" and not in_quote(c, parts) for c in tok.children)
