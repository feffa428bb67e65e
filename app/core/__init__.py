"""Pure domain: Vietnamese text, deadlines, working days, status, unit names.

Nothing here imports Qt, SQLAlchemy, file-format libraries or other parts of the app.
"""
