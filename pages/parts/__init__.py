"""Pieces several pages share: the current filters and empty states (common), the login gate and
role checks (auth_gate), the error boundary (fault), export buttons, the wall-screen mode, and the
evacuation and contact strips the overview borrows from their pages."""
