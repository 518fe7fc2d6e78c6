"""The saved-page reader on made-up pages, one per kind of page furniture that must go and
per kind of text that must stay, and the rules that ask other readers (html_vote)."""
from __future__ import annotations

from briefing.read.html import body_text, parse_html

HEADLINE = "Harbour authority closes northern pier after inspectors find cracks"
PARAS = [
    "The harbour authority said on Tuesday that the northern pier would close for at least three months "
    "after inspectors found cracks in two of the columns that hold up its outer end.",
    "Ferries that use the pier will move to the southern terminal from Monday, the authority said, and "
    "passengers were told to allow an extra twenty minutes for the walk from the station.",
    "“We cannot take any chances with a structure that carries thousands of people a day,” said Mara "
    "Lindqvist, the authority’s chief engineer, who led the inspection last week.",
    "The pier was rebuilt in 1987 after a storm destroyed most of the original timber deck, and it was last "
    "strengthened a decade ago when heavier vessels began to call at the port.",
    "Local businesses near the pier said they feared a quiet summer, and the town council said it would "
    "discuss a support fund for cafés and shops at its meeting on Thursday evening.",
    "Engineers expect to replace both columns and to check the remaining supports with underwater cameras "
    "before the pier reopens to foot passengers and vehicles in the autumn.",
]


def page(body: str, head: str = "", before: str = "") -> str:
    return (f"<html><head><title>{HEADLINE} | Coast Gazette</title>"
            f"<meta property='og:title' content='{HEADLINE}'>{head}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{HEADLINE}</h1>{before}<div class='body'>{body}</div></article>"
            f"<footer>© 2024 Coast Gazette</footer></body></html>")


def paras(items=PARAS) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def read(html: str):
    return parse_html(html, "page.html")


def assert_body_is_the_story(doc, extra=()):
    text = body_text(doc)
    for p in PARAS:
        assert p in doc.paragraphs, p
    for e in extra:
        assert e in text, e
    return text


# --- furniture that goes --------------------------------------------------------------

def test_related_links_block_goes():
    related = ("<div class='related-stories'><h3>Related</h3><ul>"
               "<li><a href='/a'>Council approves new ferry timetable for the summer season</a></li>"
               "<li><a href='/b'>Storm damage closes coastal road for a week</a></li></ul></div>")
    text = assert_body_is_the_story(read(page(paras(PARAS[:3]) + related + paras(PARAS[3:]))))
    assert "ferry timetable" not in text and "Storm damage" not in text


def test_teaser_cards_with_linked_headings_go_even_without_class_hints():
    card = ("<div class='card'><h2 class='title'><a href='/other-story'>Lighthouse keeper retires after forty "
            "years</a></h2><p>The last keeper of the headland light hands over the keys to an automatic "
            "system this week.</p><p><a href='/authors/jo'>Jo Marsh</a></p></div>")
    block = f"<section><h2>More from Coast Gazette</h2>{card}{card.replace('Lighthouse', 'Old lighthouse')}</section>"
    doc = read(page(paras() + block))
    text = assert_body_is_the_story(doc)
    assert "keeper" not in text and "More from" not in text


def test_linked_subhead_anchor_in_the_article_is_a_subhead_not_a_teaser():
    body = paras(PARAS[:3]) + "<h2><a href='#repairs'>What the repairs involve</a></h2>" + paras(PARAS[3:])
    assert "What the repairs involve" in read(page(body)).sections


def test_read_more_and_see_also_lines_go():
    body = (paras(PARAS[:2]) + "<p><strong>READ MORE:</strong> <a href='/x'>Ferry fares to rise in spring</a></p>"
            + paras(PARAS[2:4]) + "<p>See also: <a href='/y'>Our guide to the harbour</a></p>" + paras(PARAS[4:]))
    text = assert_body_is_the_story(read(page(body)))
    assert "Ferry fares" not in text and "guide to the harbour" not in text


def test_newsletter_box_and_share_bar_go():
    box = ("<div class='newsletter-signup'><h3>Morning briefing</h3><p>Get the day’s top stories from the "
           "coast delivered to your inbox every morning before breakfast.</p></div>")
    share = "<div class='share-bar'><a href='#'>Facebook</a> <a href='#'>Twitter</a> <a href='#'>Email</a></div>"
    text = assert_body_is_the_story(read(page(share + paras(PARAS[:3]) + box + paras(PARAS[3:]))))
    assert "inbox" not in text and "Facebook" not in text


def test_comment_prompt_and_appeals_go():
    body = (paras() + "<p>Join the conversation: what do you think about the pier closure?</p>"
            "<p>Add us as a preferred source on Google</p><p>Get breaking news on your phone. Join us on "
            "WhatsApp</p><p>Create an account or sign in to continue with your reading experience.</p>")
    text = assert_body_is_the_story(read(page(body)))
    for gone in ("conversation", "preferred source", "WhatsApp", "sign in"):
        assert gone not in text


