"""Casework: the citizen's case — events, conversations, offers, obligations, worklists, timeliness, imports."""
