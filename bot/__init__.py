"""Reading Circle: a Discord bot for reading one long Chinese article together."""

__version__ = "0.1.0"
