-- The published warehouse, read-only, to catch the standby up from. Parameter: its path.
ATTACH ? AS pub (READ_ONLY)
