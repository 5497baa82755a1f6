"""Logins for the load test in one process: ``load_logins.py MUNICIPALITY PASSWORD`` (INDSATS_DATABASE_URL).

load-sb0..11: the caseworkers with the largest caseloads; load-tl0..4: one caseworker per team as
team leader; load-ch0..2: managers. Existing logins are kept.
"""

from __future__ import annotations

import sys

from sqlalchemy import func, select

from indsats.domain.enums import Role
from indsats.services.accounts.auth import create_user
from indsats.services.shared.database import Database
from indsats.store.tables import CaseworkerRow, CitizenRow, UserRow

code, password = sys.argv[1:3]
db = Database()
with db.unit_of_work() as s:
    have = set(s.scalars(select(UserRow.username)))
    busiest = s.scalars(select(CitizenRow.caseworker_id).where(CitizenRow.municipality_code == code,
                                                                CitizenRow.caseworker_id.is_not(None))
                        .group_by(CitizenRow.caseworker_id).order_by(func.count().desc()).limit(12)).all()
    leaders = s.scalars(select(func.min(CaseworkerRow.id)).where(CaseworkerRow.municipality_code == code)
                        .group_by(CaseworkerRow.team_id).limit(5)).all()
    wanted = ([(f"load-sb{i}", Role.CASEWORKER, cw) for i, cw in enumerate(busiest)]
              + [(f"load-tl{i}", Role.TEAM_LEADER, cw) for i, cw in enumerate(leaders)]
              + [(f"load-ch{i}", Role.MANAGER, None) for i in range(3)])
    for username, role, worker in wanted:
        if username not in have:
            create_user(s, username=username, password=password, role=role, municipality_code=code,
                        caseworker_id=worker)
print(f"logins: {len(busiest)} caseworkers, {len(leaders)} team leaders, 3 managers (password {password!r})")
