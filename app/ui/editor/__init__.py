"""The task editor dialog, its input fields and the edit-conflict dialog."""
