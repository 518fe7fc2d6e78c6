"""Figures of a saved article page (for parse_html): the caption and the photo credit of a
``<figure>`` or of an image with its caption in a ``<div>``.

* the caption is the element whose class names a caption and that holds text (not the
  image's own wrapper, not a credit element); else the ``<figcaption>``;
* a credit element (class naming credit, copyright, photographer, source) is split off;
  otherwise a trailing credit the caption marks is ("… (Photo: Jane Roe/AP)", "… [Reuters]",
  "… Photograph: Jane Roe/AP", "… REUTERS/Jane Roe");
* labels and brackets around a credit ("(Image credit: …)", "Credit: …") are not the credit.
"""
from __future__ import annotations

import re

from bs4 import Tag

from .html_clean import gone, has_media
from ..model import Figure
from ..text import normalize_ws

CREDIT_CLASS = re.compile(r"credit|copyright|attribution|photographer|image-?source|source", re.I)
CREDIT_PATTERNS = (
    # "… (Photo: Jane Roe/Reuters)", "… (AFP via Getty Images)"
    re.compile(r"^(?P<caption>.*\S)\s*\((?P<credit>(?i:photo(?:graph)?s?|image|picture|illustration|"
               r"credit|foto)\s*(?::|by\b)[^()]*|[^()]*\b(?:Getty|AFP|Reuters|AP|EPA|Shutterstock|"
               r"Pool|via|PA|Wire|Alamy|Bloomberg|Handout|EPA-EFE|Xinhua|Sputnik|TASS)\b[^()]*)\)\s*$", re.S),
    # "… Photograph: Jane Roe/AP", "… Credit... Jane Roe for The Times", "… Photo by Jane Roe"
    re.compile(r"^(?P<caption>.*\S)\s+(?P<credit>(?:Photo(?:graph)?s?|PHOTO|Image|Picture|"
               r"Illustration|Video)\s*(?::|by\b)\s*\S.*|(?:Credit|CREDIT)\s*(?::|\.\.\.|…)\s*\S.*)$",
               re.S),
    # "… in June [File: AFP]", "… in Adre, Chad [Zohra Bensemra/Reuters]"
    re.compile(r"^(?P<caption>.*\S)\s*\[(?:(?i:file|photo|image|credit)\s*:\s*)?(?P<credit>[^\[\]]+)\]\s*$", re.S),
    # "… 2023. REUTERS/Jane Roe/File Photo"
    re.compile(r"^(?P<caption>.*\S)\s+(?P<credit>[A-Z]{2,}(?:/[A-Z][\w.'’ -]*)+)\s*$", re.S),
)
CREDIT_LABEL = re.compile(r"^\(?(?:(?:image|photo|picture|pic)\s+)?(?:credit|source)s?\s*(?::|\.\.\.|…|,)\s*|"
                          r"^\((?:image|picture|pic)s?\s*:\s*", re.I)  # "(Image: Getty)"; "Photograph: …" stays


def split_credit(caption: str) -> tuple[str, str | None]:
    """Split a trailing photo credit off a caption, when the caption marks it."""
    for pattern in CREDIT_PATTERNS:
        m = pattern.match(caption)
        if m and len(m.group("credit").split()) <= 16:
            credit = m.group("credit")
            if pattern is CREDIT_PATTERNS[0]:
                credit = "(" + credit  # (bracketed: a leading "Image:" label goes)
            return normalize_ws(m.group("caption")), _credit_text(credit)
    return caption, None


def _credit_text(text: str) -> str:
    """'(Image credit: Jane Roe)' → 'Jane Roe': the label and the brackets are not the credit."""
    text = normalize_ws(CREDIT_LABEL.sub("", normalize_ws(text).strip(" |–—-:·/")))
    if text.endswith(")") and "(" not in text:
        text = text[:-1].rstrip()
    if text.startswith("(") and ")" not in text:
        text = text[1:].lstrip()
    return text


def read_figure(fig: Tag) -> Figure | None:
    def classes(e: Tag) -> str:
        return " ".join(e.get("class") or []) + " " + (e.get("itemprop") or "")

    captions = [e for e in fig.find_all(True) if re.search("caption", classes(e), re.I)
                and not re.search("credit|copyright", classes(e), re.I)
                and not has_media(e) and e.get_text(strip=True)]  # (not "withoutCaption" around the image)
    cap_el = captions[0] if captions else fig.find("figcaption")
    credit = None
    credit_els = [e for e in fig.find_all(True) if CREDIT_CLASS.search(classes(e)) and e not in captions]
    for el in credit_els:
        if gone(el) or (cap_el is not None and el is cap_el):
            continue
        text = _credit_text(el.get_text(" "))
        if text:
            credit = text if credit is None else credit
        el.decompose()
    caption = normalize_ws(cap_el.get_text(" ")) if cap_el is not None else ""
    caption = re.sub(r"\s+([.,;:!?)\]])", r"\1", re.sub(r"([(\[])\s+", r"\1", caption))
    if caption and CREDIT_LABEL.match(caption):  # the caption line is a credit line
        caption, credit = ("", _credit_text(caption)) if credit is None else (_credit_text(caption), credit)
    if caption and credit is None:
        caption, credit = split_credit(caption)
    if not caption and not credit:
        return None
    if credit and caption.endswith(credit):
        caption = normalize_ws(caption[: -len(credit)])
    return Figure(caption=caption, credit=credit or None)


CAPTION_CLASS = re.compile(r"caption", re.I)


def figure_like(el: Tag) -> bool:
    """An image with its caption in a <div> (no <figure>): media, a caption, little text."""
    if el.name not in ("div", "span", "section", "p") or not has_media(el):
        return False
    if el.find("figcaption") is None and el.find(class_=CAPTION_CLASS) is None:
        return False
    return len(el.get_text(" ", strip=True)) < 600 and el.find(["h1", "h2", "h3", "figure"]) is None
