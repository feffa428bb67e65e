"""Write operations behind `app.db.services`, split by subject. Call them via services."""