def test_live_blog_furniture_goes():
    names = ["on ferries", "from the council", "on the columns", "on businesses", "on repairs", "on timing"]
    entries = "".join(
        f"<div class='entry' id='e{i}'><div class='entry-meta'><time datetime='2024-05-02T1{i}:00'>1{i}:00 BST</time>"
        f"</div><h3>Update {names[i]}</h3><p>{p}</p><div class='entry-footer'><a href='#e{i}'>Link copied</a>"
        f"<button>Share</button></div></div>" for i, p in enumerate(PARAS))
    key_events = ("<div class='key-events'><h2>Key events</h2><ul>"
                  + "".join(f"<li><a href='#e{i}'>1{i}:00 Update {names[i]}</a></li>" for i in range(6))
                  + "</ul><button>Show key events only</button></div>")
    body = (key_events + "<p>Please turn on JavaScript to see live updates.</p>" + entries
            + "<p>Pinned post</p><p>Show more</p><p>Load more</p><div><a href='?page=2'>Older posts</a></div>")
    doc = read(page(body))
    text = assert_body_is_the_story(doc)
    assert doc.sections == [f"Update {n}" for n in names]
    for gone in ("JavaScript", "Key events", "Pinned", "Show more", "Load more", "Older posts", "Link copied", "10:00"):
        assert gone not in text, gone


def test_cookie_text_goes():
    cookie = ("<div id='cookie-consent'><p>We use cookies to improve your experience of our website and to "
              "show you personalised advertising. You can change your settings at any time.</p></div>")
    text = assert_body_is_the_story(read(page(paras(), before=cookie)))
    assert "cookies" not in text


def test_hidden_utility_classes_are_not_read():
    gate = ("<div class='article-block hidden'><p>Enjoy unlimited access to every story on the coast "
            "and daily puzzles with one account for the whole family.</p></div>")
    text = assert_body_is_the_story(read(page(paras(PARAS[:3]) + gate + paras(PARAS[3:]))))
    assert "unlimited access" not in text


# --- text that stays ------------------------------------------------------------------

def test_standfirst_subheads_captions_and_embedded_quotes_stay():
    dek = "Ferries move to the southern terminal while two cracked columns are replaced"
    body = (paras(PARAS[:2]) + "<h2>Ferries move south.</h2>" + paras(PARAS[2:4])
            + "<figure><img src='p.jpg'><figcaption>The northern pier on Tuesday. (Photo: Jo Marsh/Coast "
              "Gazette)</figcaption></figure>"
            + "<figure><blockquote><p>We cannot take any chances with this structure.</p></blockquote>"
              "<figcaption><cite>Mara Lindqvist</cite></figcaption></figure>" + paras(PARAS[4:]))
    doc = read(page(body, before=f"<p class='standfirst'>{dek}</p>"))
    assert_body_is_the_story(doc)
    assert doc.standfirst == dek
    assert "Ferries move south." in doc.sections  # a subhead written as a sentence is still a subhead
    assert [(f.caption, f.credit) for f in doc.figures] == [("The northern pier on Tuesday.", "Photo: Jo Marsh/Coast Gazette")]
    assert "We cannot take any chances with this structure." in doc.paragraphs


def test_declared_summary_inside_a_byline_box_is_the_standfirst():
    dek = "A big repair job, but the ferries keep running"
    byline = f"<div class='byline-social'><a href='/authors/jo'>Jo Marsh</a><p class='strapline'>{dek}</p></div>"
    doc = read(page(paras(), head=f"<meta name='description' content='{dek}'>", before=byline))
    assert doc.standfirst == dek
    assert_body_is_the_story(doc)


# --- rules in doubt, settled by other readers --------------------------------------------

def test_sentence_mostly_of_link_text_stays_when_other_readers_keep_it():
    linked = ("It also <a href='/plans'>co-ordinates repair plans with the port and carries out joint safety "
              "drills with the coastguard</a>.")
    doc = read(page(paras(PARAS[:3]) + f"<p>{linked}</p>" + paras(PARAS[3:])))
    assert any(p.startswith("It also co-ordinates repair plans") for p in doc.paragraphs)


def test_list_of_links_goes_although_it_is_link_dense_text():
    links = "<p><a href='/a'>Harbour news</a> | <a href='/b'>Ferry times</a> | <a href='/c'>Weather</a></p>"
    text = assert_body_is_the_story(read(page(paras(PARAS[:3]) + links + paras(PARAS[3:]))))
    assert "Ferry times" not in text


