"""html_figures: which element is the caption, and what of a credit line is the credit."""
from __future__ import annotations

from bs4 import BeautifulSoup

from briefing.read.html_figures import read_figure


def test_caption_is_the_element_with_text_not_a_class_that_negates_it():
    fig = BeautifulSoup("<div class='photo'><p class='withoutCaption'><img src='a.jpg'></p><span class='newsCaption'>"
                        "The pier at dusk <span class='caption'>(Image: Getty)</span></span></div>", "lxml").div
    f = read_figure(fig)
    assert (f.caption, f.credit) == ("The pier at dusk", "Getty")


def test_caption_line_that_is_a_credit_becomes_the_credit():
    fig = BeautifulSoup("<figure><img src='a.jpg'><figcaption>(Image credit: Jo Marsh)</figcaption></figure>",
                        "lxml").figure
    f = read_figure(fig)
    assert (f.caption, f.credit) == ("", "Jo Marsh")
