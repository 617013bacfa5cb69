"""Input kinds: each module holds one KIND (see base.py); the registry is etl/registry.py."""
