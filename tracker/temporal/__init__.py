"""The temporal engine: TIMEX3 expressions and `when` phrases in news text, anchored on a date.

`find_time_expressions` (TIMEX3), `find_when_phrases` (tracker's `when` form), `parse_user_when`;
`dates_putting_off` tells a time that dates the act of putting something off (`find_when_phrases`
leaves such times out).
"""
from __future__ import annotations

from .engine import find_time_expressions
from .phrases import find_when_phrases
from .tense import dates_putting_off
from .user import parse_user_when

__all__ = ["find_time_expressions", "find_when_phrases", "parse_user_when", "dates_putting_off"]
