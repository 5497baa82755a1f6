"""Demo data of the company network and the employment staircase (seed 002): mentor courses, mentors, network
meetings, centre partners and small jobs per municipality, and a staircase path with an integration start for
some of the unemployed — illustrative, seeded, written with the company demo (``company_demo``)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from indsats.store.company_tables import CompanyCentreRow, CompanyRow
from indsats.store.network_tables import (
    CentrePartnerRow,
    MentorCourseRow,
    MentorRow,
    NetworkMeetingCompanyRow,
    NetworkMeetingRow,
    SmallJobRow,
)
from indsats.store.programme_tables import IntegrationStartRow, StaircaseStepRow

FIRST = ("Søren", "Lene", "Mads", "Hanne", "Jesper", "Birgit", "Anders", "Maria", "Kim", "Tina")
LAST = ("Lund", "Holm", "Kjær", "Dahl", "Bach", "Vestergaard", "Bruun", "Skov")
TOPICS = ("Årligt mentornetværk: erfaringer fra året", "Småjob og ordinære timer", "Fastholdelse af nye medarbejdere")
PATH = ("language_school", "internship", "wage_subsidy", "igu", "ordinary_work")


def seed_network(session: Session, code: str, rng: random.Random, companies: list[CompanyRow],
                 unemployed: list[int], as_of: date) -> None:
    if not companies:
        return
    courses = []
    for i, days in enumerate((300, 90)):
        course = MentorCourseRow(municipality_code=code, title=f"Mentorkursus {i + 1}", held_on=as_of - timedelta(days=days),
                                 place="Jobcentret")
        session.add(course)
        courses.append(course)
    session.flush()
    for company in companies[:12]:
        for _ in range(rng.randint(1, 2)):
            course = rng.choice(courses + [None])
            session.add(MentorRow(company_cvr=company.cvr, name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                                  job_title="Mentor", course_id=course.id if course else None,
                                  course_on=course.held_on if course else None))
    for i, topic in enumerate(TOPICS):
        meeting = NetworkMeetingRow(municipality_code=code, held_on=as_of - timedelta(days=40 + 110 * i), topic=topic)
        session.add(meeting)
        session.flush()
        present = rng.sample(companies[:20], min(len(companies[:20]), rng.randint(4, 6)))
        session.add_all(NetworkMeetingCompanyRow(meeting_id=meeting.id, company_cvr=c.cvr) for c in present)
    hosts = {c.company_cvr: c.id for c in session.scalars(
        select(CompanyCentreRow).join(CompanyRow, CompanyRow.cvr == CompanyCentreRow.company_cvr)
        .where(CompanyRow.municipality_code == code))}
    for host, centre_id in hosts.items():
        others = [c for c in companies[:30] if c.cvr != host]
        session.add_all(CentrePartnerRow(centre_id=centre_id, company_cvr=c.cvr)
                        for c in rng.sample(others, min(3, len(others))))
    people = sorted(unemployed)
    rng.shuffle(people)
    for cid in people[:15]:
        start = as_of - timedelta(days=rng.randint(10, 200))
        follow = start + timedelta(days=28)
        done = follow + timedelta(days=rng.randint(-5, 5)) if follow < as_of and rng.random() < 0.8 else None
        session.add(SmallJobRow(citizen_id=cid, company_cvr=rng.choice(companies[:30]).cvr,
                                hours_per_week=rng.randint(4, 12), start=start, follow_up_on=follow,
                                followed_up_on=done, note="Går godt" if done else ""))
    for cid in people[15:45]:
        day = as_of - timedelta(days=rng.randint(400, 800))
        session.add(IntegrationStartRow(citizen_id=cid, responsibility_from=day,
                                        first_offer_on=day + timedelta(days=rng.randint(7, 45))))
        for position in PATH[:rng.randint(1, len(PATH))]:
            if day > as_of:
                break
            session.add(StaircaseStepRow(citizen_id=cid, on=day, position=position))
            day += timedelta(days=rng.randint(60, 220))
