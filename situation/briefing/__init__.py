"""The briefing pack and every export: one content model (content.py), its PPTX and PDF
renderers, the slides per subject, charts as images and tables as CSV/XLSX.
May import: situation.i18n, situation.queries, situation.display. Never streamlit.
`python -m situation.briefing` builds a pack from the command line (__main__.py)."""
