"""Residents' QR intake (码上反映): signed links to a place, the public form, receipts, status."""
