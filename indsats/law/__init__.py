"""The law engine: every legal obligation of a citizen, by date, with its source.

Pure functions, importable without a web framework or a database::

    from indsats.law import parse_timeline, compute
    result = compute(parse_timeline(data))
"""

from .engine import Result, compute
from .local_rhythm import ContactRhythm, RhythmError, parse_rhythms
from .obligation import STATUSES, Obligation
from .timeline import Timeline, TimelineError, parse_timeline

__all__ = [
    "STATUSES",
    "ContactRhythm",
    "Obligation",
    "Result",
    "RhythmError",
    "Timeline",
    "TimelineError",
    "compute",
    "parse_rhythms",
    "parse_timeline",
]
