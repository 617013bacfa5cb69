"""Small helpers for ETL tests: write a report, load it in-process, read back rejects."""
from __future__ import annotations

from pathlib import Path

from etl.load import Report, load_paths

HEADER = "as_of,mission,country,city,category,citizens,approximate,elderly,women,children,housed,contacted,casualties,note"


def report_csv(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def load_text(data: Path, name: str, text: str | bytes, encoding: str = "utf-8") -> Report:
    path = data / "inbox" / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return load_paths([path], data, data / "warehouse.duckdb")
