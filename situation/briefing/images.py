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

import plotly.graph_objects as go

import config
from situation.display.countries_i18n import country_name
from situation.display.fonts import EXPORT_FONT_FAMILY
from situation.display.formatting import fmt_datetime
from situation.display.palette import FONT, NEUTRAL
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


def empty_figure() -> go.Figure:
    """The floor of an export's cost: an empty figure (benchmarks)."""
    return copy.deepcopy(go.Figure())
