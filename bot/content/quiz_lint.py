"""Quiz lint: the rules that keep the weekly quiz a test of reading rather than of guessing, and
the statistics behind them (`python -m bot content check --report`).

Why this exists. An independent review of the first question bank (December 2026) found every key
right, yet the bank could be gamed: in Chinese the keyed option was the longest in 62 of 101
questions and absolute words (完全, 所有, 唯一, 只 …) sat in 57 of 303 distractors but in only 4
keys, so "pick the longest, skip the absolutes" scored about 47% against 25% by chance. It also
found English explanations that stated the author's contested judgements as plain fact although the
Chinese said "作者认为". None of this is visible when one question is read on its own; it shows only
across the bank, so it is measured here and enforced by `content check`.

The rules (each problem names the question or fact ids to look at):

- **Length cue** (per language, over the whole bank): the key is the longest option in at most
  `MAX_KEY_LONGEST` of the questions and the shortest in at least `MIN_KEY_SHORTEST`. Ties count
  for every tied option, as a guesser sees them. Measured only when the bank has at least
  `MIN_BANK_FOR_SHARES` questions: below that one question moves the share by several points.
- **Absolute-word cue** (per language, whole bank): the share of keys that contain an absolute
  word is within `MAX_ABSOLUTE_GAP` points of the share of distractors that do.
- **Stem repeat** (per question): no option repeats the stem, wholly or in a long copied run, which
  would point at that option (or be a give-away decoy).
- **Identical options** (per question): no two options are the same once case, spacing and
  punctuation are ignored. Exact repeats are already refused by `validate.check_quiz`; this catches
  the near-copies it cannot see ("Drift" / "drift.").
- **Attribution** (per explanation and fact): when the Chinese says whose reading it is (作者认为,
  文章指出, 结语写道 …) the English says so too ("the author", "the article", "the conclusion" …),
  and the other way round; when the Chinese reports another speaker (安倍认为, 日本宣称) the English
  keeps a reporting verb ("Abe believed", "Japan claimed"). A policy group must always see whose
  claim a sentence is.

How length is measured (a choice, so it is written down): Chinese counts characters that are not
whitespace, punctuation or symbols (quotation marks and 《》 do not make an option look longer in
a way a reader weighs); English counts letters and digits. Word counts were tried for English and
rejected: four options of a short question tie too often (only 56 of the 101 original questions
had a single longest option by words), and a tie counts as "longest" for each tied option, which
would blur the cue the rule is meant to see. The report also prints the raw character count that
the review used, so its numbers can be reproduced.

Pure Python: no Discord, no database. It works on model objects, like `validate.py`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from bot.content.model import Article, KeyFact, QuizQuestion
from bot.content.problems import ContentProblem

ZH = "zh"
EN = "en"
LANGUAGES = (ZH, EN)
LETTERS = "ABCD"

MAX_KEY_LONGEST = 0.35  # by chance (ties included) about 0.30-0.40; the first bank had 0.61 in zh
MIN_KEY_SHORTEST = 0.15  # a key that is never the shortest is a cue too ("skip the shortest")
MAX_ABSOLUTE_GAP = 0.10  # 10 percentage points between keys and distractors
MIN_BANK_FOR_SHARES = 20  # the share rules need enough questions to mean anything

# A long run copied from the stem: at least this many characters (zh) / words (en), and at least
# half of the option. Shorter shared runs are names and terms the question has to mention.
STEM_RUN_ZH = 6
STEM_RUN_EN = 4
STEM_RUN_SHARE = 0.5

# --- absolute words -----------------------------------------------------------------------------

# Words that make a claim total. A distractor built by adding one of them to a true statement is the
# classic test-wise cue; a key may carry one when the article does (日美同盟“完全恢复”).
ZH_ABSOLUTES: tuple[str, ...] = (
    "完全",
    "所有",
    "唯一",
    "一切",
    "全部",
    "全都",
    "任何",
    "总是",
    "始终",
    "从不",
    "从未",
    "绝不",
    "决不",
    "永远",
    "永不",
    "必然",
    "必定",
    "一定",
    "彻底",
    "毫无",
    "无需",
    "只",
    "仅",
)
# Compounds in which those characters do not make a total claim: conditions (只要), rankings
# (仅次于), hedges (一定程度, 一定的 = "some"), "not only" (不仅, 不只).
ZH_NOT_ABSOLUTE: tuple[str, ...] = (
    "只要",
    "不只",
    "不仅仅",
    "不仅",
    "仅次于",
    "一定程度",
    "一定的",
)
# A negation right before these turns the total claim into a hedge: 未完全达成, 不一定, 不彻底.
ZH_NEGATABLE = ("完全", "一定", "必然", "必定", "彻底", "总是", "全部")
ZH_NEGATIONS = "不未非没无"

EN_ABSOLUTES: tuple[str, ...] = (
    "all",
    "always",
    "never",
    "none",
    "nothing",
    "nobody",
    "only",
    "solely",
    "sole",
    "alone",
    "completely",
    "entirely",
    "fully",
    "totally",
    "wholly",
    "purely",
    "absolutely",
    "any",
    "anything",
    "every",
    "everything",
    "everyone",
    "forever",
    "whatsoever",
)
_EN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_EN_NEGATION = ("not", "n't", "never")  # "not only", "not fully": hedges, not total claims

# --- attribution --------------------------------------------------------------------------------

# The author's or the article's reading: 作者认为/指出/写道, 在作者看来, 文章认为, 结语写道,
# 引言写明, 总述, （一）开篇, 结尾段, 第一点写明, 引文称.
ZH_AUTHOR = re.compile(r"作者|文章|本文|文中|该文|结语|引言|总述|开篇|结尾段|第[一二三四五]点|引文")
# English names the author or the article outright, or cites a part of the article as the one
# speaking ("The conclusion says", "In Part 2's closing paragraph"). A bare "the conclusion" is not
# enough: "led the conclusion and entry into force of the CPTPP" is not an attribution.
_EN_PART = (
    r"(?:the introduction|the conclusion|the overview|the opening(?: of (?:part|section) \S+)?"
    r"|(?:the )?closing paragraph(?: of part \d)?|part \d(?:'s (?:opening|overview|closing "
    r"paragraph))?|point \d|section \(\d\))"
)
_EN_SAYS = (
    r"(?:says|said|argues|notes|writes|quotes|holds|calls|sees|warns|judges|stresses|points out"
    r"|finds|adds|observes|states|describes|lists|traces|names|opens|credits|reads|gives|frames"
    r"|counts|sums up|assigns|puts|spells out|concludes|cites|recounts|compares|predicts|expects"
    r"|links|ties|ends|defines|characterises|characterizes)"
)
EN_AUTHOR = re.compile(
    r"\bthe author\b|\bauthor's\b|\bthe article\b|\bthe quoted\b"
    rf"|\b{_EN_PART},? {_EN_SAYS}\b|\b(?:in|according to) {_EN_PART}",
    re.IGNORECASE,
)
# Another speaker's claim: 安倍认为, 日本宣称, 前驻美大使称 …
ZH_SPEAKER = re.compile(
    r"(?:安倍|菅义伟|岸田|特朗普|拜登|奥巴马|日本|美国|日方|美方|大使|声明|报告|学者)"
    r"[^，。；：]{0,8}?(?:认为|宣称|声称|表示|强调|称|写道|指出)"
)
EN_SPEAKER = re.compile(
    r"\b(?:said|says|say|claimed|claims|claim|believed|believes|argued|argues|declared|declares"
    r"|stated|states|called|calls|warned|warns|insisted|insists|quoted|quotes|according to"
    r"|stressed|stresses|noted|notes|pointed out|points out|affirmed|reaffirmed|confirmed"
    r"|announced|pledged|described|termed|wrote|writes|put it|in (?:his|her|its|their)"
    r" (?:view|words)|own (?:count|words|account))\b",
    re.IGNORECASE,
)


# --- measures ------------------------------------------------------------------------------------


def option_length(text: str, language: str) -> int:
    """The length a reader weighs: zh characters without spaces, punctuation and symbols; en
    letters and digits. See the module docstring for why."""
    if language == ZH:
        return sum(1 for c in text if unicodedata.category(c)[0] not in "PZSC")
    return sum(1 for c in text if c.isalnum())


def raw_length(text: str, language: str) -> int:
    """Every character, as the December 2026 review counted (kept to reproduce its numbers)."""
    return len(text)


def normalized(text: str) -> str:
    """Case-folded, without spaces, punctuation and symbols: what two options share in substance."""
    return "".join(c.casefold() for c in text if unicodedata.category(c)[0] not in "PZSC")


def absolute_words(text: str, language: str) -> list[str]:
    """The absolute words in `text`, in order (empty when there are none)."""
    if language == ZH:
        return _zh_absolutes(text)
    return _en_absolutes(text)


def _zh_absolutes(text: str) -> list[str]:
    blocked = [False] * len(text)
    for compound in ZH_NOT_ABSOLUTE:
        for match in re.finditer(re.escape(compound), text):
            for i in range(match.start(), match.end()):
                blocked[i] = True
    found: list[tuple[int, str]] = []
    for word in sorted(ZH_ABSOLUTES, key=len, reverse=True):
        for match in re.finditer(re.escape(word), text):
            start, end = match.span()
            if any(blocked[start:end]):
                continue
            if word in ZH_NEGATABLE and start > 0 and text[start - 1] in ZH_NEGATIONS:
                continue
            found.append((start, word))
            for i in range(start, end):
                blocked[i] = True
    return [word for _, word in sorted(found)]


def _en_absolutes(text: str) -> list[str]:
    words = [w.casefold() for w in _EN_WORD.findall(text)]
    found: list[str] = []
    for index, word in enumerate(words):
        if word not in EN_ABSOLUTES:
            continue
        previous = words[index - 1] if index else ""
        if previous in _EN_NEGATION or previous.endswith("n't"):
            continue
        found.append(word)
    return found


def author_attributed(text: str, language: str) -> bool:
    """True when the text says the reading is the author's or the article's."""
    pattern = ZH_AUTHOR if language == ZH else EN_AUTHOR
    return pattern.search(text) is not None


def speaker_attributed(text: str, language: str) -> bool:
    """True when the text reports someone else's claim (安倍认为 / Abe believed)."""
    pattern = ZH_SPEAKER if language == ZH else EN_SPEAKER
    return pattern.search(text) is not None


