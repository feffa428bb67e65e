"""The task workbook an office files, and `dondoc export`."""
