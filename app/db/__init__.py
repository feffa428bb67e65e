"""Storage: SQLAlchemy models, migrations, engine set-up, the reads and the operations that write."""
