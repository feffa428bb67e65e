"""Deadline phrases: words ("Quý I/2023", "trước 30/10 hằng năm") -> Deadline values, occurrences, and back to words."""
