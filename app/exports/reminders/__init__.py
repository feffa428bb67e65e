"""Reminders outside the window: the e-mail digest (SMTP) and what this PC remembers."""
