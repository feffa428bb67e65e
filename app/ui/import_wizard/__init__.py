"""The import wizard: pick a file, preview and fix what was found, import."""
