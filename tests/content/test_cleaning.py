"""Character-level cleaning: one hand-made snippet per artefact of the PDF extraction."""

from __future__ import annotations

import pytest

from bot.content.cleaning import (
    ARTIFACT_PATTERN,
    MARKER_PLACEHOLDER,
    clean_body_text,
    clean_footnote_text,
    convert_punctuation,
    fold_width,
    join_lines,
)

ELLIPSIS_GLYPH = "\U001001ba"
MIDDLE_DOT_GLYPH = "\U00100170"
APOSTROPHE_GLYPH = "\U001001b3"


def test_private_use_ellipsis_pair_becomes_chinese_ellipsis() -> None:
    raw = f"且容易普遍化.{ELLIPSIS_GLYPH}{ELLIPSIS_GLYPH}尽管恢复了独立地位"
    assert clean_body_text(raw) == "且容易普遍化。……尽管恢复了独立地位"


def test_private_use_middle_dot() -> None:
    assert clean_body_text(f"约瑟夫{MIDDLE_DOT_GLYPH}奈建议") == "约瑟夫·奈建议"


def test_private_use_apostrophe_in_footnote() -> None:
    raw = f"“U．S．ＧJapanJointLeaders{APOSTROPHE_GLYPH}Statement．”"
    assert clean_footnote_text(raw) == "“U.S.-JapanJointLeaders’Statement.”"


def test_guillemets_become_book_title_marks() -> None:
    assert clean_body_text("颁布«和平宪法»«日美安保条约»") == "颁布《和平宪法》《日美安保条约》"


def test_full_width_digits_and_letters_become_ascii() -> None:
    assert clean_body_text("２０１２年底,ＡＢＣ") == "2012年底，ABC"
    assert fold_width("“２＋２”") == "“2+2”"


def test_fullwidth_g_inside_a_word_is_a_hyphen() -> None:
    assert clean_body_text("隐形战机 FＧ３５A,并与") == "隐形战机F-35A，并与"
    assert clean_body_text("(COVIDＧ１９)应对") == "（COVID-19）应对"


def test_fullwidth_g_at_line_end_is_a_soft_hyphen() -> None:
    joined = join_lines(["(ComprehensiveandProＧ", "gressiveAgreement,CPTPP)协议"])
    assert joined == "(ComprehensiveandProgressiveAgreement,CPTPP)协议"


def test_real_hyphen_at_line_end_is_kept_when_listed() -> None:
    lines = ["withＧfireＧandＧfuryＧ", "likeＧtheＧworld"]
    assert join_lines(lines) == "withＧfireＧandＧfurylikeＧtheＧworld"
    kept = join_lines(lines, real_hyphens={"fury-like"})
    assert clean_footnote_text(kept) == "with-fire-and-fury-like-the-world"


def test_join_lines_uses_empty_string_and_drops_page_start_space() -> None:
    assert (
        join_lines(["积极有效地利用日美同盟这一重要战", " 略工具."])
        == "积极有效地利用日美同盟这一重要战略工具."
    )


def test_punctuation_becomes_chinese_except_in_numbers() -> None:
    raw = "日本自卫队参演兵力３．７万人,舰艇２０艘;其中:一是(至少)二是."
    assert clean_body_text(raw) == "日本自卫队参演兵力3.7万人，舰艇20艘；其中：一是（至少）二是。"


def test_punctuation_inside_url_is_kept() -> None:
    raw = "见http://www．kantei．go．jp/jp/index．html,详见原文."
    assert clean_body_text(raw) == "见http://www.kantei.go.jp/jp/index.html，详见原文。"


def test_punctuation_inside_english_is_kept() -> None:
    raw = "«协定»(TransＧPacificPartnershipAgreement,TPP)谈判"
    assert clean_body_text(raw) == "《协定》（Trans-PacificPartnershipAgreement, TPP）谈判"
    assert convert_punctuation("Resilience(CoRe)Partnership") == "Resilience(CoRe)Partnership"


def test_triple_em_dash_becomes_double() -> None:
    assert clean_body_text("外交的基础———日美同盟的纽带") == "外交的基础——日美同盟的纽带"