def _options(question: QuizQuestion, language: str) -> tuple[str, str, str, str]:
    return question.options_zh if language == ZH else question.options_en


def _stem(question: QuizQuestion, language: str) -> str:
    return question.question_zh if language == ZH else question.question_en


# --- statistics ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LengthStats:
    """Where the key falls by length in one language, under one measure."""

    questions: int
    key_longest: tuple[str, ...]  # ids where the key is a longest option (ties included)
    key_shortest: tuple[str, ...]  # ids where the key is a shortest option (ties included)
    chance_longest: float  # expected count if the key's position were random (ties included)
    chance_shortest: float
    single_longest: int  # questions with exactly one longest option
    key_strictly_longest: int  # … of which the key is that option
    guess_longest: float  # expected score of "pick the longest" (ties split evenly)
    guess_longest_no_absolutes: float  # … among the options without absolute words
    # expected score of "pick the shortest": a bank over-corrected against the length cue shows here
    guess_shortest: float

    @property
    def longest_share(self) -> float:
        return len(self.key_longest) / self.questions if self.questions else 0.0

    @property
    def shortest_share(self) -> float:
        return len(self.key_shortest) / self.questions if self.questions else 0.0


@dataclass(frozen=True, slots=True)
class AbsoluteStats:
    """How often keys and distractors carry absolute words in one language."""

    keys: int
    keys_with: tuple[str, ...]  # ids whose key has an absolute word
    distractors: int
    distractors_with: int
    only_in_distractors: tuple[str, ...]  # ids where distractors have them and the key does not
    words: Counter[str] = field(default_factory=Counter)

    @property
    def key_rate(self) -> float:
        return len(self.keys_with) / self.keys if self.keys else 0.0

    @property
    def distractor_rate(self) -> float:
        return self.distractors_with / self.distractors if self.distractors else 0.0

    @property
    def gap(self) -> float:
        """Key rate minus distractor rate, in points (negative: distractors carry more)."""
        return (self.key_rate - self.distractor_rate) * 100


