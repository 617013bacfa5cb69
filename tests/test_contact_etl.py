"""Citizen contact on the write side: the hotline and alert-campaign kinds recognised by content in
three languages, every reject reason with its row, and the contract contact_at(t) on a case
computed by hand (two missions in one country, a period ending exactly at t, a period still
running at t, a correction, a campaign to several countries in two languages)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import fetch
from tests.helpers import load_text, report_csv

HOT = "period_start,period_end,mission,country,channel,topic,received,resolved,open_at_end,oldest_open_hours,note"
ALERT = "campaign,sent_at,channel,country,language,message,targeted,delivered,opened,note"
HC = "as_of,mission,country,city,category,citizens"


def rejects(data: Path) -> list[tuple]:
    return fetch(data / "warehouse.duckdb",
                 "SELECT s.original_name, r.line, r.col, r.code, r.reason FROM rejects r JOIN sources s USING (source_id) "
                 "ORDER BY r.source_id, r.line")


def contact(data: Path, t: str) -> dict[str, tuple]:
    rows = fetch(data / "warehouse.duckdb",
                 "SELECT country_iso3, present, requests_open, requests_24h, resolved_24h, oldest_open_hours, "
                 "last_campaign, strftime(last_alert_at, '%Y-%m-%d %H:%M'), alert_delivered, alert_opened, "
                 "round(alert_reach, 4) FROM contact_at(?::TIMESTAMP)", [t])
    return {r[0]: r[1:] for r in rows}


@pytest.fixture
def case(tmp_data: Path) -> Path:
    load_text(tmp_data, "heads.csv", report_csv(
        "2026-03-04 09:00,KZ-EMB-ABU,ARE,Abu Dhabi,tourist,100",
        "2026-03-04 09:00,KZ-CG-DXB,ARE,Dubai,tourist,300",
        "2026-03-04 09:00,KZ-EMB-DOH,QAT,Doha,transit,50",
        "2026-03-04 09:00,KZ-EMB-KWI,KWT,Kuwait City,resident,20", header=HC))
    rep = load_text(tmp_data, "hotline.csv", report_csv(
        "2026-03-03 12:00,2026-03-04 00:00,KZ-CG-DXB,ARE,phone,leave,30,20,10,8,",
        "2026-03-03 12:00,2026-03-04 00:00,KZ-CG-DXB,ARE,phone,documents,5,5,0,,",
        # ends exactly at t: counts at t
        "2026-03-04 00:00,2026-03-04 12:00,KZ-CG-DXB,ARE,phone,leave,12,15,7,14,",
        "2026-03-04 00:00,2026-03-04 12:00,KZ-CG-DXB,ARE,phone,medical,3,1,2,5,",
        "2026-03-03 18:00,2026-03-04 06:00,KZ-CG-DXB,ARE,whatsapp,leave,9,6,3,,",
        # still running at t: not counted yet
        "2026-03-04 06:00,2026-03-04 18:00,KZ-CG-DXB,ARE,whatsapp,leave,100,0,100,,",
        # another mission in the same country, its period overlapping the consulate's in time
        "2026-03-04 03:00,2026-03-04 09:00,KZ-EMB-ABU,ARE,phone,housing,4,2,2,,",
        # older than 24 h: still open at t, but not among the day's requests
        "2026-03-02 00:00,2026-03-03 00:00,KZ-EMB-KWI,KWT,phone,information,6,4,2,,", header=HOT))
    assert rep.exit_code == 0, rejects(tmp_data)
    rep = load_text(tmp_data, "alerts.csv", report_csv(
        "C1,2026-03-03 10:00,kaspi,ARE,kk,Қауіпсіз жерде болыңыз,200,180,100,",
        "C1,2026-03-03 10:00,kaspi,ARE,ru,Оставайтесь в безопасном месте,250,240,150,",
        "C1,2026-03-03 10:00,kaspi,QAT,kk,Қауіпсіз жерде болыңыз,40,38,20,",
        "C2,2026-03-04 10:00,kaspi,ARE,ru,Открыта запись на рейсы,300,290,,",
        "C3,2026-03-04 13:00,sms,QAT,en,Flights from Doha,60,60,60,", header=ALERT))
    assert rep.exit_code == 0, rejects(tmp_data)
    return tmp_data


def test_contact_at_by_hand(case):
    got = contact(case, "2026-03-04 12:00")
    # ARE open: DXB phone 7 + 2 (period ending at t) + DXB whatsapp 3 + ABU phone 2 = 14
    # 24 h: 35 + 15 (phone) + 9 (whatsapp) + 4 (ABU) = 63 received; 25 + 16 + 6 + 2 = 49 resolved
    # latest campaign by t is C2 (ARE only, opened not reported): 290 of 400 citizens
    assert got["ARE"] == (400, 14, 63, 49, 14.0, "C2", "2026-03-04 10:00", 290, None, 0.725)
    # C1 reached QAT too; C3 is sent after t
    assert got["QAT"] == (50, 0, 0, 0, None, "C1", "2026-03-03 10:00", 38, 20, 0.76)
    assert got["KWT"] == (20, 2, 0, 0, None, None, None, None, None, None)


def test_contact_at_a_minute_before_the_period_ends(case):
    got = contact(case, "2026-03-04 11:59")
    # DXB phone's latest period is the one ending at 00:00 (leave 10, documents 0): 10 + 3 + 2
    assert got["ARE"][:4] == (400, 15, 48, 33)  # resolved: 25 + 6 + 2


def test_campaign_in_two_languages_sums_and_reach_can_pass_one(case):
    got = contact(case, "2026-03-04 09:59")
    assert got["ARE"][5:] == ("C1", "2026-03-03 10:00", 420, 250, 1.05)


def test_a_resent_period_replaces_the_earlier_one(case):
    rep = load_text(case, "fix.csv", report_csv(
        "2026-03-03 18:00,2026-03-04 06:00,KZ-CG-DXB,ARE,whatsapp,leave,9,7,2,,", header=HOT))
    assert rep.exit_code == 0, rejects(case)
    assert contact(case, "2026-03-04 12:00")["ARE"][:4] == (400, 13, 63, 50)


def test_hotline_open_at_per_mission(case):
    rows = fetch(case / "warehouse.duckdb", "SELECT mission_id, sum(open_at_end) FROM hotline_open_at(TIMESTAMP "
                 "'2026-03-04 12:00') GROUP BY 1 ORDER BY 1")
    assert rows == [("KZ-CG-DXB", 12), ("KZ-EMB-ABU", 2), ("KZ-EMB-KWI", 2)]


def test_kazakh_and_russian_headers_are_recognised(tmp_data):
    kk = ("кезең_басы;кезең_соңы;өкілдік;ел;арна;тақырып;түсті;шешілді;соңында_ашық",
          "2026-03-04 00:00;2026-03-04 12:00;KZ-EMB-DOH;Қатар;телефон;кету;5;3;2")
    rep = load_text(tmp_data, "kk.csv", "\n".join(kk) + "\n")
    assert [o.kind for o in rep.outcomes] == ["hotline"] and rep.exit_code == 0, rejects(tmp_data)
    ru = ("кампания;отправлено;канал;страна;язык;сообщение;адресатов;доставлено;открыто",
          "К1;2026-03-04 10:00;Каспи;Катар;русский;Текст;10;9;5")
    rep = load_text(tmp_data, "ru.csv", "\n".join(ru) + "\n")
    assert [o.kind for o in rep.outcomes] == ["alerts"] and rep.exit_code == 0, rejects(tmp_data)
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT channel, topic FROM hotline_periods") == [("phone", "leave")]
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT channel, country_iso3, language FROM alert_campaigns") == [
        ("kaspi", "QAT", "ru")]


GOOD_H = "2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,leave,5,3,2,,"


@pytest.mark.parametrize("row, col, code, words", [
    ("yesterday,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,leave,5,3,2,,", "period_start", "bad_period_start", "yesterday"),
    ("2026-03-04 00:00,,KZ-EMB-DOH,QAT,phone,leave,5,3,2,,", "period_end", "bad_period_end", "not a date"),
    ("2026-03-04 12:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,leave,5,3,2,,", "period_end", "period_end_before_start", "not after"),
    ("2099-03-04 00:00,2099-03-04 12:00,KZ-EMB-DOH,QAT,phone,leave,5,3,2,,", "period_end", "future_period_end", "future"),
    ("2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOHA,QAT,phone,leave,5,3,2,,", "mission", "unknown_mission", "KZ-EMB-DOH?"),
    ("2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,Quatar,phone,leave,5,3,2,,", "country", "unknown_country", "Quatar"),
    ("2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,pigeon,leave,5,3,2,,", "channel", "unknown_channel", "pigeon"),
    ("2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,visa lottery,5,3,2,,", "topic", "unknown_topic", "visa lottery"),
    ("2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,leave,many,3,2,,", "received", "not_a_count", "many"),
    ("2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,leave,5,-3,2,,", "resolved", "not_a_count", "-3"),
    ("2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,leave,5,3,2.5,,", "open_at_end", "not_a_count", "2.5"),
    ("2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,leave,5,3,,,", "open_at_end", "not_a_count", "open_at_end"),
    ("2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,leave,5,3,2,soon,", "oldest_open_hours", "bad_oldest_open_hours", "soon"),
    ("2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,leave,5,9,2,,", "resolved", "resolved_above_received", "none reported before"),
])
def test_hotline_row_rejects(tmp_data, row, col, code, words):
    rep = load_text(tmp_data, "h.csv", report_csv(row, "2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,money,1,1,0,,",
                                                  header=HOT))
    assert rep.exit_code == 1
    [(name, line, got_col, got_code, reason)] = rejects(tmp_data)
    assert (name, line, got_col, got_code) == ("h.csv", 2, col, code)
    assert words in reason
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT line, topic FROM hotline_periods") == [(3, "money")]


def test_resolved_counts_what_was_open_before(tmp_data):
    load_text(tmp_data, "a.csv", report_csv("2026-03-03 12:00,2026-03-04 00:00,KZ-EMB-DOH,QAT,phone,leave,10,4,6,,", header=HOT))
    ok = load_text(tmp_data, "b.csv", report_csv("2026-03-04 00:00,2026-03-04 12:00,KZ-EMB-DOH,QAT,phone,leave,5,11,0,,",
                                                 header=HOT))
    assert ok.exit_code == 0, rejects(tmp_data)  # 11 ≤ 5 received + 6 open before
    bad = load_text(tmp_data, "c.csv", report_csv("2026-03-04 12:00,2026-03-05 00:00,KZ-EMB-DOH,QAT,phone,leave,1,2,0,,",
                                                  header=HOT))
    assert bad.exit_code == 1
    [(_n, line, col, code, reason)] = rejects(tmp_data)
    assert (line, col, code) == (2, "resolved", "resolved_above_received")
    assert "resolved (2) is more than received (1) plus the 0 open at the end of the previous period (2026-03-04 12:00)" in reason


def test_overlapping_periods_of_one_mission_and_channel(tmp_data):
    rep = load_text(tmp_data, "a.csv", report_csv(
        GOOD_H,
        "2026-03-04 06:00,2026-03-04 18:00,KZ-EMB-DOH,QAT,phone,medical,1,1,0,,",   # overlaps line 2
        "2026-03-04 06:00,2026-03-04 18:00,KZ-EMB-DOH,QAT,whatsapp,leave,1,1,0,,",  # another channel: fine
        "2026-03-04 06:00,2026-03-04 18:00,KZ-EMB-ABU,ARE,phone,leave,1,1,0,,",     # another mission: fine
        header=HOT))
    assert rep.exit_code == 1
    [(_n, line, col, code, reason)] = rejects(tmp_data)
    assert (line, col, code) == (3, "period_start", "overlapping_period")
    assert "2026-03-04 00:00 – 2026-03-04 12:00" in reason and "a.csv, line 2" in reason
    rep = load_text(tmp_data, "b.csv", report_csv("2026-03-04 11:00,2026-03-04 13:00,KZ-EMB-DOH,QAT,phone,leave,1,1,0,,",
                                                  header=HOT))
    assert rep.exit_code == 1
    assert rejects(tmp_data)[-1][:4] == ("b.csv", 2, "period_start", "overlapping_period")
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT count(*) FROM hotline_periods") == [(3,)]


def test_duplicate_hotline_row(tmp_data):
    rep = load_text(tmp_data, "d.csv", report_csv(GOOD_H, GOOD_H.replace(",5,3,2", ",6,3,3"), header=HOT))
    assert rep.exit_code == 1
    [(_n, line, _c, code, reason)] = rejects(tmp_data)
    assert (line, code) == (3, "duplicate_row") and "line 2" in reason


GOOD_A = "C1,2026-03-04 10:00,kaspi,QAT,kk,Мәтін,10,9,5,"


@pytest.mark.parametrize("row, col, code, words", [
    (",2026-03-04 10:00,kaspi,QAT,kk,Мәтін,10,9,5,", "campaign", "missing_campaign", "campaign is empty"),
    ("C1,tomorrow,kaspi,QAT,kk,Мәтін,10,9,5,", "sent_at", "bad_sent_at", "tomorrow"),
    ("C1,2099-03-04 10:00,kaspi,QAT,kk,Мәтін,10,9,5,", "sent_at", "future_sent_at", "future"),
    ("C1,2026-03-04 10:00,fax,QAT,kk,Мәтін,10,9,5,", "channel", "unknown_channel", "fax"),
    ("C1,2026-03-04 10:00,kaspi,Atlantis,kk,Мәтін,10,9,5,", "country", "unknown_country", "Atlantis"),
    ("C1,2026-03-04 10:00,kaspi,QAT,fr,Texte,10,9,5,", "language", "unknown_language", "fr"),
    ("C1,2026-03-04 10:00,kaspi,QAT,kk,,10,9,5,", "message", "missing_message", "message is empty"),
    ("C1,2026-03-04 10:00,kaspi,QAT,kk,Мәтін,ten,9,5,", "targeted", "not_a_count", "ten"),
    ("C1,2026-03-04 10:00,kaspi,QAT,kk,Мәтін,10,,5,", "delivered", "not_a_count", "delivered"),
    ("C1,2026-03-04 10:00,kaspi,QAT,kk,Мәтін,10,12,5,", "delivered", "delivered_above_targeted", "delivered (12) is more than targeted (10)"),
    ("C1,2026-03-04 10:00,kaspi,QAT,kk,Мәтін,10,9,-1,", "opened", "not_a_count", "-1"),
    ("C1,2026-03-04 10:00,kaspi,QAT,kk,Мәтін,10,9,10,", "opened", "opened_above_delivered", "opened (10) is more than delivered (9)"),
    (GOOD_A, None, "duplicate_row", "line 2"),
])
def test_alert_row_rejects(tmp_data, row, col, code, words):
    # the bad row first, then a good one; for the duplicate, the good row is the first line
    first, second = (GOOD_A, row) if code == "duplicate_row" else (row, GOOD_A.replace(",kk,", ",ru,"))
    text = report_csv(first, second, header=ALERT)
    rep = load_text(tmp_data, "a.csv", text)
    assert rep.exit_code == 1
    [(name, line, got_col, got_code, reason)] = rejects(tmp_data)
    assert (name, got_col, got_code) == ("a.csv", col, code)
    assert line == (3 if code == "duplicate_row" else 2)
    assert words in reason
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT count(*) FROM alert_campaigns") == [(1,)]
