"""Charts and maps as images for briefings: one kept-alive kaleido server, figure → PNG/SVG bytes.

kaleido 1.x drives Debian's Chromium. A one-shot export starts a browser each time (≈3 s); a
server started once per process answers in ≈0.3–0.5 s. It is started lazily (a page that never
exports never starts Chromium) and stopped at exit. mathjax=False: otherwise a CDN script is
injected into the page, which an air-gapped machine cannot fetch.

Maps for exports are Plotly geo figures (no tiles): Plotly reads the world topojson from
static/ through pio.defaults.topojson, so nothing is fetched from Plotly's CDN.
"""
from __future__ import annotations

import atexit
import copy
import html
import logging
import os
import queue
import shutil
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

import config
from situation.display.countries_i18n import country_name
from situation.display.fonts import EXPORT_FONT_FAMILY
from situation.display.formatting import fmt_count, fmt_datetime
from situation.display.palette import FONT, NEUTRAL, STATUS_COLORS, plotly_layout
from situation.i18n import t

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 1600, 900  # briefing resolution (16:9, a projector's native shape)
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
CHROMIUM = "/usr/bin/chromium"
STATIC = config.ROOT / "static"

_lock = threading.Lock()
_call_lock = threading.Lock()  # the kaleido server answers one figure at a time, in order
_started = False
# Longest wait for one image. A healthy server answers in < 1 s (the first call also starts
# Chromium, ≈3 s); past this Chromium is taken as hung, and the server is restarted next time.
TIMEOUT = 30.0
INSTALL_HINT = "install Debian's chromium and fonts-noto-core (apt-get install chromium fonts-noto-core)"


class ExportUnavailable(RuntimeError):
    """Images cannot be drawn now (no browser, or it crashed or hung); the message says what to do."""


def browser_path() -> str:
    """The Chromium kaleido will drive: BROWSER_PATH if set, else Debian's. Checked before any
    start, because kaleido waits forever on a browser that never comes up."""
    wanted = os.environ.get("BROWSER_PATH")
    if wanted:
        if os.path.isfile(wanted) and os.access(wanted, os.X_OK):
            return wanted
        raise ExportUnavailable(f"BROWSER_PATH={wanted} is not an executable browser; {INSTALL_HINT} or point "
                                "BROWSER_PATH at it")
    found = CHROMIUM if os.path.exists(CHROMIUM) else (shutil.which("chromium") or shutil.which("chromium-browser"))
    if not found:
        raise ExportUnavailable(f"Chromium is not installed, so charts cannot be drawn as images; {INSTALL_HINT}")
    return found


def browser_available() -> bool:
    try:
        browser_path()
    except ExportUnavailable:
        return False
    return True


def topojson_url() -> str:
    """file:// URL of the repo's static/ folder (world_50m.json …), with the trailing slash
    plotly.js expects."""
    return STATIC.resolve().as_uri() + "/"


def ensure_server() -> None:
    """Start the export server once per process (thread-safe); stopped at interpreter exit."""
    global _started
    if _started and _server_alive():
        return
    with _lock:
        if _started and _server_alive():
            return
        if _started:  # its thread died with its browser: forget it and start afresh
            _forget_server()
        import kaleido
        import plotly.io as pio

        pio.defaults.topojson = topojson_url()
        path = browser_path()
        _quiet_server_deaths()
        kaleido.start_sync_server(path=path, mathjax=False, silence_warnings=True)
        atexit.register(stop_server)
        _started = True


def _quiet_server_deaths() -> None:
    """A browser that fails to start kills kaleido's server thread with a long traceback on
    stderr; to_image already reports it in one sentence, so log it as one line instead."""
    previous = threading.excepthook
    if getattr(previous, "_sitroom", False):
        return

    def hook(args: threading.ExceptHookArgs) -> None:
        if (args.exc_type.__module__ or "").startswith(("choreographer", "kaleido")):
            log.error("the export server stopped: %s", str(args.exc_value).splitlines()[0][:300] if args.exc_value else "")
            return
        previous(args)

    hook._sitroom = True  # type: ignore[attr-defined]
    threading.excepthook = hook


