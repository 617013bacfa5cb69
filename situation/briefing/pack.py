"""The briefing pack, one call for the Briefing page and the command line.

    python -m situation.briefing --out pack.pptx [--lang kk|ru|en] [--countries ISO3,…] [--as-of TIME]

The format follows the file's extension (.pptx or .pdf). Progress lines go to stderr; exit 2
with a message on a bad extension, country or time. Both formats come from one content model
(situation.briefing.content), with each chart turned into a PNG once, here.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from situation.briefing.content import Pack, Progress, Slide, gather, placeholder
from situation.i18n import LANGS, t
from situation.queries.filters import Filters, parse_as_of, parse_countries

log = logging.getLogger(__name__)
FORMATS = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
           "pdf": "application/pdf"}
GATHER_SHARE = 0.35  # of the progress bar: queries and figures; the rest is drawing the charts


def render_images(pack: Pack, progress: Progress | None = None, lo: float = GATHER_SHARE, hi: float = 0.95) -> Pack:
    """Each figure slide gets payload['png']; a chart that fails to draw becomes a placeholder."""
    from situation.briefing.images import ExportUnavailable, to_image

    figs = [i for i, s in enumerate(pack.slides) if s.kind == "figure"]
    unavailable: str | None = None  # once Chromium is missing or hung, the other charts do not wait for it
    for n, i in enumerate(figs):
        s = pack.slides[i]
        if unavailable:
            pack.slides[i] = placeholder(s.title, unavailable, pack.lang)
            continue
        if progress:
            progress(lo + (hi - lo) * n / max(1, len(figs)), t("briefing.progress_chart", pack.lang, chart=s.title))
        try:
            s.payload["png"] = to_image(s.payload["figure"], "png")
        except ExportUnavailable as exc:  # no browser, or it crashed or hung: say so on every chart slide
            log.error("briefing charts cannot be drawn: %s", exc)
            unavailable = str(exc)
            pack.slides[i] = placeholder(s.title, unavailable, pack.lang)
        except Exception as exc:  # this chart alone failed: say so on its slide
            log.exception("briefing chart %s failed", s.title)
            pack.slides[i] = placeholder(s.title, f"{type(exc).__name__}: {exc}", pack.lang)
    return pack


def render(pack: Pack, fmt: str) -> bytes:
    if fmt == "pptx":
        from situation.briefing.render_pptx import render as pptx

        return pptx(pack)
    if fmt == "pdf":
        from situation.briefing.render_pdf import render as pdf

        return pdf(pack)
    raise ValueError(f"unknown pack format {fmt!r} (pptx or pdf)")


def build(f: Filters, fmt: str, marking: str | None = None, progress: Progress | None = None) -> bytes:
    """The whole pack for the filters as .pptx or .pdf bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown pack format {fmt!r} (pptx or pdf)")
    pack = render_images(gather(f, marking, _scaled(progress, 0, GATHER_SHARE)), progress)
    if progress:
        progress(0.96, t("briefing.progress_write", f.lang, fmt=fmt.upper()))
    out = render(pack, fmt)
    if progress:
        progress(1.0, t("briefing.progress_done", f.lang))
    return out


def _scaled(progress: Progress | None, lo: float, hi: float) -> Progress | None:
    if progress is None:
        return None
    return lambda p, msg: progress(lo + (hi - lo) * p, msg)


def slide_titles(pack: Pack) -> list[str]:
    return [s.title for s in pack.slides]


# --- command line --------------------------------------------------------------------------------

class UsageError(Exception):
    pass


def _filters(lang: str, countries: str | None, as_of: str | None) -> Filters:
    from situation.queries import common as queries
    codes = parse_countries(countries)
    if codes:
        known = set(queries.countries_table()["iso3"])
        bad = [c for c in codes if c not in known]
        if bad:
            raise UsageError(t("briefing.cli_bad_country", lang, codes=", ".join(bad)))
    # No --as-of: the moment the dashboard opens on (queries.opening_moment); "now" forces live.
    moment = queries.opening_moment() if not as_of else None
    if as_of and as_of.lower() != "now":
        moment = parse_as_of(as_of)
        if moment is None:
            raise UsageError(t("briefing.cli_bad_time", lang, time=as_of))
    return Filters(lang, codes, moment)


def main(argv: list[str] | None = None, err: Callable[[str], None] | None = None) -> int:
    from situation.i18n import default_lang
    from situation.queries.warehouse import NoWarehouse

    say = err or (lambda s: print(s, file=sys.stderr, flush=True))
    ap = argparse.ArgumentParser(prog="python -m situation.briefing",
                                 description="Build the briefing pack (.pptx or .pdf) for the given filters.")
    ap.add_argument("--out", required=True, help="output file; .pptx or .pdf")
    ap.add_argument("--lang", choices=LANGS, default=default_lang())
    ap.add_argument("--countries", help="ISO3 codes separated by commas (default: all)")
    ap.add_argument("--as-of", dest="as_of", help="moment in UTC, e.g. 2026-03-04T18:00, or 'now' (default: the moment the dashboard opens "
                         "on: the embedded sample's last report, else now)")
    ap.add_argument("--marking", help="sensitivity marking (default: SITROOM_MARKING or the language's)")
    a = ap.parse_args(argv)
    out = Path(a.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        say(t("briefing.cli_bad_ext", a.lang, ext=out.suffix or "—"))
        return 2
    try:
        f = _filters(a.lang, a.countries, a.as_of)
        started = time.perf_counter()
        data = build(f, fmt, a.marking, lambda p, msg: say(f"[{p * 100:3.0f}%] {msg}"))
    except UsageError as exc:
        say(str(exc))
        return 2
    except NoWarehouse as exc:
        say(t("briefing.cli_no_warehouse", a.lang, path=str(exc)))
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    say(t("briefing.cli_written", a.lang, path=str(out), seconds=f"{time.perf_counter() - started:.1f}"))
    return 0


__all__ = ["FORMATS", "Slide", "build", "main", "render", "render_images", "slide_titles"]

if __name__ == "__main__":  # python -m situation.briefing.pack; the public form is -m situation.briefing
    sys.exit(main())
