"""Ledgers (台账): spreadsheet import and export of reference data and issues."""
