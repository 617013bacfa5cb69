"""Time logic: from classified NOTAMs (+ analysts' manual entries) to status intervals.

All times are naive datetimes meaning UTC; an end of None means open-ended (PERM, or not yet
known). Steps, each a pure function:

1. `effective_ends` — a NOTAMR ends the NOTAM it replaces when the replacement starts; a NOTAMC
   ends it when issued (its B)). An end earlier than the NOTAM's own stays (cancelling an expired
   NOTAM changes nothing). A replacement whose target was never seen simply stands alone. An
   `EST` (or UFN) end is only an estimate: the NOTAM stays in force past it until it is replaced
   or cancelled — Tehran's closures were routinely replaced 40–60 minutes after their EST end,
   and ending them on the estimate painted Iran open for that hour. The time past the estimate
   is an *overrun*, shown as such with its age.
2. `fir_intervals` — per FIR, the closed/restricted NOTAMs active at each moment; the worst one
   wins (closed > restricted > open). A whole-FIR "resumed normal operation" NOTAM ends earlier
   closures in its FIR. A manual entry wins over NOTAMs for its interval.
3. `with_coverage` — where nothing was heard about a FIR for longer than the stale setting, its
   status is `unknown`, never `open` (see `coverage`).
4. `country_intervals` — see its docstring for how several FIRs make one country status.
"""
from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

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
    overrun: bool = False  # the part of an EST NOTAM past its estimated end (still in force)
    est_end: datetime | None = None  # the estimated end (C) … EST) of that NOTAM


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
    overrun_since: datetime | None = None  # every NOTAM behind it is past its EST end, since then


def effective_ends(rows: Iterable[tuple]) -> dict[str, tuple[datetime | None, str | None]]:
    """(notam_id, kind, replaces, valid_from, valid_to[, estimated_end]) rows →
    {notam_id: (effective_end, replaced_by)}. An estimated end is no end: such a NOTAM runs
    (effective_end None) until a NOTAMR or NOTAMC for it starts."""
    rows = [tuple(r) + (False,) * (6 - len(r)) for r in rows]
    out: dict[str, tuple[datetime | None, str | None]] = {
        r[0]: (None if r[5] else r[4], None) for r in rows if r[1] != "C"}
    starts = {r[0]: r[3] for r in rows}
    # Oldest first, so a later replacement of the same target does not undo an earlier one.
    for nid, _kind, target, start, *_ in sorted((r for r in rows if r[1] in "RC" and r[2]), key=lambda r: r[3]):
        if target not in out:
            continue
        end, by = out[target]
        if by is not None:
            continue
        cut = max(start, starts[target])  # never before the target itself starts
        out[target] = ((cut if end is None else min(end, cut)), nid)
    return out


