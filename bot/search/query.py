"""Turning what a reader typed into a phrase and a list of terms, expanding names via the glossary.

* The **phrase** is the whole folded query: exact and typo-tolerant phrase matching use it.
* The **terms** are what keyword matching needs in one paragraph (any order, any distance):
  - each whitespace-separated chunk is split into English words and text runs (Chinese, digits);
  - English words are matched to glossary names longest first (`Indo Pacific strategy` is one
    name, not `Indo-Pacific` + `strategy`); a name becomes a term whose alternatives are all the
    entry's names, Chinese ones included, so `Abe` finds `安倍`;
  - English words that are neither glossary names nor words of the article's own English
    (`TPP`, `GDP`) are unknown and ignored; a query made only of unknown words has no terms;
  - Chinese runs are segmented by glossary names too (`安倍晋三特朗普` → 安倍晋三 + 特朗普), so a
    name is satisfied by any of its forms; the rest stays a text piece scored by partial cover.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.content.model import GlossaryEntry
from bot.search.normalize import fold_char, is_cjk, normalize

# Words that carry no meaning on their own in an English query; never reported as unknown.
ENGLISH_STOPWORDS = frozenset(
    """a an the of and or in on at to for with by from as is are was were be been do does did
    how what why who whom when where which that this these those about into vs versus its it
    his her their our my your between during after before than then""".split()
)

# Question words and particles of a Chinese query: "how many", "what", "?". They say what the
# reader wants to know, not what the passage says, so keyword matching ignores them (the whole
# phrase still contains them, so a verbatim quote keeps matching exactly).
CHINESE_QUERY_WORDS = (
    "为什么",
    "是不是",
    "有没有",
    "多少",
    "什么",
    "怎么",
    "怎样",
    "哪些",
    "哪个",
    "哪里",
    "如何",
    "是否",
    "吗",
    "呢",
    "吧",
)
_QUERY_WORDS = re.compile("|".join(CHINESE_QUERY_WORDS))
_NUMBER_SPLIT = re.compile(r"(\d+)")

_MAX_NAME_WORDS = 6
_MAX_NAME_SHARE = 0.5  # a name in more paragraphs than this says nothing ...
_MIN_CORPUS_FOR_SHARES = 20  # ... but in a handful of paragraphs shares mean nothing either
_WORD_JOINERS = frozenset("-.'’‐‑–_")


@dataclass(frozen=True, slots=True)
class Term:
    """One thing the paragraph should contain.

    `alternatives` satisfy the term wholly (a glossary name in any of its forms, an English word
    of the article). `piece` is folded text matched by partial cover when no alternative occurs.
    """

    label: str
    weight: float
    alternatives: tuple[str, ...] = ()
    piece: str = ""


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    raw: str
    phrase: str  # folded whole query, '' when it is only English words
    terms: tuple[Term, ...]
    unknown: tuple[str, ...] = ()  # English words ignored because nothing in the corpus matches
    glossary_ids: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to look for: blank, punctuation only, or only unknown English words."""
        return not self.phrase and not self.terms


@dataclass(frozen=True, slots=True)
class _Run:
    kind: str  # "word" (ASCII letters and digits, with at least one letter) or "text"
    folded: str


def _runs(chunk: str) -> list[_Run]:
    """Split one whitespace-free chunk into English words and text runs, folded."""
    runs: list[_Run] = []
    current: list[str] = []
    current_kind = ""
    for ch in chunk:
        folded = fold_char(ch)
        if not folded:
            # a hyphen, dot or apostrophe joins an English word (F-35, U.S.); other punctuation
            # ends it ("Abe,golf" is two words); Chinese text runs on through punctuation
            if current and current_kind == "word" and ch not in _WORD_JOINERS:
                runs.append(_Run(current_kind, "".join(current)))
                current, current_kind = [], ""
            continue
        for c in folded:
            kind = "word" if c.isascii() else "text"
            if current and kind != current_kind:
                runs.append(_Run(current_kind, "".join(current)))
                current = []
            current_kind = kind
            current.append(c)
    if current:
        runs.append(_Run(current_kind, "".join(current)))
    merged: list[_Run] = []
    for run in runs:
        # digits belong with the Chinese next to them (2012年底, 66次); a word needs a letter
        if run.kind == "word" and not any(c.isalpha() for c in run.folded):
            run = _Run("text", run.folded)
        if merged and merged[-1].kind == "text" and run.kind == "text":
            merged[-1] = _Run("text", merged[-1].folded + run.folded)
        else:
            merged.append(run)
    return merged


