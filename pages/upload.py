"""Upload (analysts): drop a report, NOTAM file or status sheet; see what would load and what
would be rejected, with reasons, before anything is written; confirm to load it."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import entry_only
from pages.parts.common import page_start
from situation.display.formatting import fmt_int
from situation.i18n import N_, t
from situation.queries.health import reject_reason
from situation.shell import audit, upload

STATE = "upload_state"  # {"saved": Saved, "result": dict} for the file being looked at


def page() -> None:
    """The upload page; dashboard.py registers it with st.Page(page, url_path=…)."""
    # No warehouse needed: the first upload may be what builds it.
    ctx = page_start("analyst", N_("upload.title"), warehouse=False)
    user = ctx.user
    st.caption(t("upload.intro", mb=fmt_int(upload.max_bytes() // (1024 * 1024))))

    file = st.file_uploader(t("upload.drop"), type=list(upload.TYPES), key="upload_file")
    state: dict | None = st.session_state.get(STATE)

    if file is None:
        if state is not None and not state.get("done"):
            upload.discard(state["saved"])
            st.session_state.pop(STATE, None)
        st.stop()

    if state is None or state.get("file_id") != file.file_id:
        if state is not None:
            upload.discard(state["saved"])
        if file.size > upload.max_bytes():
            st.error(t("upload.too_large", mb=fmt_int(upload.max_bytes() // (1024 * 1024))))
            st.stop()
        saved = upload.save(file.getvalue(), file.name)
        with st.spinner(t("upload.checking")):
            try:
                result = upload.preview(saved)
            except (RuntimeError, ValueError) as e:
                upload.discard(saved)
                st.error(t("upload.failed"))
                st.text(str(e)[-1000:])
                st.stop()
        audit.record("upload_preview", user.name, file=saved.original_name, sha256=saved.sha256,
                     kind=result.get("kind"), rows_loaded=result.get("rows_loaded"),
                     rows_rejected=result.get("rows_rejected"))
        state = {"file_id": file.file_id, "saved": saved, "result": result}
        st.session_state[STATE] = state

    saved, result = state["saved"], state["result"]
    st.text(saved.original_name)

    if state.get("done"):
        st.success(t("upload.loaded", rows=fmt_int(result["rows_loaded"]), rejected=fmt_int(result["rows_rejected"])))
        st.stop()
    if result.get("already_loaded"):
        st.info(t("upload.already_loaded", source=result["already_loaded"]))
        st.stop()
    if result.get("unusable"):
        st.error(t("upload.unusable"))
        st.text(result["unusable"])
        st.stop()

    lang = ctx.lang
    kind = result.get("kind") or ""
    cols = st.columns(3)
    cols[0].metric(t("upload.kind"), t(f"upload.kind_{kind}") if kind in upload.KINDS else kind)
    cols[1].metric(t("upload.rows_ok"), fmt_int(result["rows_loaded"]))
    cols[2].metric(t("upload.rows_rejected"), fmt_int(result["rows_rejected"]))
    if kind == "status_sheet":
        st.warning(t("upload.status_sheet_note"))

    for table, part in result.get("tables", {}).items():
        label = t(f"upload.table_{table}") if table in upload.TABLES else table
        st.subheader(t("upload.will_load", table=label, n=fmt_int(part["total"])))
        st.dataframe(pd.DataFrame(part["rows"], columns=part["columns"]), hide_index=True)
    if result.get("rejects"):
        st.subheader(t("upload.rejects", n=fmt_int(result["rows_rejected"])))
        rej = pd.DataFrame(result["rejects"])
        rej["reason"] = [reject_reason(c, r, lang) for c, r in zip(rej["code"], rej["reason"], strict=True)]
        rej = rej.rename(columns={"line": t("upload.col_line"), "col": t("upload.col_column"),
                                  "reason": t("upload.col_reason"), "raw": t("upload.col_raw")})
        st.dataframe(rej.drop(columns=["code"]), hide_index=True)

    if not result["rows_loaded"] and not result["rows_rejected"]:
        st.info(t("upload.nothing"))
        st.stop()
    if st.button(t("upload.confirm"), type="primary", key="upload_confirm"):
        with st.spinner(t("upload.loading")):
            done = upload.load(saved, user.name, result)
        if done.ok:
            state["done"] = True
            st.success(t("upload.loaded", rows=fmt_int(result["rows_loaded"]), rejected=fmt_int(result["rows_rejected"])))
        else:
            st.error(t("upload.failed"))
            st.text(done.output)


if __name__ == "__main__":  # run as a file, not through dashboard.py: see pages/__init__.py
    entry_only()
