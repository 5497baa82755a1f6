"""The week matrix's integer codes (``weekmatrix``): benefit k = BENEFITS[k - 1], readiness
k = READINESS[k - 1]. Importable without NumPy, so the pages that name target groups start light."""

from __future__ import annotations

from ..analytics.contract import BENEFITS, READINESS
from ..domain.enums import Benefit, Readiness


def benefit_code(name: str) -> int:
    return BENEFITS.index(name) + 1


def readiness_code(name: str) -> int:
    return READINESS.index(name) + 1


UB = benefit_code(Benefit.UNEMPLOYMENT_BENEFIT)
CASH = benefit_code(Benefit.CASH_BENEFIT)
EDU = benefit_code(Benefit.EDUCATION_BENEFIT)
MAIN_BENEFITS = (UB, CASH, EDU)
JOB_READY = readiness_code(Readiness.JOB_READY)
EDU_READY = (readiness_code(Readiness.EDUCATION_READY), readiness_code(Readiness.OBVIOUSLY_EDUCATION_READY))
