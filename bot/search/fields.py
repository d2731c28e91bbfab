"""What the meaning index knows about each paragraph besides its own words.

Every field is text someone wrote *about* that paragraph and cited it for: the authored
descriptions, the quiz questions (with the right answer and the explanation), key facts and
discussion prompts, the section heading, and the names of the glossary entries it mentions (so
`Abe` finds 安倍 and `North Korea` finds 朝鲜). Wrong quiz options are left out: they are written
to be plausible and false.
"""

from __future__ import annotations

import re

from bot.content.model import Article, GlossaryEntry, Paragraph
from bot.search.normalize import is_cjk, normalize

_READING = re.compile(r"[（(][^）)]*[）)]")  # 安倍晋三（あべ しんぞう） → 安倍晋三


def chinese_forms(entry: GlossaryEntry) -> list[str]:
    """The folded Chinese names of an entry (two characters or more)."""
    forms = []
    for name in entry.all_names:
        folded = normalize(_READING.sub("", name))
        if len(folded) >= 2 and any(is_cjk(c) for c in folded):
            forms.append(folded)
    return forms


def glossary_names(entry: GlossaryEntry) -> list[str]:
    return [entry.english, *entry.aliases]


def paragraph_fields(article: Article) -> dict[str, dict[str, list[str]]]:
    """paragraph id -> field name -> texts, for `MeaningIndex`."""
    fields: dict[str, dict[str, list[str]]] = {
        p.id: {"text": [p.text], "names": [], "described": [], "related": []}
        for p in article.paragraphs
    }
    headings = {s.id: s.heading for s in article.sections}
    for paragraph in article.paragraphs:
        fields[paragraph.id]["described"].append(headings.get(paragraph.section_id, ""))
    _add_names(article.paragraphs, article.glossary, fields)
    for d in article.descriptions:
        if d.paragraph_id in fields:
            fields[d.paragraph_id]["described"].extend(
                [
                    d.summary_zh,
                    d.summary_en,
                    *d.terms_zh,
                    *d.terms_en,
                    *d.questions_zh,
                    *d.questions_en,
                ]
            )
    for q in article.questions:
        if q.paragraph_id in fields:
            fields[q.paragraph_id]["related"].extend(
                [
                    q.question_zh,
                    q.question_en,
                    q.options_zh[q.answer],
                    q.options_en[q.answer],
                    q.explanation_zh,
                    q.explanation_en,
                ]
            )
    for f in article.facts:
        if f.paragraph_id in fields:
            fields[f.paragraph_id]["related"].extend([f.statement_zh, f.statement_en])
    for prompt in article.prompts:
        if prompt.paragraph_id in fields:
            fields[prompt.paragraph_id]["related"].extend([prompt.prompt_zh, prompt.prompt_en])
    return fields


def _add_names(
    paragraphs: tuple[Paragraph, ...],
    glossary: tuple[GlossaryEntry, ...],
    fields: dict[str, dict[str, list[str]]],
) -> None:
    """One regex pass per paragraph (longest names first), not one scan per glossary name."""
    by_form: dict[str, list[GlossaryEntry]] = {}
    for entry in glossary:
        for form in chinese_forms(entry):
            by_form.setdefault(form, []).append(entry)
    if not by_form:
        return
    pattern = re.compile("|".join(map(re.escape, sorted(by_form, key=len, reverse=True))))
    for paragraph in paragraphs:
        seen: set[str] = set()
        for found in pattern.findall(normalize(paragraph.text)):
            for entry in by_form[found]:
                if entry.id not in seen:
                    seen.add(entry.id)
                    fields[paragraph.id]["names"].extend(glossary_names(entry))
