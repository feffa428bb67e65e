"""Plan documents (.docx, .pdf, .txt) -> tasks: header, outline, who leads, when due."""