def length_stats(
    questions: Sequence[QuizQuestion],
    language: str,
    measure: Callable[[str, str], int] = option_length,
) -> LengthStats:
    longest: list[str] = []
    shortest: list[str] = []
    chance_longest = chance_shortest = 0.0
    single = strictly = 0
    guess = guess_plain = guess_short = 0.0
    for question in questions:
        options = _options(question, language)
        lengths = [measure(o, language) for o in options]
        top, bottom = max(lengths), min(lengths)
        key = lengths[question.answer]
        at_top = [i for i, n in enumerate(lengths) if n == top]
        at_bottom = [i for i, n in enumerate(lengths) if n == bottom]
        if key == top:
            longest.append(question.id)
        if key == bottom:
            shortest.append(question.id)
        chance_longest += len(at_top) / len(lengths)
        chance_shortest += len(at_bottom) / len(lengths)
        if len(at_top) == 1:
            single += 1
            strictly += key == top
        if question.answer in at_top:
            guess += 1 / len(at_top)
        if question.answer in at_bottom:
            guess_short += 1 / len(at_bottom)
        plain = [i for i, o in enumerate(options) if not absolute_words(o, language)] or list(
            range(len(options))
        )
        plain_top = max(lengths[i] for i in plain)
        picks = [i for i in plain if lengths[i] == plain_top]
        if question.answer in picks:
            guess_plain += 1 / len(picks)
    count = len(questions)
    return LengthStats(
        questions=count,
        key_longest=tuple(longest),
        key_shortest=tuple(shortest),
        chance_longest=chance_longest,
        chance_shortest=chance_shortest,
        single_longest=single,
        key_strictly_longest=strictly,
        guess_longest=guess / count if count else 0.0,
        guess_longest_no_absolutes=guess_plain / count if count else 0.0,
        guess_shortest=guess_short / count if count else 0.0,
    )