def _server() -> Any:
    # The singleton start_sync_server opens.
    from kaleido._sync_server import GlobalKaleidoServer

    return GlobalKaleidoServer()


def _server_alive() -> bool:
    srv = _server()
    thread = getattr(srv, "_thread", None)
    return bool(srv.is_running() and thread is not None and thread.is_alive())


def _forget_server() -> None:
    """Drop a dead or hung server without joining its thread (a hung one would never return), so
    the next export starts a new one."""
    global _started
    srv = _server()
    srv._initialized = False  # kaleido's close() would join the hung thread
    _started = False


def stop_server() -> None:
    global _started
    with _lock:
        if not _started:
            return
        import kaleido

        try:
            if _server_alive():
                kaleido.stop_sync_server(silence_warnings=True)
            else:
                _forget_server()
        finally:
            _started = False


@dataclass(frozen=True)
class Caption:
    """What an image put on a slide must say about itself, already translated and formatted."""
    scope: str    # the countries shown ("United Arab Emirates, Qatar" or "All countries")
    as_of: str    # the moment of the picture, Astana time with UTC beside it
    source: str   # where the figures come from
    marking: str  # the sensitivity marking (SITROOM_MARKING or the language's own)


def caption(lang: str, countries: Sequence[str], at: Any, names: Mapping[str, Any] | None = None,
            marking: str | None = None) -> Caption:
    """The caption of an exported chart for the page's filters."""
    nm = dict(names or {})
    scope = (", ".join(country_name(c, lang, nm) for c in countries) if countries
             else t("app.all_countries", lang))
    mark = marking if marking is not None else (
        config.setting("SITROOM_MARKING").strip() or t("briefing.marking_default", lang))
    return Caption(scope, t("export.as_of", lang, time=fmt_datetime(at, lang)), t("export.source_line", lang), mark)


def _wrap(text: str, width: int = 95) -> str:
    """Break a long title at a space (<br>): Plotly never wraps, and a clipped title on a slide
    is worse than two lines."""
    words, lines, line = text.split(" "), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    return "<br>".join([*lines, line]) if line else "<br>".join(lines)


def _stamp(fig: go.Figure, cap: Caption) -> None:
    """Header of an exported chart: its title, then the countries and the moment, then the source;
    the marking at the top right. All in the top margin, so nothing of the chart's own (a legend
    below the plot, an axis title) can cover it."""
    title = (fig.layout.title.text or "") if fig.layout.title else ""
    head = _wrap(html.escape(title.replace("<br>", " "), quote=False)) if title else ""
    sub = html.escape(f"{cap.scope} · {cap.as_of}", quote=False) + "<br>" + html.escape(cap.source, quote=False)
    lines = head.count("<br>") + 1 if head else 0
    top = 24 + 34 * lines + 2 * 24 + 16  # title lines, two subtitle lines, a gap above the plot
    fig.update_layout(
        title={"text": head or " ", "x": 0.01, "xanchor": "left", "xref": "container",
               "y": 1 - 16 / HEIGHT, "yref": "container", "yanchor": "top",
               "subtitle": {"text": sub, "font": {"size": FONT["small"], "color": NEUTRAL["text"]}}},
        margin={"t": max(top, (fig.layout.margin.t or 0))})
    fig.add_annotation(text=f"<b>{html.escape(cap.marking, quote=False)}</b>", xref="paper", yref="paper",
                       x=1, xanchor="right", y=1, yanchor="bottom", yshift=top - 44, showarrow=False,
                       font={"size": FONT["small"], "color": NEUTRAL["text"], "family": EXPORT_FONT_FAMILY})


def for_export(fig: go.Figure, cap: Caption | None = None) -> go.Figure:
    """A copy with the export font family on every text (Chromium resolves it by name), so a
    chart built for the screen is never changed by exporting it; with `cap`, the copy carries
    its title, filters, moment, source and marking, ready to put on a slide unedited."""
    out = go.Figure(fig)
    out.update_layout(font_family=EXPORT_FONT_FAMILY, hoverlabel_font_family=EXPORT_FONT_FAMILY)
    if cap is not None:
        _stamp(out, cap)
    if out.layout.title and out.layout.title.font:
        out.layout.title.font.family = EXPORT_FONT_FAMILY
    return out


