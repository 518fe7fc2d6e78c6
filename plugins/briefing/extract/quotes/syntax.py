"""Attribution over the dependency parse: the verb of saying that governs a quotation, and
its subject.

For a quotation, the tokens inside it whose head lies outside are its attachment points;
walking up from them, the first verb of saying, writing, characterising or thinking
(``verbs.SPEECH``) is its cue — "X said «…»", "«…», X said", "X called them «whingers»",
"X urged the board to «act first»", "X suspects it «discouraged» Chile" — and the
speaker is that verb's subject: directly, through a conjunction, a participle ("…, saying
«…»"), a relative clause ("the senator, who said «…»"), object control ("inspired X to urge
…"), an agent ("was described by X as"), a statement noun ("X's documents say", "a
statement by X read"), a pronoun, a description or a group of unnamed people (``resolve``).
A passive "is said to" attributes nothing. A subject that is a thing ("the story", "the
report") hands over to the next verb of saying up the tree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clauses import (according_object, appos_outside, cue_text, in_parentheses, in_quote, is_passive,
                      preceding_verb, previous_statement_noun, their_claim)
from .resolve import Pick, Resolver
from .verbs import COMMUNICATION, description_class, verb_lemma

MAX_HOPS = 10
_QUANT = {"one", "some", "many", "all", "members", "each", "most", "none", "both"}
_REL = {"who", "that", "which", "whom"}


@dataclass
class Syn:
    speaker: str | None
    cue: str | None
    evidence: list[str]
    confidence: float
    candidates: list = field(default_factory=list)
    nobody: bool = False  # decided: nobody said these words ("is said to", an aside in parentheses)


def attribute(doc, p: int, parts, res: Resolver, masked_of) -> Syn | None:
    """The speaker of the quotation ``parts`` (spans of paragraph ``p``) from the parse."""
    if doc is None:
        return None
    inside = [t for t in doc if in_quote(t, parts)]
    if not inside:
        return None
    if in_parentheses(res.paragraphs[p], parts):
        return Syn(None, None, ["inside parentheses: an aside, a cross-reference or a title"], 0.7, nobody=True)
    seen = set()
    # verbs of saying outside the quotation that hang from a word inside it: “…,” he said, “…”
    starts = []
    for t in inside:
        for c in t.children:
            if not in_quote(c, parts) and verb_lemma(c.text) and c.tag_.startswith("VB") \
                    and c.dep_ in ("parataxis", "advcl", "ccomp", "conj", "dep"):
                starts.append((c, 0))
        if not in_quote(t.head, parts) and t.head.i != t.i:
            acc = according_object(t, parts)
            if acc is not None:
                starts.append((acc, 0))
            starts.append((t.head, 1))
        elif t.head.i == t.i and t.dep_ == "ROOT":
            for c in t.children:
                if not in_quote(c, parts) and verb_lemma(c.text) and c.tag_.startswith("VB"):
                    starts.append((c, 0))
    tried = []
    for start, hops0 in starts:
        node, hops = start, hops0
        while node is not None and hops <= MAX_HOPS:
            if node.i in seen:
                break
            seen.add(node.i)
            if not node.tag_.startswith("VB") and node.dep_ == "pobj" and node.head.dep_ == "prep" \
                    and node.head.head.text.lower() == "according":
                tried.append((node, hops))
                break
            if node.tag_.startswith("NN") and node.text.lower() in COMMUNICATION and not in_quote(node, parts) \
                    and any(c.dep_ == "poss" for c in node.children):
                tried.append((node, hops))  # "her claims that she was «badly treated»"
                break
            lemma = verb_lemma(node.text) if node.tag_.startswith("VB") and not in_quote(node, parts) else None
            acc = according_object(node, parts)
            if acc is not None and not lemma:
                tried.append((acc, hops - 0.5))
                break
            if lemma:
                tried.append((node, hops))
                break
            if node.head.i == node.i:
                break
            node, hops = node.head, hops + 1
    if not tried:
        pre = preceding_verb(doc, parts)
        if pre is not None:
            tried.append((pre, 2))
    tried.sort(key=lambda x: x[1])
    for verb, hops in tried:
        out = _from_verb(verb, hops, doc, p, parts, res, masked_of, set())
        if out is not None:
            return out
    return _statement_subject(inside, doc, p, parts, res, masked_of)


def _statement_subject(inside, doc, p, parts, res, masked_of) -> Syn | None:
    """No verb of saying above the quotation: "X's bottom line was: «…»", "Her yearbook
    quote offers words to «…»": the author of the statement noun that is the subject."""
    for t in inside:
        if in_quote(t.head, parts) and t.head.i != t.i:
            continue
        for node in [t, *t.ancestors]:
            if in_quote(node, parts):
                continue
            if node.text.lower() in COMMUNICATION and node.tag_.startswith("NN"):
                pick = resolve_subject(node, doc, p, parts, res, masked_of)
                if pick not in (None, "thing"):
                    return Syn(pick.actor, None, [f"the quotation is the '{node.text}' of the speaker"] + pick.reasons,
                               round(min(pick.confidence, 0.8) - 0.1, 3), pick.candidates)
            for c in node.children:
                if c.dep_ == "nsubj" and c.text.lower() in COMMUNICATION and not in_quote(c, parts):
                    pick = resolve_subject(c, doc, p, parts, res, masked_of)
                    if pick not in (None, "thing"):
                        return Syn(pick.actor, None, [f"the quotation is '{c.text}' of the speaker"] + pick.reasons,
                                   round(min(pick.confidence, 0.8) - 0.1, 3), pick.candidates)
        break
    return None


