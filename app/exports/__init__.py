"""Database -> files: Excel workbooks, calendars, the weekly print, urging letters."""
