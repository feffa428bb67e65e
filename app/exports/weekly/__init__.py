"""The weekly task list and other printed documents: data, administrative layout, Qt rendering to PDF."""