def absolute_stats(questions: Sequence[QuizQuestion], language: str) -> AbsoluteStats:
    keys_with: list[str] = []
    only_distractors: list[str] = []
    distractors = distractors_with = 0
    words: Counter[str] = Counter()
    for question in questions:
        options = _options(question, language)
        key_words = absolute_words(options[question.answer], language)
        words.update(key_words)
        if key_words:
            keys_with.append(question.id)
        distractor_hit = False
        for index, option in enumerate(options):
            if index == question.answer:
                continue
            distractors += 1
            found = absolute_words(option, language)
            words.update(found)
            if found:
                distractors_with += 1
                distractor_hit = True
        if distractor_hit and not key_words:
            only_distractors.append(question.id)
    return AbsoluteStats(
        keys=len(questions),
        keys_with=tuple(keys_with),
        distractors=distractors,
        distractors_with=distractors_with,
        only_in_distractors=tuple(only_distractors),
        words=words,
    )


def answer_balance(questions: Iterable[QuizQuestion]) -> dict[str, int]:
    counts = Counter(LETTERS[q.answer] for q in questions if 0 <= q.answer < len(LETTERS))
    return {letter: counts.get(letter, 0) for letter in LETTERS}


@dataclass(frozen=True, slots=True)
class AttributionStats:
    """Whose reading a text says it is, per language, and where the two languages disagree."""

    texts: int
    zh_author: int
    en_author: int
    zh_any: int  # author, article or another speaker
    en_any: int
    mismatched: tuple[str, ...]  # ids where one language attributes and the other does not


def _attribution_mismatch(zh: str, en: str) -> str:
    """Why the two texts disagree on attribution, or "" when they agree."""
    zh_author, en_author = author_attributed(zh, ZH), author_attributed(en, EN)
    if zh_author and not en_author:
        return "the Chinese says it is the author's reading (作者…/文章…), the English does not"
    if en_author and not zh_author:
        return "the English says it is the author's reading, the Chinese does not (作者认为…)"
    if zh_author:
        return ""
    if speaker_attributed(zh, ZH) and not speaker_attributed(en, EN):
        return "the Chinese reports who said it (…认为/称), the English states it as fact"
    return ""


