"""Departments: the tree dock with counts and the dialog to edit, alias and merge units."""
