"""Discord-side helpers shared by the cogs: replies, limits, checks, the error handler, the translator."""
