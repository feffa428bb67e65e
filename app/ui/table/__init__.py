"""The task table: lazy model, view, filter bar."""
