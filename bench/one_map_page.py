"""The browser floor for bench_browser: a bare Streamlit app drawing one pydeck map.

The same config (.streamlit/config.toml) and the same blank, locally served map style as the
dashboard's maps, so the floor pays what any Streamlit page with a map pays in Chromium:
Streamlit's bundle, its websocket session, deck.gl and MapLibre, and one map drawn. A handful of
points, not the region's outlines: what the dashboard adds on top is what bench_browser measures.
"""
import pydeck as pdk
import streamlit as st

st.set_page_config(page_title="one map", layout="wide")
points = [{"position": [lon, lat]} for lon, lat in ((51.5, 25.3), (55.3, 25.2), (51.4, 35.7), (44.4, 33.3))]
st.pydeck_chart(pdk.Deck(
    layers=[pdk.Layer("ScatterplotLayer", data=points, get_position="position", get_radius=30000,
                      get_fill_color=[31, 119, 180, 200])],
    initial_view_state=pdk.ViewState(latitude=29.0, longitude=50.0, zoom=3.6),
    map_style="/app/static/blank_style.json"), height=520)
