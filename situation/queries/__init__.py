"""Read queries: the warehouse door (warehouse.py), one module per page or subject, each running
the parameterised `.sql` files in sql/ and returning DataFrames cached on the warehouse version;
plus the pure models that turn them into answers (readiness rules, the evacuation forecast).
May import: situation.i18n. Never streamlit, never display/briefing/shell."""
