"""The domain: plain dataclasses and enums for a jobcenter's world.

No I/O and no framework imports live here; every other layer depends on this one.
"""
