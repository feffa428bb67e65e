"""File formats -> plain content: sheets of cell values (xlsx, xls, ods, csv, web tables) and positioned lines (docx, pdf)."""
