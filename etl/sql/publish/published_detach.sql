-- The published warehouse, let go once the standby is caught up (or found not to be).
DETACH pub
