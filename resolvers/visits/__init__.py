"""Visits (走访): groups, planning and recording visits, problems raised, coverage and figures."""
