"""Write the embedded sample's citizen-contact files (illustrative, marked SAMPLE):

- data/sample/hotline_2026-02-28_2026-03-11.csv — the missions' hotlines and chats, 12-hour
  periods from 2026-02-28 00:00 to 2026-03-11 12:00 UTC, per mission, country, channel, topic;
- data/sample/alerts_kaspi_2026-03.csv — three Kaspi push campaigns (Russian headers), the
  messages in Kazakh and Russian as sent.

The hotline figures follow a simple queue per mission, channel, country and topic: requests
arrive in proportion to the citizens there (most in the first days, most of them asking to
leave), most are answered within the period, the rest wait (open_at_end) — so every row passes
the loader's checks (resolved never above received plus what was open before). Deterministic:

    .venv/bin/python tools/make_sample_contact.py           # write both files
    .venv/bin/python tools/make_sample_contact.py --check   # exit 1 if the committed files differ
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOTLINE = ROOT / "data" / "sample" / "hotline_2026-02-28_2026-03-11.csv"
ALERTS = ROOT / "data" / "sample" / "alerts_kaspi_2026-03.csv"
MARK = "# SAMPLE DATA — illustrative citizen contact (hotlines, chats, Kaspi alerts); not real figures"

START, END = dt.datetime(2026, 2, 28), dt.datetime(2026, 3, 11, 12)
STEP = dt.timedelta(hours=12)
# mission, country, channels, citizens there (sample scale), reports the oldest open request's age
LINES = [
    ("KZ-CG-DXB", "ARE", ("phone", "whatsapp"), 2950, True),
    ("KZ-EMB-ABU", "ARE", ("phone",), 550, False),
    ("KZ-CG-JED", "SAU", ("phone", "whatsapp"), 2780, True),
    ("KZ-EMB-RUH", "SAU", ("phone", "telegram"), 220, False),
    ("KZ-EMB-DOH", "QAT", ("phone", "whatsapp"), 1500, True),
    ("KZ-EMB-KWI", "KWT", ("phone",), 134, False),
    ("KZ-EMB-KWI", "BHR", ("phone",), 168, False),
    ("KZ-EMB-AMM", "JOR", ("phone", "telegram"), 134, False),
    ("KZ-EMB-TLV", "ISR", ("phone",), 100, False),
    ("KZ-EMB-THR", "IRN", ("phone", "telegram"), 110, True),
]
TOPICS = ("leave", "medical", "documents", "money", "housing", "information", "other")


def _rate(day: float) -> float:
    """Requests per citizen per 12 h: the first days' rush, the airlift week, then quieter."""
    return 0.012 + 0.05 * max(0.0, 1 - abs(day - 2.5) / 3.5) + (0.01 if 3 <= day <= 8 else 0.0)


def _weights(day: float) -> list[float]:
    leave = 0.55 if day < 6 else 0.3
    return [leave, 0.05, 0.14 if day < 6 else 0.2, 0.06, 0.08 if day < 5 else 0.04, 0.1, 0.02]


def hotline_rows() -> list[list[str]]:
    rng = random.Random(16)
    rows = []
    queue: dict[tuple, int] = {}
    t = START
    while t < END:
        day = (t - START) / dt.timedelta(days=1)
        for mission, iso3, channels, citizens, ages in LINES:
            for ch_no, channel in enumerate(channels):
                share = 0.65 if ch_no == 0 else 0.35
                if len(channels) == 1:
                    share = 1.0
                expected = citizens * _rate(day) * share
                for topic, w in zip(TOPICS, _weights(day), strict=True):
                    key = (mission, iso3, channel, topic)
                    before = queue.get(key, 0)
                    received = max(0, round(rng.gauss(expected * w, (expected * w) ** 0.5 + 0.3)))
                    if before + received == 0:
                        continue
                    answered = 0.9 if day > 6 else 0.78 if topic != "leave" else 0.7
                    resolved = min(before + received, round((before + received) * rng.uniform(answered - 0.1, answered + 0.08)))
                    open_end = before + received - resolved
                    queue[key] = open_end
                    oldest = ""
                    if ages and open_end:
                        since_start = (t + STEP - START) // dt.timedelta(hours=1)  # nothing waits longer
                        oldest = f"{min(6 + 12 * (open_end > 3) + rng.randint(0, 10), 47, since_start)}"
                    rows.append([f"{t:%Y-%m-%d %H:%M}", f"{t + STEP:%Y-%m-%d %H:%M}", mission, iso3, channel, topic,
                                 str(received), str(resolved), str(open_end), oldest, ""])
        t += STEP
    return rows


