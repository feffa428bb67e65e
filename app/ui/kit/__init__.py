"""What every window shares: the app context, undo commands, workers, small widgets, messages."""
