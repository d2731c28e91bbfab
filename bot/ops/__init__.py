"""Operations for whoever hosts the bot: health checks, backups, diagnosis."""
