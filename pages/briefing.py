"""Briefing: the one-click pack (PPTX or PDF) for the current filters, and the tables behind it
as CSV/XLSX. The same content as `python -m situation.briefing` (situation/briefing/pack.py)."""
from __future__ import annotations

import streamlit as st

from pages import entry_only
from pages.parts.common import PageContext, name, page_start
from situation.briefing import frames as export_frames
from situation.briefing import pack as briefing
from situation.briefing import tables as export_tables
from situation.briefing.content import default_marking
from situation.display.formatting import fmt_datetime
from situation.i18n import LANGUAGE_NAMES, N_, t
from situation.queries.filters import Filters, to_params
from situation.shell import audit


def page() -> None:
    """The briefing page; dashboard.py registers it with st.Page(page, url_path=…)."""
    ctx = page_start("viewer", N_("briefing.title"))  # sets the filters' language: the pack follows it
    stem = "briefing_" + "_".join(v.replace(":", "") for v in to_params(ctx.filters).values())
    _pack(ctx, stem)
    _tables(ctx, stem)


def _pack(ctx: PageContext, stem: str) -> None:
    """What the pack will show, its marking and format, the build button and the download."""
    f, lang = ctx.filters, ctx.lang
    st.markdown(t("briefing.intro"))
    countries = ", ".join(name(c, f) for c in f.countries) or t("app.all_countries")
    when = fmt_datetime(f.at()) + ("" if not f.live else f" ({t('briefing.live')})")
    st.markdown(f"- **{t('briefing.as_of')}:** {when}\n- **{t('briefing.countries')}:** {countries}\n"
                f"- **{t('briefing.language')}:** {LANGUAGE_NAMES[lang]}")

    # The marking's default follows the language, so the widget is keyed by it.
    marking = st.text_input(t("briefing.marking_label"), value=default_marking(lang), key=f"br_marking_{lang}",
                            help=t("briefing.marking_help"))
    fmt = st.radio(t("briefing.format"), list(briefing.FORMATS), horizontal=True, key="br_fmt",
                   format_func=str.upper)
    wanted = (tuple(sorted(to_params(f).items())), marking, fmt)

    if st.button(t("briefing.build"), type="primary", icon=":material/description:"):
        with st.status(t("briefing.building"), expanded=True) as status:
            bar = st.progress(0.0)

            def progress(p: float, msg: str) -> None:
                bar.progress(min(1.0, max(0.0, p)), text=msg)

            try:
                data = briefing.build(f, fmt, marking, progress)
            except Exception as exc:  # noqa: BLE001 — shown to the user, with the reason
                status.update(label=t("briefing.build_failed", reason=str(exc)), state="error")
                st.session_state.pop("br_pack", None)
            else:
                st.session_state["br_pack"] = (wanted, data)
                audit.record("export", ctx.user.name, pack="briefing", fmt=fmt, lang=f.lang, countries=list(f.countries),
                             as_of=str(f.at()), marking=marking, bytes=len(data))
                status.update(label=t("briefing.built"), state="complete", expanded=False)

    held = st.session_state.get("br_pack")
    if held and held[0] == wanted:
        st.download_button(t("briefing.download", fmt=fmt.upper()), data=held[1], file_name=f"{stem}.{fmt}",
                           mime=briefing.FORMATS[fmt], on_click="ignore", icon=":material/download:",
                           type="primary", key="br_download")
    elif held:
        st.caption(t("briefing.stale_pack"))


def _tables(ctx: PageContext, stem: str) -> None:
    """The tables behind the pack as CSV/XLSX, each built when its button is clicked."""
    f = ctx.filters
    st.subheader(t("briefing.tables_title"))
    st.caption(t("briefing.tables_note"))
    for key in export_frames.TABLES:
        short = key.rsplit(".", 1)[1]
        label, csv, xlsx = st.columns([3, 1, 1], vertical_alignment="center")
        label.markdown(t(key))
        # Built on click only: four tables × two formats would otherwise query and encode every rerun.
        for col, kind in ((csv, "csv"), (xlsx, "xlsx")):
            col.download_button(
                t(f"export.{kind}"),
                data=lambda k=key, kind=kind: _table(ctx.user.name, f, k, kind),
                file_name=f"{short}_{stem}.{kind}",
                mime=export_tables.CSV_MIME if kind == "csv" else export_tables.XLSX_MIME,
                key=f"br_{short}_{kind}", on_click="ignore", icon=":material/table:")


def _table(user: str, f: Filters, key: str, kind: str) -> bytes:
    """Made when the button is clicked; who took which table with which filters is audited."""
    audit.record("export", user, pack=key, fmt=kind, lang=f.lang, countries=list(f.countries), as_of=str(f.at()))
    return export_tables.table_bytes(export_frames.frame(key, f), kind, t(key, f.lang))[0]


if __name__ == "__main__":  # run as a file, not through dashboard.py: see pages/__init__.py
    entry_only()
