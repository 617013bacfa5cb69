"""Alert campaigns: push notifications (Kaspi app), SMS and e-mail sent to citizens in a country,
one row per campaign, audience country and message language (template in data/templates/)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from etl import tabular
from etl.kinds.base import LoadResult
from etl.kinds.validation import Validation, load_validated
from etl.tabular import Column, TableSpec
from etl.warehouse import sql_file

SPEC = TableSpec("alerts", (
    Column("campaign", ("campaign_id", "кампания", "рассылка", "науқан", "тарату"), True),
    Column("sent_at", ("sent", "отправлено", "время_отправки", "жіберілді", "жіберілген_уақыты"), True),
    Column("channel", ("канал", "арна"), True),
    Column("country", ("audience", "country_iso3", "страна", "ел", "мемлекет"), True),
    Column("language", ("lang", "язык", "тіл"), True),
    Column("message", ("text", "сообщение", "текст", "хабарлама", "мәтін"), True),
    Column("targeted", ("sent_to", "адресатов", "получателей", "адресаттар", "алушылар"), True),
    Column("delivered", ("доставлено", "жеткізілді"), True),
    Column("opened", ("read", "открыто", "прочитано", "ашылды", "оқылды")),
    Column("note", ("comment", "примечание", "комментарий", "ескерту")),
))

ALERTS = Validation("alerts_validated.sql", "alert_campaigns", sql_file("store", "alert_campaigns_insert.sql"))


class AlertKind:
    name = "alerts"

    def sniff(self, head: bytes, path: Path) -> bool:
        return tabular.sniff(head, path, SPEC)

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        return load_validated(con, path, source_id, SPEC, ALERTS)

    def derive(self, con: duckdb.DuckDBPyConnection) -> None:
        return None


KIND = AlertKind()
