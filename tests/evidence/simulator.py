"""A seeded weekly panel simulator whose truth is known, for the evidence tests.

Each person moves week by week between self-support and a benefit spell. On a main benefit
the weekly chance to leave depends on age, benefit group and readiness, elapsed duration and
earlier spells — the **true risk factors** — and on offers: an offer of type ``o`` lasts
``OFFER_WEEKS[o]`` weeks with a lock-in factor on the exit odds, then a post-offer factor
for the rest of the spell. Who starts an offer depends on the same confounders (early in the
spell, a-dagpenge and young persons get more offers, the activity-ready fewer), so a naive comparison is biased.

All random draws are drawn up front per person and week; the true effect of a start in week
``s`` is found by simulating the same person again from ``s`` with the start withheld (the
rest of the policy unchanged) and the same draws — so each start has its own counterfactual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

START = date(2020, 1, 6)  # a Monday, ISO week 2020-W02
GROUPS = [  # (benefit, readiness, share of entries, exit log-odds shift)
    ("unemployment_benefit", None, 0.45, 0.4),
    ("cash_benefit", "job_ready", 0.15, -0.2),
    ("cash_benefit", "activity_ready", 0.15, -1.6),
    ("education_benefit", "education_ready", 0.10, 0.1),
    ("sickness_benefit", None, 0.15, 0.2),
]
MAIN = [0, 1, 2, 3]
OFFERS = ["company_internship", "wage_subsidy", "guidance_and_upskilling"]
OFFER_WEEKS = [8, 20, 6]
LOCK_IN = [-0.6, -1.2, -0.5]  # log-odds of exit while in the offer
POST = [0.7, 1.0, 0.1]  # log-odds of exit after the offer, for the rest of the spell
OFFER_BASE = [-4.2, -4.8, -3.9]


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


@dataclass
class State:
    group: np.ndarray  # -1 = self-supporting
    duration: np.ndarray  # weeks in the current spell
    offer: np.ndarray  # -1 = none
    offer_left: np.ndarray
    post: np.ndarray  # offer type whose post-offer effect applies, -1 = none (one offer per spell)
    spells: np.ndarray  # spells started so far

    FIELDS = ("group", "duration", "offer", "offer_left", "post", "spells")

    def take(self, rows) -> State:
        return State(*(getattr(self, f)[rows].copy() for f in self.FIELDS))


@dataclass
class Start:
    person: np.ndarray
    week: np.ndarray  # observed week column of the start
    offer: np.ndarray
    before: State  # the state carried into the start week


class Simulation:
    def __init__(self, persons: int = 20_000, weeks: int = 260, burn_in: int = 104, seed: int = 0,
                 offer_scale: float = 1.0):
        self.n, self.weeks, self.burn_in = persons, weeks, burn_in
        self.offer_scale = offer_scale
        rng = np.random.default_rng(seed)
        total = weeks + burn_in
        self.age0 = rng.uniform(18, 64, persons) - burn_in / 52.18  # age at simulated week 0
        self.frail = rng.random(persons) < 0.3  # enters benefits more often (seen only through history)
        self.gender = rng.choice(np.array(["K", "M"]), persons)
        self.origin = rng.choice(np.array(["dansk", "vestlig", "ikke-vestlig"]), persons, p=[0.8, 0.08, 0.12])
        self.draws = rng.random((4, persons, total), dtype=np.float32)  # exit, offer, entry, group
        self.offer_pick = rng.integers(0, len(OFFERS), (persons, total), dtype=np.int8)
        self.group = np.full((persons, total), -1, np.int8)
        self.offer = np.full((persons, total), -1, np.int8)
        state = State(np.full(persons, -1), np.zeros(persons, int), np.full(persons, -1), np.zeros(persons, int),
                      np.full(persons, -1), np.zeros(persons, int))
        everyone = np.arange(persons)
        starts = []
        for t in range(total):
            after, shown, start = self.step(state, np.full(persons, t), everyone)
            if t >= burn_in and start.any():
                rows = np.flatnonzero(start)
                starts.append((rows, t - burn_in, state.take(rows), shown[rows]))
            self.group[:, t] = after.group
            self.offer[:, t] = shown
            state = after
        self.starts = Start(
            np.concatenate([r for r, _, _, _ in starts]),
            np.concatenate([np.full(len(r), t) for r, t, _, _ in starts]),
            np.concatenate([o for _, _, _, o in starts]),
            State(*(np.concatenate([getattr(b, f) for _, _, b, _ in starts]) for f in State.FIELDS)),
        )

    def exit_logit(self, s: State, t, rows) -> np.ndarray:
        age = self.age0[rows] + t / 52.18
        shift = np.array([g[3] for g in GROUPS])[np.maximum(s.group, 0)]
        x = -2.2 + shift - 0.25 * np.log1p(s.duration) - 0.035 * (age - 40) - 0.08 * np.minimum(s.spells, 6)
        x = x + np.where(s.offer >= 0, np.array(LOCK_IN)[np.maximum(s.offer, 0)], 0.0)
        return x + np.where((s.offer < 0) & (s.post >= 0), np.array(POST)[np.maximum(s.post, 0)], 0.0)

    def offer_logit(self, s: State, t, rows) -> np.ndarray:
        age = self.age0[rows] + t / 52.18
        base = np.array(OFFER_BASE)[self.offer_pick[rows, t]] + np.log(self.offer_scale)
        return (base + 1.2 * (s.duration <= 13) - 0.03 * (age - 40)
                - 0.5 * (s.group == 2) + 0.3 * (s.group == 1) + 0.6 * (s.group == 0))

    def step(self, s: State, t: np.ndarray, rows: np.ndarray, withhold=None):
        """One week: exit, entry, then the offer decision. Returns (state after, offer shown, started)."""
        on = s.group >= 0
        leave = on & (self.draws[0, rows, t] < sigmoid(self.exit_logit(s, t, rows)))
        entry_p = np.where(self.frail[rows], 0.012, 0.004) * (1 + 0.3 * np.minimum(s.spells, 4))
        enter = ~on & (self.draws[2, rows, t] < entry_p)
        shares = np.cumsum([g[2] for g in GROUPS])
        new_group = np.searchsorted(shares, self.draws[3, rows, t] * shares[-1])
        stay = on & ~leave
        n = State(
            group=np.where(leave, -1, np.where(enter, new_group, s.group)),
            duration=np.where(stay, s.duration + 1, np.where(enter, 1, 0)),
            offer=np.where(stay, s.offer, -1),
            offer_left=np.where(stay, s.offer_left, 0),
            post=np.where(stay, s.post, -1),
            spells=s.spells + enter,
        )
        eligible = stay & np.isin(n.group, MAIN) & (n.offer < 0) & (n.post < 0)
        start = eligible & (self.draws[1, rows, t] < sigmoid(self.offer_logit(n, t, rows)))
        if withhold is not None:
            start &= ~withhold
        pick = self.offer_pick[rows, t]
        n.offer = np.where(start, pick, n.offer)
        n.offer_left = np.where(start, np.array(OFFER_WEEKS)[pick], n.offer_left)
        shown = n.offer.copy()
        running = n.offer >= 0
        n.offer_left = np.where(running, n.offer_left - 1, 0)
        done = running & (n.offer_left <= 0)
        n.post = np.where(done, n.offer, n.post)
        n.offer = np.where(done, -1, n.offer)
        return n, shown, start

    def true_effects(self, first: int, last: int, horizon: int) -> dict[str, dict]:
        """Per offer: the mean over starts in columns first..last of Y(start) - Y(withheld) at s + horizon.

        Y = self-supporting (no row) in week s + horizon, both paths on the same draws."""
        st = self.starts
        pick = (st.week >= first) & (st.week <= last) & (st.week + horizon < self.weeks)
        rows, week = st.person[pick], st.week[pick] + self.burn_in
        state = st.before.take(pick)
        for k in range(horizon + 1):
            state, _, _ = self.step(state, week + k, rows, withhold=np.full(len(rows), k == 0))
        y0 = state.group < 0
        y1 = self.group[rows, week + horizon] < 0
        out = {}
        for o, name in enumerate(OFFERS):
            mask = st.offer[pick] == o
            out[name] = {"starts": int(mask.sum()), "treated_rate": float(y1[mask].mean()),
                         "effect": float((y1[mask].astype(float) - y0[mask]).mean())}
        return out

    # -- the panel --------------------------------------------------------------------------
    def panel_columns(self):
        """(person, week column, group, offer) of every row in the observed weeks."""
        g = self.group[:, self.burn_in:]
        o = self.offer[:, self.burn_in:]
        p, t = np.nonzero(g >= 0)
        return p, t, g[p, t], o[p, t]

    def write(self, folder, stem: str = "panel", suffix: str = ".parquet"):
        """Write PANEL and PERSONS files; returns their paths."""
        p, t, g, o = self.panel_columns()
        week_names = np.array([iso_week(START + timedelta(weeks=k)) for k in range(self.weeks)])
        ids = np.array([f"S{k:06d}" for k in range(self.n)])
        benefit = np.array([x[0] for x in GROUPS])[g]
        readiness = np.array([x[1] or "" for x in GROUPS])[g]
        offer = np.where(o >= 0, np.array(OFFERS)[np.maximum(o, 0)], "")
        panel = pa.table({"person_id": ids[p], "week": week_names[t], "benefit": benefit,
                          "readiness": pa.array(readiness).cast(pa.string()),
                          "offer": pa.array(offer).cast(pa.string())})
        born = [START - timedelta(days=int(a * 365.25)) for a in self.age0 + self.burn_in / 52.18]
        persons = pa.table({"person_id": ids, "birth_date": [d.isoformat() for d in born],
                            "gender": self.gender, "origin": self.origin})
        panel_path, persons_path = folder / f"{stem}{suffix}", folder / f"{stem}-persons{suffix}"
        if suffix == ".parquet":
            pq.write_table(panel, panel_path)
            pq.write_table(persons, persons_path)
        else:
            import pyarrow.csv as pacsv

            pacsv.write_csv(panel, panel_path)
            pacsv.write_csv(persons, persons_path)
        return panel_path, persons_path

    def week(self, column: int) -> str:
        return iso_week(START + timedelta(weeks=column))


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
