"""The floor for bench_pages: the least a Streamlit script run costs (one element, no data)."""
import streamlit as st

st.write("empty")
