"""File -> ExtractedPlan. Importers read files only; they never open a database session."""
