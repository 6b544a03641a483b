"""govinfo — a case tracker for government-information-disclosure work (政府信息公开)."""

__version__ = "0.1.0"
