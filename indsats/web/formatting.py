"""Danish formatting for templates (Babel): dates, numbers, percentages, labels."""

from __future__ import annotations

from indsats.domain import labels
from indsats.domain.formatting import dato, procent, tal  # shared with the result review


def begrundelser(reasons) -> str:
    """A match's reasons (``matching.reasons.Reason``) in Danish, as one line."""
    return " · ".join(r.da() for r in reasons)


def sprog(codes) -> str:
    """Language codes as Danish names: ``["da", "en"]`` → ``dansk, engelsk``."""
    return ", ".join(labels.LANGUAGE_DA.get(c, c) for c in codes or ())


def install(env) -> None:
    env.filters.update(dato=dato, tal=tal, procent=procent, begrundelser=begrundelser, sprog=sprog,
                       kilde=labels.for_users)
    env.globals.update(
        ydelse=lambda v: labels.label(labels.BENEFIT_DA, v),
        parathed=lambda v: labels.label(labels.READINESS_DA, v),
        tilbud=lambda v: labels.label(labels.OFFER_DA, v),
        samtaletype=lambda v: labels.label(labels.CONVERSATION_KIND_DA, v),
        samtalestatus=lambda v: labels.label(labels.CONVERSATION_STATUS_DA, v),
        rolle=lambda v: labels.label(labels.ROLE_DA, v),
    )