def attribution_stats(pairs: Sequence[tuple[str, str, str]]) -> AttributionStats:
    """`pairs` are (id, zh text, en text)."""
    zh_author = en_author = zh_any = en_any = 0
    mismatched: list[str] = []
    for item_id, zh, en in pairs:
        za, ea = author_attributed(zh, ZH), author_attributed(en, EN)
        zh_author += za
        en_author += ea
        zh_any += za or speaker_attributed(zh, ZH)
        en_any += ea or speaker_attributed(en, EN)
        if _attribution_mismatch(zh, en):
            mismatched.append(item_id)
    return AttributionStats(len(pairs), zh_author, en_author, zh_any, en_any, tuple(mismatched))


def _bigrams(text: str) -> set[str]:
    clean = normalized(text)
    return {clean[i : i + 2] for i in range(len(clean) - 1)}


def paragraph_overlap(option: str, paragraph: str) -> float:
    """Share of the option's character bigrams (zh) that also occur in the cited paragraph."""
    grams = _bigrams(option)
    return len(grams & _bigrams(paragraph)) / len(grams) if grams else 0.0


@dataclass(frozen=True, slots=True)
class ParrotStats:
    """Does the key reuse the cited paragraph's wording more than the distractors do? (zh)"""

    questions: int
    key_most_overlap: tuple[str, ...]  # ids where the key overlaps the paragraph strictly most
    mean_key: float
    mean_distractor: float


def parrot_stats(article: Article, questions: Sequence[QuizQuestion]) -> ParrotStats:
    paragraphs = {p.id: p.text for p in article.paragraphs}
    most: list[str] = []
    key_total = distractor_total = 0.0
    distractor_count = 0
    for question in questions:
        text = paragraphs.get(question.paragraph_id, "")
        scores = [paragraph_overlap(o, text) for o in question.options_zh]
        key = scores[question.answer]
        others = [s for i, s in enumerate(scores) if i != question.answer]
        if all(key > s for s in others):
            most.append(question.id)
        key_total += key
        distractor_total += sum(others)
        distractor_count += len(others)
    count = len(questions)
    return ParrotStats(
        questions=count,
        key_most_overlap=tuple(most),
        mean_key=key_total / count if count else 0.0,
        mean_distractor=distractor_total / distractor_count if distractor_count else 0.0,
    )


# --- the rules ----------------------------------------------------------------------------------


def _ids(ids: Iterable[str]) -> str:
    return ", ".join(ids)


def check_length_cue(questions: Sequence[QuizQuestion], file: str) -> list[ContentProblem]:
    """The key must not stand out as the longest (or never be the shortest) across the bank."""
    if len(questions) < MIN_BANK_FOR_SHARES:
        return []
    problems: list[ContentProblem] = []
    for language in LANGUAGES:
        stats = length_stats(questions, language)
        if stats.longest_share > MAX_KEY_LONGEST:
            problems.append(
                ContentProblem(
                    file,
                    0,
                    f"quiz ({language}): the key is the longest option in "
                    f"{len(stats.key_longest)} of {stats.questions} questions "
                    f"({stats.longest_share:.0%}; at most {MAX_KEY_LONGEST:.0%} allowed): "
                    f"{_ids(stats.key_longest)}",
                    "in some of these, lengthen a distractor or tighten the key, so a guesser "
                    "cannot pick the longest option; `content check --report` shows the counts",
                )
            )
        if stats.shortest_share < MIN_KEY_SHORTEST:
            problems.append(
                ContentProblem(
                    file,
                    0,
                    f"quiz ({language}): the key is the shortest option in only "
                    f"{len(stats.key_shortest)} of {stats.questions} questions "
                    f"({stats.shortest_share:.0%}; at least {MIN_KEY_SHORTEST:.0%} needed)"
                    + (f": {_ids(stats.key_shortest)}" if stats.key_shortest else ""),
                    "make the key the shortest option in more questions (a terse, exact key "
                    "among fuller distractors)",
                )
            )
    return problems