def split_overrun(e: Effect) -> list[Effect]:
    """An EST NOTAM in force past its estimate → [before the estimate, the overrun after it]."""
    x = e.est_end
    if x is None or x <= e.start or (e.end is not None and e.end <= x):
        return [e]
    return [Effect(e.start, x, e.status, e.ids, e.rule, True, e.manual, e.source_id, e.fir, False, x),
            Effect(x, e.end, e.status, e.ids, e.rule, False, e.manual, e.source_id, e.fir, True, x)]


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
        if (last and last.status == piece.status and last.manual == piece.manual and last.valid_to == t
                and (last.overrun_since is None) == (piece.overrun_since is None)):
            last.valid_to, last.estimated_end = piece.valid_to, piece.estimated_end
            last.notam_ids = sorted(set(last.notam_ids) | set(piece.notam_ids))
            last.firs |= piece.firs
            if not set(piece.rule.split(",")) <= set(last.rule.split(",")):
                last.rule = ",".join(sorted(set(last.rule.split(",")) | set(piece.rule.split(","))))
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
    An effect with `est_end` is split at it: the part after is an overrun, kept as a separate
    interval so the screen can say "estimated end passed 45 min ago, not yet replaced".

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
            kept += split_overrun(Effect(e.start, end, e.status, e.ids, e.rule, e.estimated and end == e.end, False,
                                         e.source_id, e.fir, False, e.est_end))
    manual = sorted(manual, key=lambda e: e.start)
    events = sorted([(e.start, 1, i) for i, e in enumerate(kept)] + [(e.end, -1, i) for i, e in enumerate(kept) if e.end]
                    + [(m.start, 2, i) for i, m in enumerate(manual)] + [(m.end, -2, i) for i, m in enumerate(manual) if m.end],
                    key=lambda x: (x[0], x[1] > 0))  # ends before starts at the same moment
    count = {("closed", False): 0, ("restricted", False): 0, ("closed", True): 0, ("restricted", True): 0}
    on: dict[int, Effect] = {}  # active manual rows
    segs: list[list] = []  # [status, from, to, manual effect or None, overrun]
    for j, (t, what, i) in enumerate(events):
        if what == 1:
            count[kept[i].status, kept[i].overrun] += 1
        elif what == -1:
            count[kept[i].status, kept[i].overrun] -= 1
        elif what == 2:
            on[i] = manual[i]
        else:
            on.pop(i, None)
        if j + 1 < len(events) and events[j + 1][0] == t:
            continue  # settle every change at this moment first
        m = max(on.values(), key=lambda e: e.start) if on else None
        closed = count["closed", False] + count["closed", True]
        restricted = count["restricted", False] + count["restricted", True]
        status = m.status if m else "closed" if closed else "restricted" if restricted else "open"
        overrun = m is None and status != "open" and count[status, False] == 0
        if segs and segs[-1][0] == status and segs[-1][3] is m and segs[-1][4] == overrun:
            continue
        if segs:
            segs[-1][2] = t
        segs.append([status, t, None, m, overrun])
    out: list[Interval] = []
    for status, a, b, m, overrun in segs:
        if m is not None:
            out.append(Interval(status, a, b, [], "manual", b is not None and b == m.end and m.estimated, True, m.source_id))
            continue
        behind = [e for e in kept if e.status == status and e.start < (b or NEVER) and (e.end is None or e.end > a)
                  and (not overrun or e.overrun)]
        if not behind:
            out.append(Interval("open", a, b, [], "no_active_restriction"))
            continue
        out.append(Interval(status, a, b, sorted({i for e in behind for i in e.ids}), ",".join(sorted({e.rule for e in behind})),
                            b is not None and any(e.end == b and e.estimated for e in behind), False, behind[0].source_id,
                            {e.fir for e in behind if e.fir},
                            max(e.est_end for e in behind if e.est_end) if overrun else None))
    return out


def coverage(seen: Iterable[tuple[datetime, datetime | None]], stale: timedelta) -> list[tuple[datetime, datetime]]:
    """When a FIR (or country) is known: each NOTAM or sheet row seen at `start` vouches for
    [start, start + stale], or up to its firm end when that is later (an authority that says
    "closed until 10 March" has spoken until then). Returns merged, sorted spans; None = no end."""
    spans = sorted((a, a + stale if b is None else max(a + stale, b)) for a, b in seen)
    out: list[list] = []
    for a, b in spans:
        if out and (out[-1][1] is None or a <= out[-1][1]):
            if out[-1][1] is not None and (b is None or b > out[-1][1]):
                out[-1][1] = b
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def with_coverage(ivs: list[Interval], spans: list[tuple[datetime, datetime | None]], rule: str = "stale_feed") -> list[Interval]:
    """The FIR's intervals where it is known (open where no interval speaks), `unknown` between
    and after the coverage spans. Starts at the first span: before it there is no interval at all
    (the macro's `no_interval`, also unknown)."""
    if not spans:
        return []
    out: list[Interval] = []

    def add(iv: Interval) -> None:
        last = out[-1] if out else None
        if (last and last.status == iv.status and last.valid_to == iv.valid_from and last.manual == iv.manual
                and last.rule == iv.rule and last.notam_ids == iv.notam_ids and last.overrun_since == iv.overrun_since):
            last.valid_to, last.estimated_end = iv.valid_to, iv.estimated_end
        else:
            out.append(iv)

    ivs = sorted(ivs, key=lambda i: i.valid_from)  # a FIR's intervals: disjoint, so also sorted by end
    first = 0  # intervals before it ended before the current span: never looked at again (linear)
    for k, (a, b) in enumerate(spans):
        t = a
        while first < len(ivs) and (ivs[first].valid_to or NEVER) <= a:
            first += 1
        for iv in ivs[first:]:
            end = iv.valid_to or NEVER
            if b is not None and iv.valid_from >= b:
                break
            if end <= t:
                continue
            if iv.valid_from > t:
                add(Interval("open", t, iv.valid_from, [], "no_active_restriction"))
                t = iv.valid_from
            stop = min(end, b or NEVER)
            add(Interval(iv.status, t, None if stop == NEVER else stop, list(iv.notam_ids), iv.rule,
                         iv.estimated_end and stop == end, iv.manual, iv.source_id, set(iv.firs), iv.overrun_since))
            t = stop
            if t == NEVER:
                break
        if t != NEVER and (b is None or t < b):
            add(Interval("open", t, b, [], "no_active_restriction"))
        if b is not None:
            nxt = spans[k + 1][0] if k + 1 < len(spans) else None
            add(Interval("unknown", b, nxt, [], rule))
    return out


