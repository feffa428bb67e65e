"""The main window and start-up: window, actions, detail pane, start-up notice."""
