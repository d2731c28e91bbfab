"""One scheduling mechanism for quizzes and discussions: schedules and their occurrences in SQLite,
fired idempotently by a clock-driven runner that APScheduler merely wakes up.
"""
