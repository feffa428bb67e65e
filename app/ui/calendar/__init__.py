"""The calendar: month grid, week agenda, days off."""
