"""Stand-alone dialogs: printing, settings, audit log, backups and restore."""
