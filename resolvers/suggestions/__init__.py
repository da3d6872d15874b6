"""Suggestions (合理化建议): collected, adopted, implemented or declined, and their figures."""