def to_image(fig: go.Figure, fmt: str = "png", width: int = WIDTH, height: int = HEIGHT,
             cap: Caption | None = None) -> bytes:
    """The figure as PNG or SVG bytes at briefing resolution (captioned when `cap` is given)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r} (png or svg)")
    with _call_lock:
        ensure_server()
        return _within_timeout(for_export(fig, cap), fmt, width, height)


def _within_timeout(fig: go.Figure, fmt: str, width: int, height: int) -> bytes:
    """Draw in a helper thread and wait at most TIMEOUT; a server thread that died (Chromium
    crashed or never started) ends the wait at once instead of kaleido's endless one."""
    import warnings

    box: queue.Queue = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            with warnings.catch_warnings():
                # plotly warns that kaleido options are ignored when a server runs: that is the point.
                warnings.simplefilter("ignore", UserWarning)
                box.put((True, fig.to_image(format=fmt, width=width, height=height)))
        except BaseException as e:  # noqa: BLE001 — handed to the caller below
            box.put((False, e))

    threading.Thread(target=work, name="export-image", daemon=True).start()
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            ok, value = box.get(timeout=0.2)
        except queue.Empty:
            if not _server_alive():
                _forget_server()
                raise ExportUnavailable(f"Chromium stopped before drawing the image (it crashed or could not "
                                        f"start); {INSTALL_HINT}. The next export starts it again") from None
            if time.monotonic() > deadline:
                log.error("kaleido gave no image in %.0f s; the export server is dropped", TIMEOUT)
                _forget_server()
                raise ExportUnavailable(f"Chromium gave no image within {TIMEOUT:.0f} s; the next export starts "
                                        "it again") from None
            continue
        if ok:
            return value
        if isinstance(value, ExportUnavailable | ValueError):
            raise value
        _forget_server()  # an error from inside the browser: start clean next time
        raise ExportUnavailable(f"Chromium could not draw the image ({type(value).__name__}: "
                                f"{str(value).splitlines()[0][:200] if str(value) else ''})") from value


# --- the export map ------------------------------------------------------------------------------
# Crossings report 'limited' where airspace says 'restricted': one colour for one meaning.
_CROSSING = {"open": "open", "limited": "restricted", "closed": "closed"}
_VIEW = {"lon": [22.0, 72.0], "lat": [12.0, 43.5]}  # the Gulf, Iran, the Levant, the Caucasus
BUBBLE_MAX_PX = 70.0
# Neighbours whose labels collide when all sit above their bubble (Bahrain, Qatar and the UAE
# within 4°; Israel, Jordan and Lebanon within 2°): each is pushed to its own side.
LABEL_POS = {"BHR": "top left", "QAT": "top right", "ARE": "middle right", "KWT": "top center",
             "ISR": "middle left", "JOR": "middle right", "LBN": "top left", "OMN": "bottom center"}


def _records(df: pd.DataFrame | None) -> list[dict[str, Any]]:
    if df is None or df.empty:
        return []
    return df.astype(object).where(df.notna(), None).to_dict("records")


