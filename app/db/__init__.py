"""Storage: SQLAlchemy models, migrations, engine set-up and the services that write."""
