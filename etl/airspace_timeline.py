"""Time logic: from classified NOTAMs (+ analysts' manual entries) to status intervals.

All times are naive datetimes meaning UTC; an end of None means open-ended (PERM, or not yet
known). Steps, each a pure function:

1. `effective_ends` — a NOTAMR ends the NOTAM it replaces when the replacement starts; a NOTAMC
   ends it when issued (its B)). An end earlier than the NOTAM's own stays (cancelling an expired
   NOTAM changes nothing). A replacement whose target was never seen simply stands alone.
2. `fir_intervals` — per FIR, the closed/restricted NOTAMs active at each moment; the worst one
   wins (closed > restricted > open). A whole-FIR "resumed normal operation" NOTAM ends earlier
   closures in its FIR. A manual entry wins over NOTAMs for its interval.
3. `country_intervals` — see its docstring for how several FIRs make one country status.
"""
from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

SEVERITY = {"open": 0, "restricted": 1, "closed": 2}
NEVER = datetime.max


@dataclass(frozen=True)
class Effect:
    """One thing that sets a status for a while: a NOTAM, a FIR interval, or a manual row."""
    start: datetime
    end: datetime | None
    status: str
    ids: tuple[str, ...]
    rule: str
    estimated: bool = False
    manual: bool = False
    source_id: int | None = None
    fir: str | None = None


@dataclass
class Interval:
    status: str
    valid_from: datetime
    valid_to: datetime | None
    notam_ids: list[str]
    rule: str
    estimated_end: bool = False
    manual: bool = False
    source_id: int | None = None
    firs: set[str] = field(default_factory=set)  # contributing FIRs (country level)


def effective_ends(rows: Iterable[tuple[str, str, str | None, datetime, datetime | None]]) -> dict[str, tuple[datetime | None, str | None]]:
    """(notam_id, kind, replaces, valid_from, valid_to) rows → {notam_id: (effective_end, replaced_by)}."""
    rows = list(rows)
    out: dict[str, tuple[datetime | None, str | None]] = {r[0]: (r[4], None) for r in rows if r[1] != "C"}
    starts = {r[0]: r[3] for r in rows}
    # Oldest first, so a later replacement of the same target does not undo an earlier one.
    for nid, kind, target, start, _ in sorted((r for r in rows if r[1] in "RC" and r[2]), key=lambda r: r[3]):
        if target not in out:
            continue
        end, by = out[target]
        if by is not None:
            continue
        cut = max(start, starts[target])  # never before the target itself starts
        out[target] = ((cut if end is None else min(end, cut)), nid)
    return out


def sweep(effects: Sequence[Effect], combine: Callable[[list[Effect]], Interval | None]) -> list[Interval]:
    """Cut time at every start and end; `combine` turns the effects active on each piece into an
    interval (None = open). Adjacent pieces with the same status and manual flag are merged."""
    if not effects:
        return []
    order = sorted(range(len(effects)), key=lambda i: effects[i].start)
    bounds = sorted({e.start for e in effects} | {e.end for e in effects if e.end is not None})
    active: dict[int, Effect] = {}
    ends: list[tuple[datetime, int]] = []
    out: list[Interval] = []
    k = 0
    for bi, t in enumerate(bounds):
        while ends and ends[0][0] <= t:
            active.pop(heapq.heappop(ends)[1], None)
        while k < len(order) and effects[order[k]].start <= t:
            i = order[k]
            e = effects[i]
            if e.end is None or e.end > t:
                active[i] = e
                if e.end is not None:
                    heapq.heappush(ends, (e.end, i))
            k += 1
        nxt = bounds[bi + 1] if bi + 1 < len(bounds) else None
        piece = combine(list(active.values())) or Interval("open", t, None, [], "no_active_restriction")
        piece.valid_from, piece.valid_to = t, nxt
        piece.estimated_end = nxt is not None and any(e.end == nxt and e.estimated for e in active.values())
        last = out[-1] if out else None
        if last and last.status == piece.status and last.manual == piece.manual and last.valid_to == t:
            last.valid_to, last.estimated_end = piece.valid_to, piece.estimated_end
            last.notam_ids = sorted(set(last.notam_ids) | set(piece.notam_ids))
            last.firs |= piece.firs
            if piece.rule not in last.rule.split(","):
                last.rule = ",".join(sorted(set(last.rule.split(",")) | {piece.rule}))
        else:
            out.append(piece)
    return out


def _worst(active: list[Effect]) -> Interval | None:
    """Manual entries win (the latest-starting one); otherwise the most severe NOTAM status."""
    manual = [e for e in active if e.manual]
    if manual:
        m = max(manual, key=lambda e: e.start)
        return Interval(m.status, m.start, m.end, list(m.ids), "manual", manual=True, source_id=m.source_id)
    real = [e for e in active if SEVERITY.get(e.status, 0) > 0]
    if not real:
        return None
    top = max(SEVERITY[e.status] for e in real)
    win = sorted((e for e in real if SEVERITY[e.status] == top), key=lambda e: e.ids)
    return Interval(win[0].status, win[0].start, win[0].end, sorted({i for e in win for i in e.ids}),
                    ",".join(sorted({e.rule for e in win})), source_id=win[0].source_id, firs={e.fir for e in win if e.fir})