def check_absolute_cue(questions: Sequence[QuizQuestion], file: str) -> list[ContentProblem]:
    """Absolute words must not tell keys from distractors (rates within 10 points)."""
    if len(questions) < MIN_BANK_FOR_SHARES:
        return []
    problems: list[ContentProblem] = []
    for language in LANGUAGES:
        stats = absolute_stats(questions, language)
        if abs(stats.gap) <= MAX_ABSOLUTE_GAP * 100:
            continue
        if stats.gap < 0:
            where = stats.only_in_distractors
            detail = "only distractors carry them in"
            hint = "drop the absolute word from some distractors (make them wrong for a reason)"
        else:
            where = stats.keys_with
            detail = "keys carry them in"
            hint = "rephrase some keys without the absolute word, or let distractors carry them"
        problems.append(
            ContentProblem(
                file,
                0,
                f"quiz ({language}): absolute words are in {stats.key_rate:.0%} of keys but "
                f"{stats.distractor_rate:.0%} of distractors ({abs(stats.gap):.0f} points apart; "
                f"at most {MAX_ABSOLUTE_GAP * 100:.0f} allowed); {detail}: {_ids(where)}",
                hint,
            )
        )
    return problems


def stem_repeat(option: str, stem: str, language: str) -> bool:
    """True when the option is contained in the stem, or copies a long run of it."""
    if language == ZH:
        opt, base = normalized(option), normalized(stem)
        if not opt:
            return False
        if opt in base:
            return True
        run = _longest_common_run(opt, base)
        return run >= STEM_RUN_ZH and run >= STEM_RUN_SHARE * len(opt)
    opt_words = [w.casefold() for w in _EN_WORD.findall(option)]
    stem_words = [w.casefold() for w in _EN_WORD.findall(stem)]
    if not opt_words:
        return False
    run = _longest_common_run(opt_words, stem_words)
    if run == len(opt_words):
        return True
    return run >= STEM_RUN_EN and run >= STEM_RUN_SHARE * len(opt_words)


