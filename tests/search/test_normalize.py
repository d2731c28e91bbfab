"""Folding for search: script, width, case and punctuation, with a map back to display text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.search.normalize import fold_char, has_cjk, normalize, normalize_with_map


def test_traditional_folds_to_simplified():
    """Traditional characters match the simplified article."""
    assert normalize("日美同盟的經濟化發展趨向") == "日美同盟的经济化发展趋向"


def test_width_and_case_fold():
    """Full-width digits and letters become ASCII; Latin case is ignored."""
    assert normalize("ＴＰＰ ２０１２年底") == "tpp2012年底"


def test_spaces_and_punctuation_are_dropped():
    """Quotes, dashes, spaces and Chinese punctuation never block a match."""
    assert normalize("“印太”战略，F-35 A。") == "印太战略f35a"
    assert normalize("结　　语") == "结语"


def test_fold_char_of_punctuation_is_empty():
    """A single punctuation mark folds to nothing."""
    assert fold_char("，") == ""
    assert fold_char("Ａ") == "a"


def test_map_points_each_folded_char_at_its_source():
    """Every folded character knows the display index it came from."""
    text = "日美同盟（GDP）“F-35A”战机 3.7万人。"
    folded, offsets = normalize_with_map(text)
    assert folded == normalize(text)
    assert [text[i] for i in offsets] == list("日美同盟GDPF35A战机37万人")


def test_map_handles_a_character_that_expands():
    """A ligature folding to two letters maps both letters to it (slow path)."""
    assert normalize_with_map("ﬁ日本") == ("fi日本", [0, 0, 1, 2])


def test_has_cjk():
    """Chinese characters are told apart from Latin and kana."""
    assert has_cjk("F-35战机")
    assert not has_cjk("Abe Trump") and not has_cjk("あべ")


ALPHABET = st.sampled_from(list("日美同盟經濟發展ＴＰＰabcABC０１２3.，。“”—　 ·（）ﬁ①"))


@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_map_is_consistent_for_any_text(text: str):
    """The map is non-decreasing and folds back to exactly the folded text."""
    folded, offsets = normalize_with_map(text)
    assert folded == normalize(text)
    assert len(offsets) == len(folded)
    assert offsets == sorted(offsets)
    assert "".join(fold_char(text[i]) for i in dict.fromkeys(offsets)) == folded
