"""The read side: what the table, calendar, tree, prints, exports and the urging loop show."""
