"""Gate: no text from a seed reaches a page unescaped.

The real site must pass the static escaping gate; a site built from hostile seeds (markup,
event handlers, javascript: URLs, JSON-LD breakouts, template syntax in every field) must
pass it too, and the browser's own parser (CSP switched off) must find nothing to run."""
from __future__ import annotations

import pytest
from conftest import SEEDS, build, copy_site
from gatelib import check_csp, check_links, html_pages, soup_of
from gatelib_escaping import check_escaping

HOSTILE_TXT = """\
</script><script>alert(1)</script> Leaders <img src=x onerror=alert(2)> Meet in Vilnius – EVIL<script>alert(3)</script>

Olaf Scholz, the German chancellor, said on Tuesday that "<script>alert(4)</script> we will help Ukraine." <img src=x onerror=alert(5)> The NATO summit opened in Vilnius.

"We are ready {{ 7*7 }} {% raw %} to act," said Joe Biden, the U.S. president. <a href="javascript:alert(6)">click</a> and </p><p onclick=alert(7)>more.

"Nobody should doubt us </script><!-- <script>alert(8)</script>," a senior NATO diplomat said.

Mallory <b onmouseover=alert(9)>Evil</b> contributed to this report.
"""

HOSTILE_MD = """\
---
title: "<script>alert(10)</script> Markdown {{ config }} headline"
date: 2023-07-10
publisher: "<img src=x onerror=alert(11)>"
url: "javascript:alert(12)"
authors: ["<svg onload=alert(13)>"]
---

Paragraph with <script>alert(14)</script> raw HTML, a [link](javascript:alert(15)) and an image ![alt <b onclick=alert(16)>](javascript:alert(17) "credit <i onclick=alert(18)>").

<div onclick="alert(19)">Raw block <iframe srcdoc="<script>alert(20)</script>"></iframe></div>

"Quote </script><script>alert(21)</script> here," said Jens Stoltenberg, the NATO secretary-general.
"""

HOSTILE_HTML = """\
<!doctype html><html><head><title>t</title>
<meta property="og:title" content="&lt;/script&gt;&lt;script&gt;alert(22)&lt;/script&gt; HTML headline">
<meta property="article:published_time" content="2023-07-11T10:00:00Z">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "<\\/script><script>alert(23)<\\/script>"}</script>
</head><body><article><h1>&lt;/script&gt;&lt;script&gt;alert(22)&lt;/script&gt; HTML headline</h1>
<p>Para with a <a href="javascript:alert(24)">js link</a>, a <a href="data:text/html,&lt;script&gt;alert(25)&lt;/script&gt;">data link</a> and <img src="x" onerror="alert(26)"> an image, long enough to count as a paragraph of the article.</p>
<script>alert(27)</script>
<p onclick="alert(28)">"Quoted words &lt;script&gt;alert(29)&lt;/script&gt; here," said Antony Blinken, the U.S. secretary of state, in Vilnius on Tuesday.</p>
<figure><img src="javascript:alert(30)" alt="&lt;img src=x onerror=alert(31)&gt;"><figcaption>Caption &lt;svg onload=alert(32)&gt; | Credit</figcaption></figure>
</article></body></html>
"""

# an editorial override with markup in every field (the bio is Markdown with raw HTML)
HOSTILE_OVERRIDE = """\
---
name: "Joe <script>alert(33)</script> Biden"
aliases: ["<img src=x onerror=alert(34)>"]
roles: ["President </script><script>alert(35)</script>"]
---
A bio with <script>alert(36)</script>, <img src=x onerror=alert(37)>, a [link](javascript:alert(38))
and ![an image](data:text/html,alert(39)).
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = copy_site(tmp_path_factory.mktemp("hostile"), seeds=sorted(SEEDS.glob("*.txt"))[:1])
    (site / "seeds" / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (site / "seeds" / "hostile.md").write_text(HOSTILE_MD, encoding="utf-8")
    (site / "seeds" / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (site / "content" / "actors").mkdir(parents=True, exist_ok=True)
    (site / "content" / "actors" / "joe-biden.md").write_text(HOSTILE_OVERRIDE, encoding="utf-8")
    return build(site)


@pytest.mark.build
def test_real_site_has_nothing_unescaped(built_site):
    problems = check_escaping(built_site)
    assert not problems, "\n".join(problems)


@pytest.mark.build
def test_hostile_seeds_are_built_and_escaped(hostile_site):
    briefings = [p for p in html_pages(hostile_site) if p.parent.parent.name == "briefings"]
    assert len(briefings) == 4, f"every hostile seed becomes a briefing, got {len(briefings)}"
    problems = [p for p in check_escaping(hostile_site) if not p.startswith("feeds/")]  # feed: below
    problems += check_csp(hostile_site) + check_links(hostile_site)
    assert not problems, "\n".join(problems)
    # the hostile headlines are there, as text (escaped or sanitised, never executed)
    titles = " ".join(soup_of(p).find("h1").get_text() for p in briefings)
    assert "Leaders" in titles and "Markdown" in titles and "HTML headline" in titles
    biden = hostile_site / "actors" / "joe-biden" / "index.html"
    assert biden.is_file() and "Biden" in soup_of(biden).find("h1").get_text()


@pytest.mark.build
def test_hostile_text_in_the_feed_is_escaped_html(hostile_site):
    """<summary type="html"> is HTML to a feed reader: seed text must be HTML-escaped in it
    (markupsafe.escape before feedgenerator XML-escapes it once more)."""
    from gatelib_escaping import feed_problems

    feeds = sorted(hostile_site.glob("feeds/*.xml"))
    assert feeds, "no feed was built"
    problems = [p for f in feeds for p in feed_problems(hostile_site, f)]
    assert not problems, "\n".join(problems)


@pytest.mark.build
def test_json_ld_keeps_hostile_text_as_data(hostile_site):
    """A headline with </script> survives in JSON-LD as data (the element is not broken out of)."""
    import json

    found = []
    for page in html_pages(hostile_site):
        for s in soup_of(page).find_all("script", type="application/ld+json"):
            found.append(json.dumps(json.loads(s.string)))  # check_escaping: parses, no raw '<'
    assert found, "no JSON-LD in the hostile site"
    assert any("</script><script>alert(1)</script>" in f for f in found)


@pytest.mark.browser
def test_hostile_pages_run_nothing_in_a_browser(hostile_site):
    from gatelib_browser import check_injection

    from gatelib_browser import sample_pages

    pages = [rel for rel in sample_pages(hostile_site)  # the pages that carry hostile text
             if "alert(" in (hostile_site / rel).read_text(encoding="utf-8")]
    assert len(pages) >= 3
    problems = check_injection(hostile_site, pages)
    assert not problems, "\n".join(problems)


@pytest.mark.build
@pytest.mark.skipif(__import__("shutil").which("java") is None, reason="java is needed by the Nu HTML checker")
def test_hostile_site_is_still_valid_html(hostile_site):
    from gatelib import check_html_validity

    problems = check_html_validity(hostile_site)  # one vnu run over the hostile site
    assert not problems, "\n".join(problems)
