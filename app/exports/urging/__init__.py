"""The urging loop's documents: official letters (.docx) and progress-request workbooks (.xlsx)."""
