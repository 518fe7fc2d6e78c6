"""Other readers as voters (html_vote): trigram agreement, the JSON-LD body, no voters."""
from __future__ import annotations

from briefing.read.html_vote import Voter, Votes, shingles, words

PROSE = ("The harbour authority said on Tuesday that the northern pier would close for repairs "
         "after inspectors found cracks in two of its supporting columns. ")


def test_words_fold_case_and_curly_quotes():
    assert words("“Don’t” SAID she") == ["don", "t", "said", "she"]
    assert words("Don’t") == words("don't") == ["don", "t"]


def test_shingles_are_word_trigrams_and_short_texts_are_one_shingle():
    assert shingles(["a", "b", "c", "d"]) == {("a", "b", "c"), ("b", "c", "d")}
    assert shingles(["a", "b"]) == {("a", "b")}
    assert shingles([]) == set()


def test_share_counts_trigrams_in_any_paragraph_order():
    v = Voter("x", "Second paragraph here.\n" + PROSE)
    assert v.share(PROSE) == 1.0
    half = PROSE.split()[:8]
    assert v.share(" ".join(half) + " entirely different words follow in this sentence now") < 0.6
    assert v.share("") == 0.0


def test_same_words_in_another_order_are_not_agreement():
    v = Voter("x", PROSE)
    scrambled = " ".join(reversed(PROSE.split()))
    assert v.word_share(scrambled) == 1.0
    assert v.share(scrambled) < 0.2


def test_short_lines_match_whole():
    v = Voter("x", "Related\nThe pier\n" + PROSE)
    assert v.share("The pier") == 1.0
    assert v.share("Pier closed") == 0.0


def test_votes_without_a_readable_page_confirm_nothing():
    votes = Votes("<html><body></body></html>")
    assert votes.voters == [] and not votes.confirmed(PROSE)


def test_jsonld_body_is_a_voter_when_long_enough():
    body = (PROSE * 6).replace("&", "&amp;")
    votes = Votes("<html><body></body></html>", article_body=body)
    assert [v.name for v in votes.voters] == ["jsonld"]
    assert votes.confirmed(PROSE)
    assert Votes("<html><body></body></html>", article_body="Too short to vote.").voters == []


def test_missing_pieces_are_the_lines_or_sentences_the_reader_lacks():
    from briefing.read.html_vote import missing_pieces

    a = "The first sentence of the story is about the pier and its columns."
    b = "The second sentence says that the ferries will move to the south."
    c = "A third sentence tells how long the repairs are expected to take."
    have = Voter("ours", a)
    assert missing_pieces(f"{a}\n{b}\n{c}", have) == [b, c]
    assert missing_pieces(f"{a} {b} {c}", have, most=150) == [f"{b} {c}"]  # one long line: by sentence