class QueryParser:
    """Knows the glossary and the article's own English, so it can expand and filter queries."""

    def __init__(
        self,
        glossary: Iterable[GlossaryEntry],
        *,
        corpus_latin: str,
        latin_words: frozenset[str],
        char_weight: Callable[[str], float],
        share: Callable[[str], float],
        corpus_size: int,
    ) -> None:
        """`corpus_latin`: the folded runs of English letters and digits of the corpus, joined by
        `|` (`Trans-Pacific Partnership` is one run, `transpacificpartnership`);
        `latin_words`: the article's English words, folded one by one (`tpp`, `partnership`);
        `char_weight`: weight of a folded character (rarer = heavier);
        `share`: the share of paragraphs containing a folded string (for pruning alternatives);
        `corpus_size`: paragraphs indexed (shares are judged only in a corpus big enough).
        """
        self._char_weight = char_weight
        self._share = share
        self._corpus_latin = corpus_latin
        self._latin_words = latin_words
        self._latin_names: dict[str, list[GlossaryEntry]] = {}
        self._cjk_names: dict[str, list[GlossaryEntry]] = {}
        self._alternatives: dict[str, tuple[str, ...]] = {}
        self._present: dict[str, float] = {}
        self._judge_shares = corpus_size >= _MIN_CORPUS_FOR_SHARES
        self._max_cjk_name = 1
        for entry in glossary:
            self._add_entry(entry)
        self._latin_sorted = sorted(self._latin_names)

    def _add_entry(self, entry: GlossaryEntry) -> None:
        alternatives: list[str] = []
        for name in entry.all_names:
            base = re.sub(r"[（(][^）)]*[）)]", "", name)  # 安倍晋三（あべ しんぞう） → 安倍晋三
            folded = normalize(base)
            if not folded:
                continue
            if any(is_cjk(c) for c in folded):
                if len(folded) >= 2:
                    self._cjk_names.setdefault(folded, []).append(entry)
                    self._max_cjk_name = max(self._max_cjk_name, len(folded))
                    alternatives.append(folded)
            else:
                self._latin_names.setdefault(folded, []).append(entry)
                if len(folded) >= 3 and folded in self._corpus_latin:
                    alternatives.append(folded)
        # names that occur nowhere cost time for nothing; names in most paragraphs (`日美+` folds
        # to `日美`) would make the term meaningless; keep the rarest name if nothing else is left
        shares = {a: self._share(a) for a in dict.fromkeys(alternatives)}
        limit = _MAX_NAME_SHARE if self._judge_shares else 1.0
        kept = tuple(a for a, share in shares.items() if 0 < share <= limit)
        if not kept and shares:
            present = [a for a in shares if shares[a] > 0] or list(shares)
            kept = (min(present, key=lambda a: shares[a]),)
        self._alternatives[entry.id] = kept
        self._present.update(shares)

    def text_weight(self, folded: str) -> float:
        """How much matching `folded` proves: the sum of its characters' rarity weights."""
        return sum(self._char_weight(c) for c in folded)

    def _entry_term(self, label: str, entries: list[GlossaryEntry], typed: str) -> Term:
        alternatives: list[str] = []
        if typed and any(is_cjk(c) for c in typed):
            alternatives.append(typed)
        for entry in entries:
            alternatives.extend(self._alternatives.get(entry.id, ()))
        alternatives = list(dict.fromkeys(alternatives))
        present = [a for a in alternatives if self._present.get(a, 0.0) > 0]
        basis = min(present or alternatives or [typed], key=len)
        return Term(label=label, weight=self.text_weight(basis), alternatives=tuple(alternatives))

    def _latin_lookup(self, key: str) -> list[GlossaryEntry] | None:
        entries = self._latin_names.get(key)
        if entries is None and len(key) > 3 and key.endswith("s"):
            entries = self._latin_names.get(key[:-1])
        return entries

    def _complete(self, prefix: str) -> str | None:
        """The shortest glossary English name starting with `prefix` (autocomplete: `Indo-Pac`)."""
        if len(prefix) < 2:
            return None
        start = bisect_left(self._latin_sorted, prefix)
        names = itertools.takewhile(lambda k: k.startswith(prefix), self._latin_sorted[start:])
        return min(names, key=len, default=None)

    def _words_to_terms(
        self,
        words: list[str],
        terms: list[Term],
        unknown: list[str],
        glossary_ids: list[str],
        complete_last: bool = False,
    ) -> bool:
        """Resolve a run of English words; return whether every meaningful word was understood.

        With `complete_last`, words at the end that are still being typed may be the start of a
        glossary name.
        """
        understood = True
        i = 0
        while i < len(words):
            name = self._complete("".join(words[i:])) if complete_last else None
            if name is not None:
                entries = self._latin_names[name]
                terms.append(self._entry_term(" ".join(words[i:]), entries, ""))
                glossary_ids.extend(e.id for e in entries)
                break
            for j in range(min(len(words), i + _MAX_NAME_WORDS), i, -1):
                key = "".join(words[i:j])
                found = self._latin_lookup(key)
                if found:
                    terms.append(self._entry_term(" ".join(words[i:j]), found, ""))
                    glossary_ids.extend(e.id for e in found)
                    i = j
                    break
            else:
                word = words[i]
                i += 1
                if word in ENGLISH_STOPWORDS:
                    continue
                if len(word) >= 2 and (
                    word in self._latin_words or (len(word) >= 3 and word in self._corpus_latin)
                ):
                    terms.append(
                        Term(label=word, weight=self.text_weight(word), alternatives=(word,))
                    )
                else:
                    unknown.append(word)
                    understood = False
        return understood

    def _text_to_terms(self, text: str, terms: list[Term], glossary_ids: list[str]) -> None:
        """Segment a Chinese run by glossary names (longest first); the rest are text pieces."""
        pending: list[str] = []

        def flush() -> None:
            if not pending:
                return
            joined = "".join(pending)
            pending.clear()
            parts = [p for p in _QUERY_WORDS.split(joined) if p] if len(text) > 2 else [joined]
            for part in parts or [joined]:
                # numbers are facts: matched whole, never pieced (2012年底 is not 2018年底)
                for piece in _NUMBER_SPLIT.split(part):
                    if not piece:
                        continue
                    weight = self.text_weight(piece)
                    if piece.isdigit():
                        terms.append(Term(label=piece, weight=weight, alternatives=(piece,)))
                    else:
                        terms.append(Term(label=piece, weight=weight, piece=piece))

        i = 0
        while i < len(text):
            for j in range(min(len(text), i + self._max_cjk_name), i + 1, -1):
                entries = self._cjk_names.get(text[i:j])
                if entries:
                    flush()
                    term = self._entry_term(text[i:j], entries, text[i:j])
                    terms.append(Term(term.label, term.weight, term.alternatives, piece=text[i:j]))
                    glossary_ids.extend(e.id for e in entries)
                    i = j
                    break
            else:
                pending.append(text[i])
                i += 1
        flush()

    def parse(self, raw: str, *, complete: bool = False) -> ParsedQuery:
        """Parse a query; `complete` (autocomplete) lets a final unfinished English word be the
        start of a glossary name."""
        terms: list[Term] = []
        unknown: list[str] = []
        glossary_ids: list[str] = []
        phrase_parts: list[str] = []
        has_text = False
        all_understood = True
        words: list[str] = []
        for chunk in raw.split():
            for run in _runs(chunk):
                phrase_parts.append(run.folded)
                if run.kind == "word":
                    words.append(run.folded)
                    continue
                if words:
                    all_understood &= self._words_to_terms(words, terms, unknown, glossary_ids)
                    words = []
                has_text = True
                self._text_to_terms(run.folded, terms, glossary_ids)
        if words:
            typing = complete and not raw[-1:].isspace()
            all_understood &= self._words_to_terms(words, terms, unknown, glossary_ids, typing)
        phrase = "".join(phrase_parts)
        if not has_text and not (all_understood and phrase in self._corpus_latin):
            phrase = ""  # English only: the phrase is useful only if the article has it verbatim
        return ParsedQuery(
            raw=raw,
            phrase=phrase,
            terms=tuple(terms),
            unknown=tuple(unknown),
            glossary_ids=tuple(dict.fromkeys(glossary_ids)),
        )
