"""Retention and deletion as dated data: the rules with their sources, the job on both sides of
each cut-off (SQLite and PostgreSQL), its audit row, the command and the managers' page."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from typer.testing import CliRunner

from indsats.cli import app as cli
from indsats.law.retention import rules_on
from indsats.services.accounts.retention import apply_retention
from indsats.store.account_tables import LoginFailureRow, LoginSessionRow
from indsats.store.tables import AuditRow, UserRow
from tests.casework.builders import build_world

from .web_login import login, make_client

AS_OF = date(2026, 11, 20)
MIDNIGHT = datetime(2026, 11, 20, tzinfo=UTC)
SESSION_CUTOFF = MIDNIGHT - timedelta(days=2)  # 1 day kept after the longest possible session (24 h)
FAILURE_CUTOFF = MIDNIGHT - timedelta(days=1)
MINUTE = timedelta(minutes=1)


def test_every_rule_has_a_source_and_unsourced_categories_are_manual_review_with_a_reason():
    rules = {r.category: r for r in rules_on(AS_OF)}
    assert {"login_sessions", "login_failures", "audit_log", "journal", "messages", "consents",
            "company_disclosures"} <= set(rules)
    assert all(r.source for r in rules.values())
    assert {c for c, r in rules.items() if r.action == "delete"} == {"login_sessions", "login_failures"}
    for r in rules.values():
        if r.action == "manual_review":
            assert r.reason and r.cutoff(AS_OF) is None
    assert "art. 5, stk. 1, litra e" in rules["login_sessions"].source
    assert "arkivbekendtgørelsen § 5, stk. 2" in rules["journal"].source
    assert rules_on(date(2018, 5, 24)) == []  # before the forordning applied no rule is in force


def test_the_manual_review_reasons_name_the_sources_read_and_what_was_searched_for_in_vain():
    rules = {r.category: r for r in rules_on(AS_OF)}
    for category in ("journal", "case_data", "messages", "company_disclosures"):
        assert "183" in rules[category].source  # Rigsarkivet's rules for municipal it-systems, 2018
        assert "kommunalbestyrelse" in rules[category].reason
    assert "FOB 08.399" in rules["journal"].source and "5 år efter sagens afslutning" in rules["journal"].reason
    assert "ophævet" in rules["audit_log"].source and "2024-32-0283" in rules["audit_log"].reason
    assert "sikkerhedspolitik" in rules["audit_log"].reason
    # a repealed rule is not entered as the current one: the audit log has no period on any day
    assert all(r.action == "manual_review" for d in (date(2018, 5, 25), AS_OF) for r in rules_on(d)
               if r.category == "audit_log")


def test_a_period_entered_for_a_category_the_job_cannot_select_deletes_nothing_and_says_so(database, monkeypatch):
    from dataclasses import replace

    from indsats.services.accounts import retention as job

    build_world(database)
    _seed(database)
    entered = [replace(r, action="delete", keep_days=5 * 365, reason="") if r.category == "audit_log" else r
               for r in rules_on(AS_OF)]
    monkeypatch.setattr(job, "rules_on", lambda day: entered)
    report = apply_retention(database, AS_OF)
    audit = {c.category: c for c in report.categories}["audit_log"]
    assert audit.action == "manual_review" and audit.deleted == 0 and "kan endnu ikke" in audit.reason
    with database.unit_of_work() as s:
        assert s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.username == "gammel")) == 1


def _seed(database) -> None:
    with database.unit_of_work() as s:
        user_id = s.scalar(select(UserRow.id).where(UserRow.username == "mette"))
        for n, created in enumerate([SESSION_CUTOFF - timedelta(days=30), SESSION_CUTOFF - MINUTE,
                                     SESSION_CUTOFF - 2 * MINUTE, SESSION_CUTOFF + MINUTE, MIDNIGHT]):
            s.add(LoginSessionRow(token_hash=f"{n:064d}", user_id=user_id, csrf_token="x", created_at=created,
                                  last_seen_at=created, client="1.2.3.4"))
        for at in [FAILURE_CUTOFF - MINUTE, FAILURE_CUTOFF + MINUTE, MIDNIGHT - MINUTE]:
            s.add(LoginFailureRow(at=at, username="mette", client="1.2.3.4"))
        s.add(AuditRow(at=MIDNIGHT - timedelta(days=4000), username="gammel", role="caseworker", citizen_id=None,
                       action="opslag for længe siden", municipality_code="250", kind="read"))


def _count(database, row_type) -> int:
    with database.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(row_type))


def test_the_job_deletes_only_what_is_past_its_cut_off_in_batches_and_audits_the_counts(database):
    build_world(database)
    _seed(database)
    audit_before = _count(database, AuditRow)
    preview = apply_retention(database, AS_OF, dry_run=True)
    counts = {c.category: c for c in preview.categories}
    assert counts["login_sessions"].expired == 3 and counts["login_failures"].expired == 1
    assert _count(database, LoginSessionRow) == 5 and _count(database, AuditRow) == audit_before  # nothing done

    seen: list[tuple[str, int, int]] = []
    report = apply_retention(database, AS_OF, batch=2, progress=lambda *a: seen.append(a))
    assert {c.category: c.deleted for c in report.categories if c.action == "delete"} == {
        "login_sessions": 3, "login_failures": 1}
    assert ("Log-ind-sessioner", 2, 3) in seen and ("Log-ind-sessioner", 3, 3) in seen  # two batches
    with database.unit_of_work() as s:
        kept = sorted(s.scalars(select(LoginSessionRow.created_at)).all())
        failures = s.scalars(select(LoginFailureRow.at)).all()
        runs = s.scalars(select(AuditRow.action).where(AuditRow.kind == "retention")).all()
        old_audit = s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.username == "gammel"))
    assert [k.replace(tzinfo=UTC) if k.tzinfo is None else k for k in kept] == [SESSION_CUTOFF + MINUTE, MIDNIGHT]
    assert len(failures) == 2
    assert runs == ["sletning pr. 2026-11-20: login_sessions 3, login_failures 1; manuel vurdering: 6 kategorier"]
    assert old_audit == 1  # the audit log is manual review: never deleted by the job
    # the next day the session created one minute after the cut-off has passed it too
    assert {c.category: c.deleted for c in apply_retention(database, AS_OF + timedelta(days=1)).categories
            if c.action == "delete"} == {"login_sessions": 1, "login_failures": 2}


def test_the_command_counts_in_a_dry_run_and_refuses_a_wrong_date(database):
    build_world(database)
    _seed(database)
    runner = CliRunner()
    result = runner.invoke(cli, ["retention", "apply", "--dry-run", "--as-of", "2026-11-20", "--database", database.url])
    assert result.exit_code == 0, result.output
    assert "prøvekørsel" in result.output and "Log-ind-sessioner: 3 udløbet" in result.output
    assert "Logning (opslag, videregivelser, udtræk, log-ind): manuel vurdering" in result.output
    assert _count(database, LoginSessionRow) == 5
    result = runner.invoke(cli, ["retention", "apply", "--as-of", "20-11-2026", "--database", database.url])
    assert result.exit_code == 2 and "er ikke en dato" in result.output
    result = runner.invoke(cli, ["retention", "apply", "--as-of", "2026-11-20", "--database", database.url])
    assert result.exit_code == 0 and "Log-ind-sessioner: 3 slettet" in result.output


def test_the_managers_page_shows_the_rules_their_sources_and_the_last_run(database):
    build_world(database)
    with make_client(database) as client:
        login(client, "leder250")
        page = client.get("/sletteregler")
        assert page.status_code == 200
        assert "Jobbet har ikke kørt endnu." in page.text
        assert "Manuel vurdering" in page.text and "Slettes efter 1 dag" in page.text
        assert "arkivbekendtgørelsen § 5, stk. 2" in page.text
        assert "Rigsarkivets bemyndigelse" in page.text and "bek. nr. 183 af 26. januar 2018" in page.text
        apply_retention(database)
        assert "sletning pr." in client.get("/sletteregler").text
    with make_client(database) as client:
        login(client, "mette")
        assert client.get("/sletteregler").status_code == 403
