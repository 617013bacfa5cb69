"""Presentation without Streamlit: numbers and dates per language, the palette and fonts, Plotly
charts and pydeck maps, and each page's view model (what it says, as plain data).
May import: situation.i18n, situation.queries. Never streamlit."""