def test_stray_spaces_are_dropped_but_english_spaces_stay() -> None:
    assert clean_body_text("还是在 G２０峰会等") == "还是在G20峰会等"
    assert clean_body_text("研究和解读.⑤ 其中,有关") == "研究和解读。其中，有关"
    assert (
        clean_body_text("(Reciprocal Defense Procurement)") == "（Reciprocal Defense Procurement）"
    )
    assert clean_body_text("结\u3000\u3000语") == "结语"


def test_markers_are_removed_before_width_folding() -> None:
    assert clean_body_text("合作.”①２０２１年") == "合作。”2021年"


def test_marker_positions_can_be_kept() -> None:
    cleaned = clean_body_text("的基石”.① ２０２１年", keep_marker_positions=True)
    assert cleaned == f"的基石”。{MARKER_PLACEHOLDER}2021年"


def test_title_note_asterisks_are_dropped() -> None:
    assert clean_body_text("———战略定位、政策手段及效果评估∗") == "——战略定位、政策手段及效果评估"
    assert clean_body_text("朱海燕∗∗") == "朱海燕"


def test_footnote_keeps_ascii_punctuation_and_title_spaces() -> None:
    raw = (
        " 「菅内閣総理大臣 令和３年 年頭所感」、http://www．kantei．go．jp/、２０２１Ｇ０１Ｇ０３."
    )
    cleaned = clean_footnote_text(raw)
    assert cleaned == "「菅内閣総理大臣 令和3年 年頭所感」、http://www.kantei.go.jp/、2021-01-03."
    assert (
        clean_footnote_text("全球鹰和 EＧ２D先进鹰眼以执行ISR 任务")
        == "全球鹰和E-2D先进鹰眼以执行ISR任务"
    )


def test_footnote_punctuation_between_chinese_words_becomes_chinese() -> None:
    """The body's rule in Chinese citations; URLs, English and Japanese keep their marks."""
    raw = " 归泳涛:«TPP的政治学:美日协作的动因与困境»,«日本学刊»２０１７年第１期,第４７页."
    assert (
        clean_footnote_text(raw)
        == "归泳涛：《TPP的政治学：美日协作的动因与困境》，《日本学刊》2017年第1期，第47页。"
    )
    web = "«日驻美大使杉山晋辅即将离任»,https://china．kyodonews．net/a．html,２０２１Ｇ０１Ｇ２１."
    assert (
        clean_footnote_text(web)
        == "《日驻美大使杉山晋辅即将离任》,https://china.kyodonews.net/a.html,2021-01-21."
    )
    english = (
        "“More Important than Ever: Renewing the Alliance,” https://csis.org/a.pdf, 2021-01-06."
    )
    assert clean_footnote_text(english) == english
    japanese = "「日米共同声明:アジア太平洋」、「国家安全保障戦略について」."
    assert clean_footnote_text(japanese) == japanese
    assert clean_footnote_text(clean_footnote_text(raw)) == clean_footnote_text(raw)


def test_space_between_chinese_and_latin_goes_in_body_and_footnotes() -> None:
    """`在 G２０` → `在G20`: the documented Latin-spacing rule; English keeps its spaces."""
    assert clean_body_text("还是在 G２０ 峰会等国际会议") == "还是在G20峰会等国际会议"
    assert (
        clean_body_text("参加 Trans Pacific Partnership 谈判")
        == "参加Trans Pacific Partnership谈判"
    )
    assert clean_footnote_text("全球鹰和 E-2D 先进鹰眼") == "全球鹰和E-2D先进鹰眼"


def test_cleaning_is_idempotent() -> None:
    once = clean_body_text("«协定»(TransＧPacific Partnership,TPP)谈判,３．７万人.”①后")
    assert clean_body_text(once) == once


@pytest.mark.parametrize(
    "artefact",
    [
        ELLIPSIS_GLYPH,
        "\ue000",
        "\U000f0001",
        "①",
        "⑩",
        "«",
        "»",
        "０",
        "９",
        "Ａ",
        "ｚ",
        "Ｇ",
        "∗",
        "\u3000",
    ],
)
def test_artifact_pattern_matches_every_artefact(artefact: str) -> None:
    assert ARTIFACT_PATTERN.search(f"文字{artefact}文字")


def test_artifact_pattern_ignores_clean_text() -> None:
    clean = "2012年底，“拜菅会”《和平宪法》F-35A……约瑟夫·奈（GDP）Leaders’「令和」——"
    assert ARTIFACT_PATTERN.search(clean) is None