def country_intervals(per_fir: dict[str, list[Interval]], firs: Sequence[str] | int, manual: Iterable[Effect] = ()) -> list[Interval]:
    """One country's intervals from the intervals of its FIRs.

    Combination: closed when every FIR of the country is closed; restricted when at least one
    FIR is closed or restricted; unknown when nothing is closed or restricted and some FIR is
    unknown (no interval or a stale feed); open only when every FIR is known to be open. Not
    simply "worst of its FIRs": with Ankara FIR (LTAA) closed and Istanbul FIR (LTBB) flying,
    citizens can still leave Turkey, and calling the country closed would mislead the consul
    planning departures. A manual country entry wins over all of this for its interval.
    `firs` lists the country's FIRs (from the `firs` table); an int n means n FIRs, all in
    `per_fir` or unnamed.
    """
    names = list(firs) if not isinstance(firs, int) else list(per_fir) + [f"?{i}" for i in range(firs - len(per_fir))]
    effects: list[Effect] = [
        # manual=False here: a FIR's manual entry already won inside that FIR; at country level it
        # competes with the other FIRs like any interval (its rule stays "manual").
        Effect(iv.valid_from, iv.valid_to, iv.status, tuple(iv.notam_ids), iv.rule, iv.estimated_end, False, iv.source_id,
               fir, iv.overrun_since is not None, iv.overrun_since)
        for fir, ivs in per_fir.items() for iv in ivs
    ]
    effects += list(manual)

    def combine(active: list[Effect]) -> Interval | None:
        manual_rows = [e for e in active if e.manual and e.fir is None]
        if manual_rows:
            return _worst(manual_rows)
        now = {e.fir: e for e in active if e.fir is not None}
        statuses = {f: (now[f].status if f in now else "unknown") for f in names}
        known = [e for e in active if e.fir is not None and e.status in SEVERITY]
        iv = _worst(known)
        if iv is not None:
            if iv.status == "closed" and any(s != "closed" for s in statuses.values()):
                iv.status, iv.rule = "restricted", "some_firs_closed"
            iv.manual = any(e.rule == "manual" for e in known if e.status == iv.status)
            lead = [e for e in known if e.status == iv.status]
            if lead and all(e.overrun for e in lead):
                iv.overrun_since = max(e.est_end for e in lead if e.est_end)
            return iv
        if "unknown" in statuses.values():
            why = sorted({now[f].rule for f in names if f in now and now[f].status == "unknown"}) or ["no_feed"]
            if any(f not in now for f in names):
                why = sorted(set(why) | {"no_feed"})
            return Interval("unknown", active[0].start if active else NEVER, None, [], ",".join(why),
                            firs={f for f, s in statuses.items() if s == "unknown"})
        return None  # every FIR known and open

    return sweep(effects, combine)
