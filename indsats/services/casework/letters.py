"""Letters to the citizen as PDF (WeasyPrint, Danish): the meeting invitation and the hearing (partshøring).

Each letter sent is kept in the journal (``journal_notes`` with kind ``letter``) with its
text, so the case shows what was sent and the PDF can be printed again as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from jinja2 import Environment, select_autoescape
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.formatting import dato
from indsats.domain.models import User
from indsats.store.casework_tables import AppointmentRow, JournalNoteRow
from indsats.store.tables import BenefitSpellRow, CaseworkerRow, CitizenRow, MunicipalityRow

_ENV = Environment(autoescape=select_autoescape(default=True))
_LETTER = _ENV.from_string("""<!doctype html><html lang="da"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>@page { size: A4; margin: 22mm 20mm; } body { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt;
line-height: 1.45; } .from { color: #444; } h1 { font-size: 15pt; margin: 18mm 0 6mm; } h2 { font-size: 11pt;
margin: 5mm 0 1mm; } .to { margin-top: 10mm; } .meta { color: #444; }</style></head><body>
<p class="from">{{ municipality }} Kommune · Jobcenter {{ municipality }}</p>
<p class="to">{{ name }}<br>{{ address }}</p>
<p class="meta">Dato: {{ today }}</p>
<h1>{{ title }}</h1>
{% for heading, text in sections %}{% if heading %}<h2>{{ heading }}</h2>{% endif %}<p>{{ text }}</p>{% endfor %}
<p>Med venlig hilsen<br>{{ sender }}<br>Jobcenter {{ municipality }}</p>
</body></html>""")


@dataclass(frozen=True)
class Letter:
    title: str
    sections: list[tuple[str, str]]

    def as_text(self) -> str:
        return "\n\n".join(f"{h}\n{t}" if h else t for h, t in self.sections)

    @staticmethod
    def from_text(title: str, text: str) -> Letter:
        sections = []
        for block in text.split("\n\n"):
            head, _, body = block.partition("\n")
            sections.append((head, body) if body else ("", head))
        return Letter(title, sections)


def _current_benefit(session: Session, citizen_id: int, on) -> str | None:
    rows = session.query(BenefitSpellRow).filter(BenefitSpellRow.citizen_id == citizen_id,
                                                 BenefitSpellRow.start <= on).all()
    live = [r for r in rows if r.end is None or r.end > on]
    return max(live, key=lambda r: r.start).benefit if live else None


def consequence_of_absence(benefit: str | None) -> str:
    """What happens if the citizen does not attend, by benefit (the information the invitation must give)."""
    if benefit in ("cash_benefit", "education_benefit", "integration_benefit"):
        return ("Du har pligt til at deltage. Udebliver du uden rimelig grund, kan kommunen foretage fradrag i din "
                "hjælp for de dage, hvor du ikke har deltaget (lov om aktiv socialpolitik § 36). Du får mulighed for "
                "at forklare dig, før der træffes afgørelse.")
    if benefit == "unemployment_benefit":
        return ("Du har pligt til at deltage. Udebliver du uden rimelig grund, giver jobcentret besked til din "
                "a-kasse, som vurderer, om du står til rådighed og har ret til dagpenge (lov om en aktiv "
                "beskæftigelsesindsats § 21 b).")
    if benefit == "sickness_benefit":
        return ("Du har pligt til at medvirke til opfølgningen. Udebliver du uden rimelig grund, kan udbetalingen af "
                "sygedagpenge standses (sygedagpengeloven § 21).")
    return ("Du har pligt til at deltage. Udebliver du uden rimelig grund, kan det få betydning for din ydelse. "
            "Du får mulighed for at forklare dig, før der træffes afgørelse.")


def invitation(session: Session, appointment: AppointmentRow) -> Letter:
    from indsats.services.casework.appointments import CHANNEL_DA

    end = appointment.starts_at + timedelta(minutes=appointment.minutes)
    when = f"{dato(appointment.starts_at.date(), 'EEEE d. MMMM yyyy')} kl. {appointment.starts_at:%H.%M}–{end:%H.%M}"
    channel = CHANNEL_DA.get(appointment.channel, appointment.channel).lower()
    where = {"attendance": f"Fremmøde: {appointment.place or 'Jobcentret'}",
             "phone": f"Telefon: jobcentret ringer til dig{(' på ' + appointment.place) if appointment.place else ''}",
             "video": f"Video: {appointment.place or 'du får et link i en separat besked'}"}[appointment.channel]
    worker = session.get(CaseworkerRow, appointment.caseworker_id)
    benefit = _current_benefit(session, appointment.citizen_id, appointment.starts_at.date())
    return Letter("Indkaldelse til jobsamtale", [
        ("Tid", when),
        ("Sted", f"{where} (samtale ved {channel})."),
        ("Formål med samtalen", appointment.purpose),
        ("Hvis du ikke møder op", consequence_of_absence(benefit)),
        ("Hvis du er forhindret", "Kontakt jobcentret hurtigst muligt og senest før samtalen, hvis du er syg eller "
                                  "forhindret af en anden rimelig grund, så vi kan finde en ny tid."),
        ("Bisidder", "Du har ret til at tage en bisidder med til samtalen (forvaltningsloven § 8)."),
        ("Din sagsbehandler", worker.name if worker else "Jobcentret"),
    ])


def keep_in_journal(session: Session, user: User, citizen_id: int, letter: Letter) -> JournalNoteRow:
    row = JournalNoteRow(citizen_id=citizen_id, written_at=clock.now(), author=user.display_name or user.username,
                         kind="letter", title=letter.title, text=letter.as_text())
    session.add(row)
    session.flush()
    return row


def render_pdf(session: Session, user: User, citizen: CitizenRow, letter: Letter) -> bytes:
    from weasyprint import HTML

    municipality = session.get(MunicipalityRow, citizen.municipality_code)
    html = _LETTER.render(
        title=letter.title, sections=letter.sections, name=f"{citizen.first_name} {citizen.last_name}",
        address=", ".join(p for p in (citizen.address, f"{citizen.postcode} {citizen.city}".strip()) if p),
        municipality=municipality.name if municipality else "", today=dato(clock.today(), "d. MMMM yyyy"),
        sender=user.display_name or user.username)
    return HTML(string=html).write_pdf()
