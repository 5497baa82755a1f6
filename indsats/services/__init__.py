"""Use cases. The web and the CLI call these; each runs in one transaction of the store."""
