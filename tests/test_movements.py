"""Evacuation movements (the flight/convoy list) and the evacuation_at contract: supersede and
time-travel rules, every reject reason, and figures computed by hand on a small operation."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import fetch
from tests.helpers import HEADER, load_text, report_csv

MOVE = ("reported_at,mission,flight,mode,from_country,from_place,to_place,scheduled,arrival,status,seats,passengers,"
        "elderly,women,children,medical,note")


def moves(*rows: str, header: str = MOVE) -> str:
    return "\n".join([header, *rows]) + "\n"


def rejects(data: Path) -> list[tuple]:
    return fetch(data / "warehouse.duckdb", "SELECT line, col, code, reason FROM rejects ORDER BY line")


def at(data: Path, t: str, flight: str) -> tuple | None:
    rows = fetch(data / "warehouse.duckdb", "SELECT status, seats, passengers FROM movements_at(CAST(? AS TIMESTAMP)) "
                 "WHERE flight = ?", [t, flight])
    return rows[0] if rows else None


def evac(data: Path, t: str) -> dict[str, tuple]:
    rows = fetch(data / "warehouse.duckdb",
                 "SELECT country_iso3, present, want_to_leave, evacuated, remaining, seats_next_72h, "
                 "strftime(next_departure, '%Y-%m-%d %H:%M'), round(days_to_clear, 4) "
                 "FROM evacuation_at(CAST(? AS TIMESTAMP)) ORDER BY 1", [t])
    return {r[0]: r[1:] for r in rows}


# --- supersede and time travel ---------------------------------------------------------------

def test_plan_departure_cancellation_and_correction_as_known_at_each_moment(tmp_data):
    rep = load_text(tmp_data, "m.csv", moves(
        "2026-03-05 09:00,KZ-CG-DXB,KC-1,air,UAE,DXB,ALA,2026-03-06 08:00,,planned,240,,,,,,",
        "2026-03-06 09:00,KZ-CG-DXB,KC-1,air,UAE,DXB,ALA,2026-03-06 08:00,,departed,240,230,,,,,",
        "2026-03-06 12:00,KZ-CG-DXB,KC-1,air,UAE,DXB,ALA,2026-03-06 08:00,,departed,240,221,,,,,"
        "correction: 9 counted twice",
        "2026-03-05 10:00,KZ-EMB-DOH,KC-2,air,Qatar,DOH,ALA,2026-03-07 10:00,,planned,343,,,,,,",
        "2026-03-06 20:00,KZ-EMB-DOH,KC-2,air,Qatar,DOH,ALA,2026-03-07 10:00,,cancelled,343,,,,,,no slot",
    ))
    assert rep.exit_code == 0, rejects(tmp_data)
    assert at(tmp_data, "2026-03-05 08:59", "KC-1") is None  # not known yet
    assert at(tmp_data, "2026-03-05 09:00", "KC-1") == ("planned", 240, None)
    assert at(tmp_data, "2026-03-06 10:00", "KC-1") == ("departed", 240, 230)
    assert at(tmp_data, "2026-03-06 12:00", "KC-1") == ("departed", 240, 221)  # the correction supersedes
    assert at(tmp_data, "2026-03-06 19:59", "KC-2") == ("planned", 343, None)
    assert at(tmp_data, "2026-03-06 20:00", "KC-2") == ("cancelled", 343, None)
    # A plan never counts as evacuated; the departure counts from its report on, as corrected.
    assert evac(tmp_data, "2026-03-06 07:00")["ARE"][2] == 0
    assert evac(tmp_data, "2026-03-06 10:00")["ARE"][2] == 230
    assert evac(tmp_data, "2026-03-06 13:00")["ARE"][2] == 221
    # The cancelled flight's seats were planned until the cancellation, then no more.
    assert evac(tmp_data, "2026-03-06 19:00")["QAT"][4] == 343
    assert "QAT" not in evac(tmp_data, "2026-03-06 21:00")  # no headcount, no departure, no plan left


def test_a_later_file_wins_a_tie_on_reported_at(tmp_data):
    row = "2026-03-06 09:00,KZ-CG-DXB,KC-1,air,UAE,DXB,ALA,2026-03-06 08:00,,departed,240,{},,,,,"
    assert load_text(tmp_data, "a.csv", moves(row.format(230))).exit_code == 0
    assert load_text(tmp_data, "b.csv", moves(row.format(229))).exit_code == 0
    assert at(tmp_data, "2026-03-07 00:00", "KC-1") == ("departed", 240, 229)


def test_status_going_back_needs_a_note_even_across_files(tmp_data):
    load_text(tmp_data, "a.csv", moves("2026-03-06 09:00,KZ-CG-DXB,KC-1,air,UAE,DXB,ALA,2026-03-06 08:00,,"
                                       "departed,240,230,,,,,"))
    rep = load_text(tmp_data, "b.csv", moves(
        "2026-03-06 10:00,KZ-CG-DXB,KC-1,air,UAE,DXB,ALA,2026-03-06 08:00,,planned,240,,,,,,",
        "2026-03-06 11:00,KZ-CG-DXB,KC-1,air,UAE,DXB,ALA,2026-03-07 08:00,,planned,240,,,,,,"
        "correction: it never left; delayed a day"))
    assert rep.exit_code == 1
    [(line, col, code, reason)] = rejects(tmp_data)
    assert (line, col, code) == (2, "status", "status_backwards")
    assert "departed" in reason and "planned" in reason and "note" in reason
    assert at(tmp_data, "2026-03-06 12:00", "KC-1") == ("planned", 240, None)  # the corrected plan stands


# --- every reject reason ---------------------------------------------------------------------

GOOD = {"reported_at": "2026-03-06 09:00", "mission": "KZ-CG-DXB", "flight": "KC-9", "mode": "air",
        "from_country": "UAE", "from_place": "DXB", "to_place": "ALA", "scheduled": "2026-03-06 08:00",
        "arrival": "", "status": "departed", "seats": "240", "passengers": "200", "elderly": "", "women": "",
        "children": "", "medical": "", "note": ""}


def _row(**change: str) -> str:
    return ",".join({**GOOD, **change}[k] for k in MOVE.split(","))


@pytest.mark.parametrize("change, col, code", [
    ({"reported_at": ""}, "reported_at", "missing_reported_at"),
    ({"reported_at": "yesterday"}, "reported_at", "bad_reported_at"),
    ({"reported_at": "2099-01-01 00:00"}, "reported_at", "future_reported_at"),
    ({"mission": ""}, "mission", "missing_mission"),
    ({"mission": "KZ-EMB-XXX"}, "mission", "unknown_mission"),
    ({"flight": " "}, "flight", "missing_flight"),
    ({"mode": "rocket"}, "mode", "bad_mode"),
    ({"from_country": "Atlantis"}, "from_country", "unknown_country"),
    ({"from_place": "Gotham"}, "from_place", "unknown_place"),
    ({"to_place": "Springfield"}, "to_place", "unknown_place"),
    ({"scheduled": "soon"}, "scheduled", "bad_scheduled"),
    ({"arrival": "later"}, "arrival", "bad_arrival"),
    ({"arrival": "2026-03-06 07:00"}, "arrival", "arrival_before_departure"),
    ({"status": "boarding"}, "status", "unknown_status"),
    ({"scheduled": "2026-03-06 15:00"}, "scheduled", "departed_before_scheduled"),
    ({"seats": "lots"}, "seats", "bad_count"),
    ({"passengers": "-3"}, "passengers", "bad_count"),
    ({"passengers": ""}, "passengers", "missing_passengers"),
    ({"passengers": "250"}, "passengers", "passengers_over_seats"),
    ({"children": "2.5"}, "children", "bad_count"),
    ({"elderly": "201"}, "passengers", "group_over_passengers"),
])
def test_every_reject_reason_names_the_column_and_the_good_row_still_loads(tmp_data, change, col, code):
    rep = load_text(tmp_data, "m.csv", moves(_row(**change), _row(flight="KC-10")))
    assert rep.exit_code == 1
    [(line, got_col, got_code, reason)] = rejects(tmp_data)
    assert (line, got_col, got_code) == (2, col, code)
    assert reason and "{}" not in reason
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT flight, line FROM movements") == [("KC-10", 3)]


def test_a_repeated_report_in_one_file_is_rejected(tmp_data):
    rep = load_text(tmp_data, "m.csv", moves(_row(), _row(passengers="199")))
    assert rep.exit_code == 1
    assert [r[2] for r in rejects(tmp_data)] == ["duplicate_report"]
    assert at(tmp_data, "2026-03-07 00:00", "KC-9") == ("departed", 240, 200)


def test_russian_headers_and_words(tmp_data):
    header = ("дата_сообщения,миссия,рейс,вид,откуда_страна,откуда,куда,отправление,прибытие,статус,места,"
              "пассажиры,пожилые,женщины,дети,нуждаются_в_медпомощи,примечание")
    rep = load_text(tmp_data, "m.csv", moves(
        "2026-03-06 09:00,KZ-EMB-THR,колонна-1,автобус,Иран,Mashhad,SARAKHS,2026-03-06 06:00,,отправлен,20,17,,,,,",
        header=header))
    assert rep.exit_code == 0, rejects(tmp_data)
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT flight, mode, from_iso3, status FROM movements") == [
        ("КОЛОННА-1", "land", "IRN", "departed")]


# --- evacuation_at on a hand-computed case ---------------------------------------------------

HC = HEADER + ",want_to_leave,medical"


def test_evacuation_at_figures_by_hand(tmp_data):
    # UAE: two rows, 300 + 100 present, 250 + 20 want to leave as of 03-06 06:00.
    # Iran: 50 present, want_to_leave not reported.
    load_text(tmp_data, "h.csv", report_csv(
        "2026-03-06 06:00,KZ-CG-DXB,UAE,Dubai,tourist,300,,,,,,,,,250,3",
        "2026-03-06 06:00,KZ-CG-DXB,UAE,Dubai,resident,100,,,,,,,,,20,",
        "2026-03-06 06:00,KZ-EMB-THR,Iran,Tehran,resident,50,,,,,,,,,,",
        header=HC))
    # An earlier group over land from Iran (evacuation report) counts in evacuated too.
    load_text(tmp_data, "e.csv", "date,from_country,from_city,via,to_country,people,mode,note\n"
                                 "2026-03-03 05:00,Iran,Tehran,NORDOOZ-AGARAK,Armenia,20,land,\n")
    load_text(tmp_data, "m.csv", moves(
        # departed before the headcount's as_of: evacuated, but not taken off want_to_leave
        "2026-03-05 12:00,KZ-CG-DXB,KC-A,air,UAE,DXB,ALA,2026-03-05 10:00,,departed,200,180,,,,,",
        # departed after it: taken off want_to_leave
        "2026-03-06 12:00,KZ-CG-DXB,KC-B,air,UAE,DXB,ALA,2026-03-06 10:00,,departed,200,190,,,,,",
        # planned within 72 h of 03-06 18:00 (03-07 08:00 and 03-09 12:00), one beyond (03-10)
        "2026-03-06 12:00,KZ-CG-DXB,KC-C,air,UAE,DXB,ALA,2026-03-07 08:00,,planned,30,,,,,,",
        "2026-03-06 12:00,KZ-CG-DXB,KC-D,air,UAE,DXB,ALA,2026-03-09 12:00,,confirmed,30,,,,,,",
        "2026-03-06 12:00,KZ-CG-DXB,KC-E,air,UAE,DXB,ALA,2026-03-10 08:00,,planned,500,,,,,,",
    ))
    assert rejects(tmp_data) == []
    got = evac(tmp_data, "2026-03-06 18:00")
    # present 400; want 270; evacuated 180 + 190 = 370; remaining 270 - 190 = 80;
    # seats in (t, t+72h] = 30 + 30 = 60; days = 80 / (60 / 3) = 4
    assert got["ARE"] == (400, 270, 370, 80, 60, "2026-03-07 08:00", 4.0)
    # Iran: want_to_leave not reported → remaining and days NULL; the land group counts.
    assert got["IRN"] == (50, None, 20, None, 0, None, None)
    # Two days later KC-C and KC-D are still only plans; KC-E now within 72 h: 500 + 30 seats.
    later = evac(tmp_data, "2026-03-08 12:00")["ARE"]
    assert later[3:6] == (80, 530, "2026-03-09 12:00")  # KC-C's time passed without a departure report
    assert later[6] == round(80 / (530 / 3), 4)


def test_no_capacity_and_nobody_left(tmp_data):
    load_text(tmp_data, "h.csv", report_csv(
        "2026-03-06 06:00,KZ-EMB-AMM,Jordan,Amman,tourist,40,,,,,,,,,40,",
        "2026-03-06 06:00,KZ-EMB-MCT,Oman,Muscat,tourist,10,,,,,,,,,10,", header=HC))
    load_text(tmp_data, "m.csv", moves(
        "2026-03-06 12:00,KZ-EMB-MCT,KC-M,air,Oman,MCT,ALA,2026-03-06 10:00,,departed,180,12,,,,,"))
    got = evac(tmp_data, "2026-03-06 18:00")
    assert got["JOR"][3:] == (40, 0, None, None)  # people remain, no seat planned: NULL days
    assert got["OMN"][3:] == (0, 0, None, 0.0)  # more left than registered: never below 0, done


def test_want_to_leave_over_citizens_is_rejected(tmp_data):
    rep = load_text(tmp_data, "h.csv", report_csv("2026-03-06 06:00,KZ-CG-DXB,UAE,Dubai,tourist,30,,,,,,,,,31,",
                                                  header=HC))
    assert rep.exit_code == 1
    assert [(r[1], r[2]) for r in rejects(tmp_data)] == [("want_to_leave", "more_than_citizens")]
