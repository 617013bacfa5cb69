"""The application shell around the pages: who may sign in and do what (auth, users), the audit
trail, the safe launcher (serve), several replicas behind a proxy, and browser uploads.
May import: situation.i18n, situation.queries. Never streamlit (the pages wire it in)."""
