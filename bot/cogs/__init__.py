"""Thin adapters between Discord interactions and the domain: parse, call, render."""
