"""Meetings (联席会、座谈会、协调会) and their decisions, recorded through the API."""
