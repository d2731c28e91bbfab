# Reading Circle bot. Build: docker build -t reading-circle .
# Run:   docker run --env-file .env -v reading-circle-data:/data reading-circle
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_PATH=/data/reading-circle.sqlite3 \
    HEARTBEAT_PATH=/tmp/reading-circle.heartbeat \
    CONTENT_DIR=/app/content

WORKDIR /app
RUN useradd --create-home --uid 10001 reader \
    && mkdir -p /data \
    && chown reader:reader /data

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY migrations ./migrations
COPY content ./content
RUN pip install --no-compile .

USER reader
VOLUME ["/data"]

# Healthy while the gateway connection is up: the bot touches the heartbeat file every 30 s while
# it is connected and ready; `python -m bot health` fails when the file is older than 90 s.
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot", "health"]

CMD ["python", "-m", "bot", "run"]
