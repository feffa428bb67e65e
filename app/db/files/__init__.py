"""The SQLite file on disk: where it lives, checks before it is opened, backups and restore."""
