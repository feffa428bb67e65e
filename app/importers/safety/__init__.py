"""Checks on a file before any reader opens it: size, zip bombs, XML entities, how far cells reach."""
