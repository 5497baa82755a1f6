"""Tables of the company network (seed 002, Hedensted): mentors in companies and the mentor courses
they took, network meetings with the companies present, the partner companies of a company centre,
and small jobs (småjob: a few ordinary hours a week at ordinary pay) with their follow-up."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class MentorCourseRow(Base):
    """A mentor course (mentorkursus) the jobcenter holds for companies' employees."""

    __tablename__ = "mentor_courses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    place: Mapped[str] = mapped_column(String(200), default="")


class MentorRow(Base):
    """A company's employee who supports colleagues as a mentor; ``course_id`` the course taken, on ``course_on``."""

    __tablename__ = "mentors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_cvr: Mapped[str] = mapped_column(ForeignKey("companies.cvr"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    course_id: Mapped[int | None] = mapped_column(ForeignKey("mentor_courses.id"), index=True)
    course_on: Mapped[date | None] = mapped_column(Date)


class NetworkMeetingRow(Base):
    """A network meeting (netværksmøde) for the companies' mentors and partners."""

    __tablename__ = "network_meetings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    topic: Mapped[str] = mapped_column(String(300))


class NetworkMeetingCompanyRow(Base):
    __tablename__ = "network_meeting_companies"
    __table_args__ = (UniqueConstraint("meeting_id", "company_cvr"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("network_meetings.id"), index=True)
    company_cvr: Mapped[str] = mapped_column(ForeignKey("companies.cvr"), index=True)


class CentrePartnerRow(Base):
    """A partner company in a company centre's agreement besides the host (Hedensted: ~15 companies in 4 centres)."""

    __tablename__ = "company_centre_partners"
    __table_args__ = (UniqueConstraint("centre_id", "company_cvr"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("company_centres.id"), index=True)
    company_cvr: Mapped[str] = mapped_column(ForeignKey("companies.cvr"), index=True)


class SmallJobRow(Base):
    """Småjob: a citizen's few ordinary hours a week at a company, with the next follow-up date."""

    __tablename__ = "small_jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    company_cvr: Mapped[str] = mapped_column(ForeignKey("companies.cvr"), index=True)
    hours_per_week: Mapped[int] = mapped_column(Integer)
    start: Mapped[date] = mapped_column(Date, index=True)
    end: Mapped[date | None] = mapped_column(Date)
    follow_up_on: Mapped[date] = mapped_column(Date, index=True)
    followed_up_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