def test_running_text_in_a_container_named_widget_stays_when_other_readers_keep_it():
    widget = "<div class='article-widget article-widget-text'>{}</div>"
    body = widget.format(paras(PARAS[:2])) + "<div class='article-widget-image'><img src='x.jpg'></div>" + \
        widget.format(paras(PARAS[2:]))
    assert_body_is_the_story(read(page(body)))


def test_live_blog_title_is_the_shared_headline():
    ld = ('<script type="application/ld+json">{"@type": "LiveBlogPosting", "headline": "Pier LIVE: latest '
          'updates as repairs begin"}</script>')
    html = page(paras(), head=ld).replace(f"<h1>{HEADLINE}</h1>", "<h1>Pier LIVE: latest updates as repairs begin</h1>")
    doc = read(html)
    assert doc.title == HEADLINE
    assert_body_is_the_story(doc)


# --- pages that are not articles: one clear SeedError line, no briefing --------------------

def test_index_page_of_headline_links_is_not_an_article():
    import pytest
    from briefing.read.dispatch import SeedError, parse_text

    items = "".join(f"<li><a href='/s{i}'>Headline number {i} about the harbour and the ferries</a></li>"
                    for i in range(20))
    html = f"<html><head><title>Home | Coast Gazette</title></head><body><h1>Coast Gazette</h1><ul>{items}</ul></body></html>"
    with pytest.raises(SeedError, match="no body text") as err:
        parse_text(html, "index.html", ".html")
    assert "\n" not in str(err.value)


def test_page_of_scripts_and_empty_page_are_not_articles():
    import pytest
    from briefing.read.dispatch import SeedError, parse_text

    for html in ("<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>", " "):
        with pytest.raises(SeedError) as err:
            parse_text(html, "page.html", ".html")
        assert "\n" not in str(err.value)


# --- rules that need no class names ----------------------------------------------------------

def test_subscription_box_goes_by_its_appeal_without_class_names():
    box = ("<div><div>THIS CONTENT IS RESERVED FOR SUBSCRIBERS</div><ul><li>Unlimited access to every story.</li>"
           "<li>Daily puzzles and the weekend edition.</li></ul><p>Don't have an account? Create Account</p></div>")
    text = assert_body_is_the_story(read(page(paras(PARAS[:3]) + box + paras(PARAS[3:]))))
    assert "puzzles" not in text and "Unlimited" not in text


def test_heading_left_without_content_goes():
    cards = "".join(f"<div><h3><a href='/s{i}'>Another story number {i}</a></h3></div>" for i in range(4))
    body = paras(PARAS[:3]) + f"<h2>Popular</h2>{cards}<h2>The repairs</h2>" + paras(PARAS[3:])
    doc = read(page(body))
    assert doc.sections == ["The repairs"]
    assert_body_is_the_story(doc)


def test_author_bio_goes_however_long():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jo Marsh"}}</script>'
    bio = ("Jo Marsh is a senior correspondent for the Coast Gazette. She has covered the harbour, the ferries "
           "and the fishing fleet for twenty years, and before that reported on local politics for a regional "
           "radio station, where she presented the morning news programme and a weekly phone-in on transport.")
    doc = read(page(paras() + f"<p>{bio}</p>", head=ld))
    assert doc.contributors == ["Jo Marsh"]
    assert "senior correspondent" not in body_text(doc)
    assert_body_is_the_story(doc)


def test_news_about_membership_is_not_an_appeal():
    news = ("Finland has long opposed the idea of Norway becoming a member of the customs union, fearing it "
            "would draw fishing quotas into the talks.")
    doc = read(page(paras(PARAS[:3]) + f"<p>{news}</p>" + paras(PARAS[3:])))
    assert news in doc.paragraphs


def test_running_text_in_blocks_named_widget_is_read():
    widget = "<div class='widget widget-text'>{}</div>"
    body = widget.format(paras(PARAS[:3])) + "<div class='widget widget-image'><figure><img src='a.jpg'><figcaption>The " \
        "pier from the south. (Photo: Jo Marsh)</figcaption></figure></div>" + widget.format(paras(PARAS[3:]))
    doc = read(page(body))
    assert_body_is_the_story(doc)
    assert [f.caption for f in doc.figures] == ["The pier from the south."]


def test_article_as_main_entity_of_a_web_page_gives_authors_and_masthead():
    ld = ('<script type="application/ld+json">{"@type": "WebPage", "mainEntity": {"@type": "NewsArticle", '
          '"headline": "' + HEADLINE + '", "datePublished": "2024-05-02", "author": [{"@type": "Person", "name": '
          '"Jo Marsh"}, {"@type": "Person", "name": "Ann Lee"}], "publisher": {"@type": "Organization", "name": '
          '"Coast Gazette Media Group"}}}</script><meta property="og:site_name" content="Coast Gazette">')
    doc = read(page(paras(), head=ld, before="<ul><li class='author'>Jo Marsh<sup>1</sup></li></ul>"))
    assert doc.contributors == ["Jo Marsh", "Ann Lee"]
    assert doc.publisher == "Coast Gazette"
    assert doc.published.startswith("2024-05-02")


