"""Qt user interface: the only package (with exports.weekly) that imports PySide6."""
