"""The weekly quiz as plain domain code: question rotation, quizzes and answers in SQLite, scores.

Nothing in this package imports discord; the cog layer (`bot/cogs/quiz*.py`) adapts it.
"""