def _from_verb(verb, hops, doc, p, parts, res, masked_of, visited) -> Syn | None:
    if verb.i in visited:
        return None
    visited.add(verb.i)
    if not verb.tag_.startswith("VB") and verb.text.lower() in COMMUNICATION:
        pick = resolve_subject(verb, doc, p, parts, res, masked_of)
        if pick in (None, "thing") or pick.confidence < 0.5:
            return Syn(None, None, [f"in the '{verb.text}' of someone the article does not name"], 0.5,
                       [] if pick in (None, "thing") else pick.candidates, nobody=True)
        return Syn(pick.actor, None, [f"the quotation is in the '{verb.text}' of the speaker"] + pick.reasons,
                   round(min(pick.confidence, 0.8), 3), pick.candidates)
    if not verb.tag_.startswith("VB"):  # the object of "according to"
        pick = resolve_subject(verb, doc, p, parts, res, masked_of)
        if pick in (None, "thing"):
            return Syn(None, "according to", [f"according to '{verb.text}': nobody the article names"], 0.6)
        return Syn(pick.actor, "according to", ["'according to' governs the quotation"] + pick.reasons,
                   round(min(pick.confidence, 0.9), 3), pick.candidates)
    cue = cue_text(verb)
    if verb_lemma(verb.text) in ("answer", "reply", "respond") and any(
            c.dep_ == "dobj" and not in_quote(c, parts) and (any(in_quote(g, parts) for g in c.subtree)
                                                          or c.i > verb.i and c.idx < parts[0].open)
            for c in verb.children):
        # "demand that voters answer the question: «…»": the question is not the answerer's
        return _up(verb, hops, doc, p, parts, res, masked_of, visited)
    claim = their_claim(verb, parts)
    if claim is not None:  # "X disputed her claims that she was «badly treated»": hers
        pick = _named(claim, p, res, masked_of)
        if pick is None or pick.confidence < 0.5:
            return Syn(None, cue, [f"the quotation is in the claims of '{claim.text}', whom the article does not name"],
                       0.5, pick.candidates if pick else [], nobody=True)
        return Syn(pick.actor, cue, [f"the quotation is in the claims of '{claim.text}'"] + pick.reasons,
                   round(min(pick.confidence, 0.8), 3), pick.candidates)
    raised = [c for c in verb.children if c.dep_ == "xcomp" and verb_lemma(c.text)]
    if is_passive(verb) and raised:  # "X is said to have told …": X
        subs = [c for c in verb.children if c.dep_ == "nsubjpass"]
        pick = resolve_subject(subs[0], doc, p, parts, res, masked_of) if subs else None
        if pick not in (None, "thing"):
            return Syn(pick.actor, cue_text(raised[0]), [f"subject of '{cue} to {raised[0].text}'"] + pick.reasons,
                       round(pick.confidence - 0.15, 3), pick.candidates)
    if is_passive(verb) and not any(c.dep_ == "agent" for c in verb.children):
        if verb_lemma(verb.text) == "say" or verb.text.lower() in ("reported", "understood"):
            return Syn(None, cue, [f"passive '{cue}': reported speech of nobody named"], 0.7, nobody=True)
    subj = _subject(verb, parts)
    how = f"subject of '{cue}'"
    if subj is None:
        return _up(verb, hops, doc, p, parts, res, masked_of, visited)
    pick = resolve_subject(subj, doc, p, parts, res, masked_of)
    if pick == "thing":
        return _up(verb, hops, doc, p, parts, res, masked_of, visited)
    if pick is None:
        return Syn(None, cue, [f"{how}: '{subj.text}' is nobody the article names"], 0.6)
    conf = pick.confidence - (0.1 if hops > 3 else 0.0)
    ev = [f"{how}" + (" governing the quotation" if hops <= 1 else f" ({hops} steps up the parse)")] + pick.reasons
    if pick.confidence < 0.5:
        return Syn(None, cue, ev + ["several candidates alike: left for an editor"], pick.confidence, pick.candidates)
    return Syn(pick.actor, cue, ev, round(conf, 3), pick.candidates)


