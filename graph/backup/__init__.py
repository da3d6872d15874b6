"""Backups of the whole graph and their restore: the file format, the writer, the restore."""
