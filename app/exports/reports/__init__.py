"""Status reports for the leadership: summary arithmetic and the printed report."""
