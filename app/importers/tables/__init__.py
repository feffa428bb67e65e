"""Task tables (an office's Excel list, a plan's appendix table) -> tasks: columns, cells, sections, the title block."""
