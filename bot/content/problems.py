"""Problems found in content files, reported with file and line so a moderator can fix them by hand."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ContentProblem:
    file: str  # path relative to the content folder, e.g. "articles/zhu-2021-japan-us-alliance/quiz.yaml"
    line: int  # 1-based; 0 when the problem concerns the whole file
    message: str  # what is wrong
    hint: str = ""  # how to fix it

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}" + (f" (fix: {self.hint})" if self.hint else "")


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
