"""Administration (admins): who may sign in with which role, and the audit trail with filters and
a CSV export. Users are changed with `python -m situation.users` on the server, not here."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

import config
from pages import entry_only
from pages.parts.auth_gate import ADD_USER
from pages.parts.common import page_start
from situation.i18n import N_, t
from situation.shell import audit, auth


def page() -> None:
    """The admin page; dashboard.py registers it with st.Page(page, url_path=…)."""
    ctx = page_start("admin", N_("admin.title"), warehouse=False)  # users and the audit trail: no warehouse needed

    # --- users -------------------------------------------------------------------------------------------
    st.subheader(t("admin.users"))
    mode = auth.auth_mode()
    st.caption(t("admin.mode", mode=t(f"auth.mode_{mode}")))
    if mode == "password":
        users = auth.load_users()
        if users:
            st.dataframe(pd.DataFrame(
                [{t("admin.col_name"): n, t("admin.col_role"): t(f"auth.role_{u['role']}"),
                  t("admin.col_created"): u.get("created", "")} for n, u in sorted(users.items())]),
                hide_index=True)
        else:
            st.info(t("auth.no_users", command=ADD_USER))
        st.caption(t("admin.users_cli", command="python -m situation.users"))
    elif mode == "oidc":
        claim = config.setting("SITROOM_OIDC_ROLE_CLAIM")
        st.caption(t("admin.oidc_roles", claim=claim or "—"))
        role_map = auth.load_role_map()
        if role_map:
            st.dataframe(pd.DataFrame([{t("admin.col_email"): e, t("admin.col_role"): t(f"auth.role_{r}")}
                                       for e, r in sorted(role_map.items())]), hide_index=True)
    else:
        st.caption(t("admin.local_users", name=auth.LOCAL_USER))

    # --- audit log -----------------------------------------------------------------------------------------
    st.subheader(t("audit.title"))
    events = audit.read()
    if not events:
        st.info(t("audit.empty"))
        st.stop()
    known_users = sorted({str(e.get("user", "")) for e in events})
    known_kinds = sorted({str(e.get("event", "")) for e in events})
    first = dt.date.fromisoformat(str(events[0].get("ts", ""))[:10] or dt.date.today().isoformat())
    c1, c2, c3, c4 = st.columns([2, 2, 2, 3])
    who = c1.multiselect(t("audit.user"), known_users, key="audit_users", placeholder=t("audit.all"))
    kinds = c2.multiselect(t("audit.event"), known_kinds, key="audit_events", placeholder=t("audit.all"),
                           format_func=lambda k: t(f"audit.ev_{k}") if k in audit.EVENTS else k)
    days = c3.date_input(t("audit.days"), value=(first, dt.date.today()), key="audit_days")
    text = c4.text_input(t("audit.search"), key="audit_text")
    since, until = (days[0], days[-1]) if isinstance(days, tuple | list) and days else (None, None)
    shown = audit.filtered(events, users=who, kinds=kinds, since=since, until=until, text=text)

    st.caption(t("audit.count", n=len(shown), total=len(events)))
    table = pd.DataFrame([{
        t("audit.col_time"): e.get("ts", ""),
        t("audit.col_event"): t(f"audit.ev_{e.get('event')}") if e.get("event") in audit.EVENTS else e.get("event"),
        t("audit.col_user"): e.get("user", ""),
        t("audit.col_details"): json.dumps(e.get("details", {}), ensure_ascii=False, default=str),
    } for e in reversed(shown)])
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(t("audit.download"), audit.to_csv(shown), file_name="audit.csv", mime="text/csv",
                       on_click=_exported, args=(ctx.user.name, len(shown)), key="audit_download")


def _exported(user: str, rows: int) -> None:
    """The audit trail's own export is audited (a widget callback: runs when the button is clicked)."""
    audit.record("audit_export", user, rows=rows)


if __name__ == "__main__":  # run as a file, not through dashboard.py: see pages/__init__.py
    entry_only()