def _longest_common_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest contiguous run shared by `a` and `b` (characters or words)."""
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def check_stem_repeats(questions: Sequence[QuizQuestion], file: str) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    for question in questions:
        for language in LANGUAGES:
            stem = _stem(question, language)
            for index, option in enumerate(_options(question, language)):
                if stem_repeat(option, stem, language):
                    problems.append(
                        ContentProblem(
                            file,
                            question.line,
                            f"question {question.id} ({language}): option {LETTERS[index]} "
                            "repeats the stem's wording",
                            "reword the option (or the stem) so the stem does not point at it",
                        )
                    )
    return problems


def check_identical_options(questions: Sequence[QuizQuestion], file: str) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    for question in questions:
        for language in LANGUAGES:
            options = _options(question, language)
            seen: dict[str, int] = {}
            for index, option in enumerate(options):
                key = normalized(option)
                if not key:
                    continue
                if key in seen and options[seen[key]].strip() != option.strip():
                    problems.append(
                        ContentProblem(
                            file,
                            question.line,
                            f"question {question.id} ({language}): options "
                            f"{LETTERS[seen[key]]} and {LETTERS[index]} are the same apart from "
                            "case, spacing or punctuation",
                            "the four options must say four different things",
                        )
                    )
                seen.setdefault(key, index)
    return problems


def check_attribution(
    items: Sequence[tuple[str, int, str, str, str]], file: str
) -> list[ContentProblem]:
    """`items` are (what, line, id, zh text, en text); both languages must name whose view it is."""
    problems: list[ContentProblem] = []
    for what, line, _item_id, zh, en in items:
        reason = _attribution_mismatch(zh, en)
        if reason:
            problems.append(
                ContentProblem(
                    file,
                    line,
                    f"{what}: {reason}",
                    'say whose reading it is in both languages ("作者认为…" / "The author '
                    'argues…"; "安倍认为…" / "Abe believed…")',
                )
            )
    return problems


def explanation_items(questions: Iterable[QuizQuestion]) -> list[tuple[str, int, str, str, str]]:
    return [
        (f"question {q.id} explanation", q.line, q.id, q.explanation_zh, q.explanation_en)
        for q in questions
    ]


def fact_items(facts: Iterable[KeyFact]) -> list[tuple[str, int, str, str, str]]:
    return [(f"fact {f.id}", f.line, f.id, f.statement_zh, f.statement_en) for f in facts]


def lint_quiz(questions: Sequence[QuizQuestion], file: str) -> list[ContentProblem]:
    """Every quiz rule above, for `content check`."""
    return [
        *check_length_cue(questions, file),
        *check_absolute_cue(questions, file),
        *check_stem_repeats(questions, file),
        *check_identical_options(questions, file),
        *check_attribution(explanation_items(questions), file),
    ]


def lint_facts(facts: Sequence[KeyFact], file: str) -> list[ContentProblem]:
    """Facts state whose reading they are in both languages or in neither."""
    return check_attribution(fact_items(facts), file)


# --- the report -----------------------------------------------------------------------------------


def _pct(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def report_lines(article: Article) -> list[str]:
    """The statistics behind the rules, for `content check --report`."""
    questions = article.questions
    lines = [f"{article.meta.slug}: quiz statistics ({len(questions)} questions)"]
    if questions:
        balance = answer_balance(questions)
        lines.append("  answer letters: " + ", ".join(f"{k} {v}" for k, v in balance.items()))
        lines.append(
            "  length (zh: characters without spaces/punctuation/symbols; en: letters and digits);"
            " ties count as longest/shortest for each tied option"
        )
        for measure, label in ((option_length, "lint measure"), (raw_length, "raw characters")):
            for language in LANGUAGES:
                s = length_stats(questions, language, measure)
                lines.append(
                    f"    {language} {label:<14}: key longest {len(s.key_longest)}/{s.questions} "
                    f"({_pct(len(s.key_longest), s.questions)}, chance {s.chance_longest:.1f}), "
                    f"shortest {len(s.key_shortest)} ({_pct(len(s.key_shortest), s.questions)}, "
                    f"chance {s.chance_shortest:.1f}); strictly longest {s.key_strictly_longest} "
                    f"of {s.single_longest}; 'pick longest' scores {s.guess_longest:.0%}, "
                    f"'+ skip absolutes' {s.guess_longest_no_absolutes:.0%}, 'pick shortest' "
                    f"{s.guess_shortest:.0%} (chance 25%)"
                )
        lines.append(
            f"    limits: key longest <= {MAX_KEY_LONGEST:.0%}, shortest >= {MIN_KEY_SHORTEST:.0%}"
            " (lint measure)"
        )
        for language in LANGUAGES:
            a = absolute_stats(questions, language)
            common = ", ".join(f"{w} {n}" for w, n in a.words.most_common(8)) or "none"
            lines.append(
                f"  absolute words ({language}): keys {len(a.keys_with)}/{a.keys} "
                f"({a.key_rate:.1%}), distractors {a.distractors_with}/{a.distractors} "
                f"({a.distractor_rate:.1%}), gap {a.gap:+.1f} points (limit ±"
                f"{MAX_ABSOLUTE_GAP * 100:.0f}); only in distractors: "
                f"{len(a.only_in_distractors)} questions; words: {common}"
            )
        p = parrot_stats(article, questions)
        lines.append(
            f"  paragraph wording (zh bigrams): key overlaps the cited paragraph most in "
            f"{len(p.key_most_overlap)}/{p.questions}; mean overlap key {p.mean_key:.2f}, "
            f"distractors {p.mean_distractor:.2f}"
        )
        e = attribution_stats([(q.id, q.explanation_zh, q.explanation_en) for q in questions])
        lines.append(_attribution_line("explanations", e))
    if article.facts:
        f = attribution_stats([(x.id, x.statement_zh, x.statement_en) for x in article.facts])
        lines.append(_attribution_line("facts", f))
    return lines


def _attribution_line(what: str, s: AttributionStats) -> str:
    mismatched = _ids(s.mismatched) if s.mismatched else "none"
    return (
        f"  attribution ({what}, {s.texts}): author/article zh {s.zh_author}, en {s.en_author}; "
        f"any speaker zh {s.zh_any}, en {s.en_any}; languages disagree: {mismatched}"
    )
