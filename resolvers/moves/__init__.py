"""Relocation and renovation plans: moves, milestones, and the progress derived from the moves."""
