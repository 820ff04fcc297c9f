"""tracker: follow-up commitments and calendar reminders extracted from news articles."""
from __future__ import annotations

__version__ = "0.1.0"