def fir_intervals(notams: Iterable[Effect], manual: Iterable[Effect] = ()) -> list[Interval]:
    """Status intervals of one FIR from its NOTAM effects (status closed/restricted/open) and its
    manual rows. An "open" NOTAM (whole FIR resumed) ends every earlier closure still running.

    A FIR can have thousands of overlapping NOTAMs, so the sweep keeps counters per status
    (O(1) per start/end) and collects the NOTAM ids once per merged interval, not per piece.
    """
    notams = sorted(notams, key=lambda e: e.start)
    opens = sorted(e.start for e in notams if e.status == "open")
    kept: list[Effect] = []
    for e in notams:
        if e.status not in ("closed", "restricted"):
            continue
        end = e.end
        k = bisect.bisect_right(opens, e.start)  # the first "resumed" after this NOTAM started
        if k < len(opens) and (end is None or opens[k] < end):
            end = opens[k]
        if end is None or end > e.start:
            kept.append(Effect(e.start, end, e.status, e.ids, e.rule, e.estimated and end == e.end, False, e.source_id, e.fir))
    manual = sorted(manual, key=lambda e: e.start)
    events = sorted([(e.start, 1, i) for i, e in enumerate(kept)] + [(e.end, -1, i) for i, e in enumerate(kept) if e.end]
                    + [(m.start, 2, i) for i, m in enumerate(manual)] + [(m.end, -2, i) for i, m in enumerate(manual) if m.end],
                    key=lambda x: (x[0], x[1] > 0))  # ends before starts at the same moment
    count = {"closed": 0, "restricted": 0}
    on: dict[int, Effect] = {}  # active manual rows
    segs: list[list] = []  # [status, from, to, manual effect or None]
    for j, (t, what, i) in enumerate(events):
        if what == 1:
            count[kept[i].status] += 1
        elif what == -1:
            count[kept[i].status] -= 1
        elif what == 2:
            on[i] = manual[i]
        else:
            on.pop(i, None)
        if j + 1 < len(events) and events[j + 1][0] == t:
            continue  # settle every change at this moment first
        m = max(on.values(), key=lambda e: e.start) if on else None
        status = m.status if m else "closed" if count["closed"] else "restricted" if count["restricted"] else "open"
        if segs and segs[-1][0] == status and segs[-1][3] is m:
            continue
        if segs:
            segs[-1][2] = t
        segs.append([status, t, None, m])
    out: list[Interval] = []
    for status, a, b, m in segs:
        if m is not None:
            out.append(Interval(status, a, b, [], "manual", b is not None and b == m.end and m.estimated, True, m.source_id))
            continue
        behind = [e for e in kept if e.status == status and e.start < (b or NEVER) and (e.end is None or e.end > a)]
        if not behind:
            out.append(Interval("open", a, b, [], "no_active_restriction"))
            continue
        out.append(Interval(status, a, b, sorted({i for e in behind for i in e.ids}), ",".join(sorted({e.rule for e in behind})),
                            b is not None and any(e.end == b and e.estimated for e in behind), False, behind[0].source_id,
                            {e.fir for e in behind if e.fir}))
    return out


def country_intervals(per_fir: dict[str, list[Interval]], n_firs: int, manual: Iterable[Effect] = ()) -> list[Interval]:
    """One country's intervals from the intervals of its FIRs.

    Combination: closed when every FIR of the country is closed; restricted when at least one
    FIR is closed or restricted; open otherwise. Not simply "worst of its FIRs": with Ankara FIR
    (LTAA) closed and Istanbul FIR (LTBB) flying, citizens can still leave Turkey, and calling
    the country closed would mislead the consul planning departures. A country with one FIR
    takes that FIR's status. A manual country entry wins over all of this for its interval.
    `n_firs` is the number of FIRs the country has (from the `firs` table), ≥ 1.
    """
    effects: list[Effect] = [
        # manual=False here: a FIR's manual entry already won inside that FIR; at country level it
        # competes with the other FIRs like any interval (its rule stays "manual").
        Effect(iv.valid_from, iv.valid_to, iv.status, tuple(iv.notam_ids), iv.rule, iv.estimated_end, False, iv.source_id, fir)
        for fir, ivs in per_fir.items() for iv in ivs if iv.status != "open"
    ]
    effects += list(manual)

    def combine(active: list[Effect]) -> Interval | None:
        manual_rows = [e for e in active if e.manual and e.fir is None]
        if manual_rows:
            return _worst(manual_rows)
        closed_firs = {e.fir for e in active if e.status == "closed"}
        iv = _worst(active)
        if iv is None:
            return None
        if iv.status == "closed" and len(closed_firs) < max(n_firs, 1):
            iv.status, iv.rule = "restricted", "some_firs_closed"
        iv.manual = any(e.rule == "manual" for e in active if e.status == iv.status)
        return iv

    return sweep(effects, combine)