def test_affiliation_markers_are_not_part_of_a_visible_byline():
    doc = read(page(paras(), before="<p class='byline'>Jo Marsh<sup>2</sup></p>"))
    assert doc.contributors == ["Jo Marsh"]


def _ld_body(text: str) -> str:
    import json

    return ('<script type="application/ld+json">' + json.dumps({"@type": "NewsArticle", "headline": HEADLINE,
                                                                 "articleBody": text}) + "</script>")


def test_page_showing_part_of_the_article_is_completed_from_its_jsonld_body():
    fold = "<div class='paywall'><p>Subscribe now to keep reading this story.</p></div>"
    doc = read(page(paras(PARAS[:2]) + fold, head=_ld_body("\n".join(PARAS))))
    assert_body_is_the_story(doc)
    assert doc.paragraphs[:2] == PARAS[:2]  # the page's own paragraphs first, in order
    assert not any("Subscribe" in p for p in doc.paragraphs)


def test_jsonld_body_without_line_breaks_is_cut_into_paragraphs():
    doc = read(page(paras(PARAS[:2]), head=_ld_body(" ".join(PARAS))))
    text = body_text(doc)
    assert all(p in text or p in " ".join(doc.paragraphs) for p in PARAS[2:])
    assert max(len(p) for p in doc.paragraphs) < 1000


def test_jsonld_body_of_another_text_is_not_added():
    other = " ".join(f"Completely unrelated filler sentence number {i} about gardening and roses." for i in range(40))
    doc = read(page(paras(PARAS[:4]), head=_ld_body(other)))
    assert "gardening" not in body_text(doc)


def test_comment_thread_longer_than_the_article_goes():
    comment = ("<li class='comment'><div class='comment-author'>reader{0}</div><div class='comment-body'><p>I have "
               "lived near the harbour for {0} years and I think the authority should have acted much sooner, because "
               "the cracks were visible from the beach for anyone who cared to look at the columns at low tide.</p>"
               "</div></li>")
    thread = "<section id='comments'><h2>14 Comments</h2><ol>" + "".join(comment.format(i) for i in range(14)) + "</ol></section>"
    doc = read(page(paras()).replace("</article>", "</article>" + thread))
    text = assert_body_is_the_story(doc)
    assert "lived near the harbour" not in text and "Comments" not in text


def test_sentence_that_is_one_link_stays_and_linked_headlines_go():
    sentence = "<p><a href='/next-part'>The inspection report isn’t finished yet</a>.</p>"
    headlines = "<p><a href='/a'>Storm closes coastal road for a week</a></p><p><a href='/b'>Why the ferries are late again?</a></p>"
    doc = read(page(paras(PARAS[:3]) + sentence + headlines + paras(PARAS[3:])))
    assert "The inspection report isn’t finished yet." in doc.paragraphs
    text = body_text(doc)
    assert "Storm closes" not in text and "ferries are late" not in text


def test_index_page_of_teaser_cards_is_not_an_article():
    import pytest
    from briefing.read.dispatch import SeedError, parse_text

    cards = "".join(f"<div><h3><a href='/s{i}'>Headline number {i} about the harbour</a></h3><p>A short summary of "
                    f"story {i}, which tells the reader what happened at the harbour on Tuesday and why it matters.</p>"
                    f"</div>" for i in range(12))
    html = f"<html><head><title>News | Coast Gazette</title></head><body><h1>Latest news</h1>{cards}</body></html>"
    with pytest.raises(SeedError, match="no body text"):
        parse_text(html, "index.html", ".html")


def test_page_rendered_by_scripts_is_read_from_its_jsonld_body_paragraph_by_paragraph():
    html = (f"<html><head><title>{HEADLINE}</title>{_ld_body(chr(10).join(PARAS))}</head><body><div id='root'></div>"
            "<script>render()</script></body></html>")
    doc = read(html)
    assert doc.paragraphs == PARAS


def test_long_tail_no_other_reader_keeps_goes_under_unfamiliar_markup():
    comment = ("<div><div>reader{0}</div><div><p>I have lived near the harbour for {0} years and I think the authority "
               "should have acted much sooner, because the cracks were visible from the beach at low tide.</p></div></div>")
    tail = "<div><h2>Reader views</h2>" + "".join(comment.format(i) for i in range(14)) + "</div>"
    doc = read(page(paras()).replace("</article>", "</article>" + tail))
    assert doc.paragraphs == PARAS
    assert doc.sections == []