def map_figure(snapshot: pd.DataFrame, airspace: pd.DataFrame, crossings: pd.DataFrame | None,
               lang: str, names: Mapping[str, Any] | None = None,
               at: Any = None) -> go.Figure:
    """The briefing map: countries filled by airspace status, citizens as bubbles (area ∝ count,
    labelled with the figure), land crossings as diamonds coloured by their regime.

    snapshot: overview_countries.sql rows (country_iso3, citizens, approximate, lat, lon);
    airspace: overview_airspace.sql rows (country_iso3, status); crossings: overview_places.sql
    rows of kind 'crossing'.
    """
    nm = dict(names or {})
    fig = go.Figure()
    air = _records(airspace)
    for status in ("closed", "restricted", "open", "unknown"):
        part = [r for r in air if (r.get("status") or "unknown") == status]
        if not part:
            continue
        colour = STATUS_COLORS[status]
        fig.add_trace(go.Choropleth(
            locations=[r["country_iso3"] for r in part], z=[1] * len(part), locationmode="ISO-3",
            colorscale=[[0, colour], [1, colour]], showscale=False, name=t(f"status.{status}", lang),
            showlegend=True, marker={"line": {"color": NEUTRAL["outline"], "width": 1}},
            text=[country_name(r["country_iso3"], lang, nm) for r in part], hoverinfo="text"))
    unknown = [r for r in air if (r.get("status") or "unknown") == "unknown" and r.get("lat") is not None
               and not pd.isna(r.get("lat"))]
    if unknown:  # grey alone could pass for land: unknown airspace also carries a "?"
        fig.add_trace(go.Scattergeo(
            lat=[r["lat"] for r in unknown], lon=[r["lon"] for r in unknown], mode="text", text=["?"] * len(unknown),
            showlegend=False, hoverinfo="skip",
            textfont={"size": FONT["title"], "color": NEUTRAL["text"], "family": EXPORT_FONT_FAMILY}))
    people = [r for r in _records(snapshot) if r.get("citizens") and r.get("lat") is not None]
    if people:
        top = max(float(r["citizens"]) for r in people)
        fig.add_trace(go.Scattergeo(
            lat=[r["lat"] for r in people], lon=[r["lon"] for r in people], mode="markers+text",
            name=t("export.map_citizens", lang),
            marker={"size": [max(12.0, BUBBLE_MAX_PX * (float(r["citizens"]) / top) ** 0.5) for r in people],
                    "color": NEUTRAL["citizens"], "opacity": 0.75,
                    "line": {"color": NEUTRAL["outline"], "width": 2}},
            text=[f"{country_name(r['country_iso3'], lang, nm, short=True)}: "
                  f"{fmt_count(r['citizens'], bool(r.get('approximate')), lang)}" for r in people],
            textposition=[LABEL_POS.get(r["country_iso3"], "top center") for r in people],
            textfont={"size": FONT["base"], "color": NEUTRAL["text"], "family": EXPORT_FONT_FAMILY}))
    xs = [r for r in _records(crossings) if r.get("lat") is not None]
    if xs:
        fig.add_trace(go.Scattergeo(
            lat=[r["lat"] for r in xs], lon=[r["lon"] for r in xs], mode="markers",
            name=t("export.map_crossings", lang),
            marker={"symbol": "diamond", "size": 16, "line": {"color": NEUTRAL["text"], "width": 1.5},
                    "color": [STATUS_COLORS[_CROSSING.get(str(r.get("status")), "unknown")] for r in xs]},
            text=[r.get(f"name_{lang}") or r.get("name_en") or r.get("id") for r in xs], hoverinfo="text"))
    title = t("export.map_title", lang, time=fmt_datetime(at, lang)) if at is not None \
        else t("export.map_title_now", lang)
    fig.update_layout(**plotly_layout(
        lang, title={"text": title, "font": {"size": FONT["title"]}, "x": 0.01, "xanchor": "left"},
        legend={"orientation": "v", "x": 0.99, "xanchor": "right", "y": 0.98, "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": FONT["legend"]}},
        margin={"l": 10, "r": 10, "t": 60, "b": 10}, font={"family": EXPORT_FONT_FAMILY, "size": FONT["base"]}))
    fig.update_geos(
        resolution=50, projection_type="mercator", showcountries=True, countrycolor=NEUTRAL["land_line"],
        showland=True, landcolor=NEUTRAL["land"], showocean=True, oceancolor=NEUTRAL["background"],
        showlakes=False, showframe=False, showcoastlines=True, coastlinecolor=NEUTRAL["land_line"],
        lonaxis_range=_VIEW["lon"], lataxis_range=_VIEW["lat"])
    return fig


def empty_figure() -> go.Figure:
    """The floor of an export's cost: an empty figure (benchmarks)."""
    return copy.deepcopy(go.Figure())
