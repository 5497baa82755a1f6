"""The name search at scale: a word anywhere in the name, the right count and pages — on SQLite and on
PostgreSQL, where the trigram indexes of the names serve it (``store/name_search.py``)."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import text

from indsats.domain.cpr import synthetic
from indsats.services.accounts.auth import authenticate
from indsats.services.casework import citizens
from indsats.services.shared.paging import PageRequest
from indsats.store.tables import CitizenRow
from tests.casework.builders import PASSWORD, build_world


def _add_namesakes(db, n: int) -> None:
    """``n`` more citizens of Frederikssund whose last name holds «gaard» inside it, and one of Hedensted."""
    rng = random.Random(11)
    with db.unit_of_work() as s:
        for i in range(n):
            born = date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
            s.add(CitizenRow(cpr=synthetic(born, i % 2 == 0, rng), first_name=f"Karen{i:03d}", last_name="Vestergaard",
                             birth_date=born, municipality_code="250", synthetic=True))
        s.add(CitizenRow(cpr=synthetic(date(1970, 2, 2), True, rng), first_name="Lis", last_name="Vestergaard",
                         birth_date=date(1970, 2, 2), municipality_code="766", synthetic=True))


def test_a_middle_part_of_a_name_finds_it_and_the_count_and_pages_are_right(database):
    build_world(database)
    _add_namesakes(database, 120)
    mette = authenticate(database, "mette", PASSWORD)
    first = citizens.search(database, mette, "gaar", PageRequest.of(1, 50))
    # 120 Vestergaard and Anna Østergaard in Frederikssund; Lis Vestergaard lives in Hedensted
    assert first.total == 121 and len(first.items) == 50
    assert first.items[0].name == "Karen000 Vestergaard" and "Anna Østergaard" not in [r.name for r in first.items]
    last = citizens.search(database, mette, "gaar", PageRequest.of(3, 50))
    assert last.total == 121 and [r.name for r in last.items][-1] == "Anna Østergaard"  # Ø sorts after V
    seen = [r.id for p in (1, 2, 3) for r in citizens.search(database, mette, "gaar", PageRequest.of(p, 50)).items]
    assert len(seen) == len(set(seen)) == 121
    past = citizens.search(database, mette, "gaar", PageRequest.of(4, 50))
    assert past.items == [] and past.total == 121  # a page past the last still says how many there are


def test_every_word_must_match_a_first_or_last_name_and_case_does_not_matter(database):
    build_world(database)
    _add_namesakes(database, 3)
    mette = authenticate(database, "mette", PASSWORD)
    assert [r.name for r in citizens.search(database, mette, "ANNA Østergaard").items] == ["Anna Østergaard"]
    assert [r.name for r in citizens.search(database, mette, "ren001 STERG").items] == ["Karen001 Vestergaard"]
    assert citizens.search(database, mette, "anna vester").total == 0
    assert citizens.search(database, mette, "nobody").items == [] and citizens.search(database, mette, "nobody").total == 0


def test_the_birth_date_order_pages_the_same_matches(database):
    build_world(database)
    _add_namesakes(database, 60)
    mette = authenticate(database, "mette", PASSWORD)
    pages = [citizens.search(database, mette, "vester", PageRequest.of(p, 25), sort="foedselsdato") for p in (1, 2, 3)]
    births = [r.birth_date for p in pages for r in p.items]
    assert all(p.total == 60 for p in pages) and len(births) == 60 and births == sorted(births)


def test_postgresql_has_the_trigram_indexes_of_the_names(database):
    if not database.engine.dialect.name == "postgresql":
        return
    with database.engine.connect() as conn:
        names = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'citizens'")).scalars())
    assert {"ix_citizens_first_name_trgm", "ix_citizens_last_name_trgm"} <= names
