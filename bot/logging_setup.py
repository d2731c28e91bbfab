"""Logging for the whole process: one format, discord.py's loggers included, and no secrets.

The token must never reach a log line, even through an exception message that happens to echo a
request, so a filter scrubs it from every record before any handler formats it.
"""

from __future__ import annotations

import logging

REDACTED = "[token redacted]"


class SecretFilter(logging.Filter):
    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secret:
            return True
        message = record.getMessage()
        if self.secret in message:
            record.msg = message.replace(self.secret, REDACTED)
            record.args = None
        if (
            record.exc_info
            and record.exc_info[1] is not None
            and self.secret in str(record.exc_info[1])
        ):
            record.exc_text = (
                logging.Formatter().formatException(record.exc_info).replace(self.secret, REDACTED)
            )
        return True


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    logging.getLogger("discord").setLevel(max(logging.getLevelName(level), logging.INFO))


def install_secret_filter(secret: str) -> None:
    """Scrub `secret` from records on every handler of the root logger (and future records)."""
    secret_filter = SecretFilter(secret)
    root = logging.getLogger()
    for handler in root.handlers:
        handler.addFilter(secret_filter)
    logging.getLogger("discord").addFilter(secret_filter)
