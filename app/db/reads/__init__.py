"""The read side: what the table, calendar, tree, prints, exports and the urging loop show.

Each read is a function taking the Database; it opens its own session and returns plain
rows or dataclasses, never ORM objects. `*_in(s, …)` forms read inside a session the
caller already holds (a write operation, another read). Modules: settings, filters (the
task filter and its SQL), tasks (ids, counts, rows), details, departments, plans,
notice, calendar, requests, reports, audit, import_preview.
"""
