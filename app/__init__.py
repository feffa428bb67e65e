"""Đôn Đốc: deadline and responsibility tracker for Vietnamese public offices."""

__version__ = "0.1.0"
APP_NAME = "Đôn Đốc"
APP_ID = "dondoc"
