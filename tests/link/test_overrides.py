"""Editorial overrides: content/actors/<slug>.md loaded, validated and applied to a linked Site."""
from __future__ import annotations

import pytest

from briefing.link.site import link
from briefing.model import Actor, Document, Extraction, Mention, Quote, QuotePart, Role
from briefing.link.overrides import OverrideError, apply_overrides, load_overrides


def _site():
    doc = Document(source="a.txt", title="Talks in Vilnius", paragraphs=["Olaf Scholz met Scholz."])
    actors = [
        Actor(id="olaf-scholz", name="Olaf Scholz", type="person", aliases=["Scholz"],
              roles=[Role("German Chancellor", "German Chancellor Olaf Scholz said.", 0)],
              mentions=[Mention(0, 0, 11, "Olaf Scholz")], first_paragraph=0),
        Actor(id="o-scholz", name="O. Scholz", type="person", mentions=[Mention(0, 16, 22, "Scholz")], first_paragraph=0),
        Actor(id="last", name="Last", type="organization", mentions=[Mention(0, 0, 4, "Last")], first_paragraph=0),
        Actor(id="vilnius", name="Vilnius", type="organization", first_paragraph=0),
    ]
    quotes = [Quote(id="q1", parts=[QuotePart(0, 0, 3, "Ola")], speaker="o-scholz", cue="said")]
    return link([Extraction(document=doc, slug="talks-in-vilnius", actors=actors, quotes=quotes)])


def _write(tmp_path, name, text):
    d = tmp_path / "content" / "actors"
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return tmp_path / "content"


def test_missing_dir_is_no_overrides(tmp_path):
    assert load_overrides(tmp_path / "nope") == {}


def test_rename_retype_aliases_roles_bio(tmp_path):
    content = _write(tmp_path, "vilnius.md", "---\nname: Vilnius City\ntype: place\naliases: [Wilno]\n"
                     "roles: ['host city']\n---\nCapital of *Lithuania*. <script>x</script>\n")
    ov = load_overrides(content)
    site = _site()
    apply_overrides(site, ov)
    sa = site.actors["vilnius"]
    assert (sa.name, sa.type) == ("Vilnius City", "place")
    assert "Wilno" in sa.aliases and "Vilnius" in sa.aliases
    assert ("host city", "") in sa.roles
    assert "<em>Lithuania</em>" in sa.bio_html
    assert "<script>" not in sa.bio_html and "&lt;script&gt;" in sa.bio_html


def test_hide_marks_actor_hidden(tmp_path):
    site = _site()
    apply_overrides(site, load_overrides(_write(tmp_path, "last.md", "---\nhide: true\n---\n")))
    assert site.actors["last"].hidden
    assert "last" not in [a.id for a in site.visible_actors()]
    assert not site.actors["olaf-scholz"].hidden


def test_merge_into_moves_everything(tmp_path):
    site = _site()
    apply_overrides(site, load_overrides(_write(tmp_path, "o-scholz.md", "---\nmerge_into: olaf-scholz\n---\n")))
    assert "o-scholz" not in site.actors
    target = site.actors["olaf-scholz"]
    assert "O. Scholz" in target.aliases
    assert target.mentions == 2
    assert [q.id for _, q in target.quotes] == ["q1"]
    assert target.mentions_by_briefing == {"talks-in-vilnius": 2}
    assert site.briefings[0].actor_ids["o-scholz"] == "olaf-scholz"


def test_override_for_absent_actor_is_ignored(tmp_path):
    site = _site()
    apply_overrides(site, load_overrides(_write(tmp_path, "nobody.md", "---\nname: X\n---\n")))
    assert "nobody" not in site.actors


@pytest.mark.parametrize("text, problem", [
    ("---\nnmae: X\n---\n", "unknown field 'nmae'"),
    ("---\nname: [unclosed\n---\n", "bad YAML"),
    ("---\ntype: robot\n---\n", "unknown type 'robot'"),
    ("---\nhide: maybe\n---\n", "'hide' must be true or false"),
    ("---\naliases: 3\n---\n", "'aliases' must be a list"),
    ("---\n- a\n- b\n---\n", "must be a mapping"),
    ("---\nname: X\n", "not closed"),
    ("---\nmerge_into: o-scholz\n---\n", "names the actor itself"),
])
def test_bad_files_give_one_line_naming_the_file(tmp_path, text, problem):
    content = _write(tmp_path, "o-scholz.md", text)
    with pytest.raises(OverrideError) as e:
        load_overrides(content)
    msg = str(e.value)
    assert msg.startswith("content/actors/o-scholz.md: ")
    assert problem in msg and "\n" not in msg


def test_unknown_merge_target_names_the_file(tmp_path):
    content = _write(tmp_path, "o-scholz.md", "---\nmerge_into: angela-merkel\n---\n")
    with pytest.raises(OverrideError) as e:
        apply_overrides(_site(), load_overrides(content))
    assert str(e.value) == "content/actors/o-scholz.md: unknown merge_into target 'angela-merkel' (no such actor)"


def test_merge_cycle_is_an_error(tmp_path):
    _write(tmp_path, "o-scholz.md", "---\nmerge_into: last\n---\n")
    content = _write(tmp_path, "last.md", "---\nmerge_into: o-scholz\n---\n")
    with pytest.raises(OverrideError, match="cycle"):
        apply_overrides(_site(), load_overrides(content))


def test_bad_file_name(tmp_path):
    content = _write(tmp_path, "Olaf Scholz.md", "hi")
    with pytest.raises(OverrideError, match="file name must be an actor slug"):
        load_overrides(content)