def _up(verb, hops, doc, p, parts, res, masked_of, visited) -> Syn | None:
    """No usable subject: the verb of saying that heads the sentence ("That X did it signals
    a «…», says Y"), else the next one further up ("the story quoted …")."""
    root = verb
    while root.head.i != root.i:
        root = root.head
    if root.i != verb.i and root.tag_.startswith("VB") and verb_lemma(root.text) and not in_quote(root, parts):
        return _from_verb(root, hops + 1, doc, p, parts, res, masked_of, visited)
    node, h = verb.head, hops + 1
    while node.i != verb.i and h <= MAX_HOPS:
        if node.tag_.startswith("VB") and verb_lemma(node.text) and not in_quote(node, parts):
            return _from_verb(node, h, doc, p, parts, res, masked_of, visited)
        if node.head.i == node.i:
            break
        node, h = node.head, h + 1
    return None


def _subject(verb, parts):
    """The token that names who does ``verb``, following the clause structure up."""
    for moved in range(4):
        deps = ("nsubj", "csubj", "nsubjpass") if moved else ("nsubj", "csubj")
        subs = [c for c in verb.children if c.dep_ in deps and not in_quote(c, parts)
                or (c.dep_ == "nsubj" and in_quote(c, parts) and appos_outside(c, parts))]
        if subs:
            s = subs[0]
            if s.text.lower() in _REL and verb.dep_ == "relcl":
                return verb.head
            return s
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agents:
            return agents[0]
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
            return verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VB" and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "X had the courage to demand …": X
            continue
        if verb.dep_ == "xcomp":
            objs = [c for c in verb.head.children if c.dep_ == "dobj"]
            if objs:
                return objs[0]
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def resolve_subject(subj, doc, p, parts, res: Resolver, masked_of):
    """Pick, None (a person or group the article does not name) or "thing"."""
    if subj.tag_ in ("JJ", "NN") and re.search(r"\d{1,3}-year-old$", res.paragraphs[p][subj.left_edge.idx:subj.idx + len(subj.text)]):
        return res.description(subj, p, masked_of)  # "said the 36-year-old"
    if in_quote(subj, parts):
        for c in subj.children:
            if c.dep_ == "appos" and not in_quote(c, parts):
                return resolve_subject(c, doc, p, parts, res, masked_of)
        return "thing"
    m = res.mention_of(p, subj)
    if m is not None:
        return Pick(m.actor, 1.0, [f"'{m.text}' names the speaker"], confidence=0.95)
    low = subj.text.lower()
    if subj.tag_ == "PRP":
        if low == "it":
            thing = previous_statement_noun(subj)
            if thing is not None:  # "Her yearbook quote gives … It suggests «…»": its author
                got = resolve_subject(thing, doc, p, parts, res, masked_of)
                if got not in (None, "thing"):
                    got.reasons = [f"'it' is the '{thing.text}' of the sentence before"] + got.reasons
                    return got
        if low in ("he", "she", "they", "it"):
            return res.pronoun(low, p, subj.idx, masked_of)
        return None  # I, we, you: the writer or a quoted voice
    # "the mayor's rival in Leeds, Priya Raman, said": a name in apposition
    for c in subj.children:
        if c.dep_ == "appos":
            m = res.mention_of(p, c)
            if m is not None:
                return Pick(m.actor, 1.0, [f"'{m.text}' names the speaker (apposition)"], confidence=0.9)
            for g in c.children:
                if g.dep_ == "appos" and res.mention_of(p, g) is not None:
                    m = res.mention_of(p, g)
                    return Pick(m.actor, 1.0, [f"'{m.text}' names the speaker (apposition)"], confidence=0.9)
    # "one of the officials", "members of the caucus"
    if low in _QUANT:
        for c in subj.children:
            if c.dep_ == "prep" and c.text.lower() == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        got = resolve_subject(g, doc, p, parts, res, masked_of)
                        if got not in (None, "thing"):
                            return got
    # "all 21 members of the caucus demanded": the body speaks
    if low == "members":
        for c in list(subj.children) + [g for c in subj.children if c.dep_ == "prep" for g in c.children]:
            m = res.mention_of(p, c) if c.dep_ in ("compound", "pobj") else None
            if m is not None and m.type == "organization":
                return Pick(m.actor, 0.9, [f"members of '{m.text}' speak for it"], confidence=0.8)
    # a statement noun: "X's budget documents say", "a statement by X read", "a reply from X"
    if low in COMMUNICATION:
        for c in subj.children:
            if c.dep_ == "poss" or c.dep_ == "compound":
                got = _named(c, p, res, masked_of)
                if got is not None:
                    return got
            if c.dep_ == "prep" and c.text.lower() in ("by", "from", "of"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        got = resolve_subject(g, doc, p, parts, res, masked_of)
                        if got not in (None, "thing"):
                            return got
        if any(c.dep_ == "det" and c.text.lower() in ("the", "this", "that") for c in subj.children):
            got = res.statement_author(subj, p)
            if got is not None:
                return got
        return "thing"
    compound = [c for c in subj.children if c.dep_ in ("compound", "poss", "nmod")]
    for c in compound:
        m = res.mention_of(p, c)
        if m is not None and m.type in ("organization", "country") and description_class(low) == "person":
            # "a Vexmo representative", "a White House spokesman": speaks for the organization,
            # but is not it; only an actor of its own may be the speaker
            break
    group = res.group(subj, p)
    if group is not None:
        return group
    if description_class(low) is not None and any(c.dep_ == "det" and c.text.lower() in ("the", "this", "that")
                                                for c in subj.children):
        return res.description(subj, p, masked_of)
    if description_class(low) is not None and any(c.dep_ == "det" and c.text.lower() in ("a", "an")
                                                for c in subj.children):
        return res.introduced_after(subj, p)  # "an expert has claimed" … "Commentator Jo Bloggs said"
    if description_class(low) is not None:
        return None
    if subj.tag_.startswith("NNP"):
        return res.by_name_word(subj)  # a surname the actors stage did not link, else nobody
    return "thing"


def _named(tok, p, res: Resolver, masked_of) -> Pick | None:
    m = res.mention_of(p, tok)
    if m is not None:
        return Pick(m.actor, 0.9, [f"'{m.text}' issued it"], confidence=0.85)
    if tok.tag_ == "PRP$" and tok.text.lower() in ("his", "her", "their", "its"):
        word = {"his": "he", "her": "she", "their": "they", "its": "it"}[tok.text.lower()]
        return res.pronoun(word, p, tok.idx, masked_of)
    return None
