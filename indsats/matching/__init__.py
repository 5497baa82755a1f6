"""Matching of candidates (ledige) and job orders (jobordrer) — pure, no framework, no database.

``constraints`` holds the hard rules (skånebehov, transport, timer, kørekort, sprog,
samtykke); ``taxonomy`` resolves occupation titles to the curated ESCO file;
``embedder`` gives text similarity behind a swappable interface; ``ranking`` puts it
together with the plan's priorities and says why; ``jsonl`` reads and writes the batch
format of shared/contracts/matching.md.
"""