HOTLINE_HEADER = ["period_start", "period_end", "mission", "country", "channel", "topic", "received", "resolved",
                  "open_at_end", "oldest_open_hours", "note"]

# Three Kaspi push campaigns: (campaign, sent_at UTC, {country: phones targeted}, {lang: text}).
CAMPAIGNS = [
    ("KASPI-0228-SAFETY", "2026-02-28 14:00",
     {"ARE": 2900, "SAU": 2600, "QAT": 1350, "BHR": 140, "KWT": 115, "JOR": 95, "ISR": 80, "IRN": 72},
     {"kk": "ҚР СІМ: Аймақтағы жағдайға байланысты қауіпсіз жерде болыңыз және жергілікті билік нұсқауларын "
            "орындаңыз. Елшілікте тіркеуден өтіңіз. Ресми ақпаратты тек СІМ арналарынан алыңыз.",
      "ru": "МИД РК: В связи с ситуацией в регионе оставайтесь в безопасном месте и следуйте указаниям местных "
            "властей. Встаньте на учёт в посольстве. Официальную информацию получайте только из каналов МИД."}),
    ("KASPI-0302-FLIGHTS", "2026-03-02 09:00",
     {"ARE": 3300, "SAU": 2850, "QAT": 1420},
     {"kk": "ҚР СІМ: Дубай мен Эр-Риядтан арнайы рейстер ұйымдастырылуда. Ұшқысы келетіндер елшіліктің немесе "
            "консулдықтың жедел желісі арқылы тізімге жазылсын. Алдымен қарттар, әйелдер және балалар ұшады.",
      "ru": "МИД РК: Из Дубая и Эр-Рияда организуются специальные рейсы. Желающим вылететь нужно записаться в "
            "список через горячую линию посольства или консульства. В первую очередь летят пожилые, женщины и дети."}),
    ("KASPI-0305-IRAN-LAND", "2026-03-05 08:00",
     {"IRN": 78},
     {"kk": "ҚР СІМ: Ирандағы азаматтар Армения (Нордуз – Агарак) және Түрікменстан арқылы құрлықпен шыға алады. "
            "Әзербайжанға кіру үшін арнайы рұқсат қажет. Жолға шықпас бұрын елшілікке хабарласыңыз.",
      "ru": "МИД РК: Граждане в Иране могут выехать по суше через Армению (Нордуз – Агарак) и Туркменистан. "
            "Для въезда в Азербайджан нужно специальное разрешение. Прежде чем отправиться в путь, свяжитесь с посольством."}),
]
ALERT_HEADER = ["кампания", "отправлено", "канал", "страна", "язык", "сообщение", "адресатов", "доставлено", "открыто",
                "примечание"]


def alert_rows() -> list[list[str]]:
    rng = random.Random(2026)
    rows = []
    for campaign, sent, audience, texts in CAMPAIGNS:
        for iso3, phones in audience.items():
            kk = round(phones * 0.45)
            for lang, n in (("kk", kk), ("ru", phones - kk)):
                delivered = round(n * rng.uniform(0.9, 0.97))
                opened = round(delivered * rng.uniform(0.55, 0.8))
                rows.append([campaign, sent, "kaspi", iso3, lang, texts[lang], str(n), str(delivered), str(opened), ""])
    return rows


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    buf.write(MARK + "\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def main(argv: list[str]) -> int:
    files = {HOTLINE: _csv(HOTLINE_HEADER, hotline_rows()), ALERTS: _csv(ALERT_HEADER, alert_rows())}
    if "--check" in argv:
        stale = [p.name for p, data in files.items() if not p.exists() or p.read_bytes() != data]
        for name in stale:
            print(f"{name} differs from what tools/make_sample_contact.py makes", file=sys.stderr)
        return 1 if stale else 0
    for p, data in files.items():
        p.write_bytes(data)
        rows = data.count(b"\n") - 2
        print(f"wrote {p.relative_to(ROOT)} ({rows} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
