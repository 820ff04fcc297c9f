"""Rendering shared by every command: human tables, JSON arrays, JSON lines, CSV."""
from __future__ import annotations

import csv
import io
import json
import shutil
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMATS = ("table", "json", "jsonl", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value) if value else "-"
    text = str(value)
    if text.isprintable():  # the common case, checked in C: a list of 100,000 items stays fast
        return text
    # A table cell is one line: CR/LF, tabs and other control characters become spaces.
    return "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)


def one_line(text: str) -> str:
    """Text for one line of a terminal: control characters (ESC, BEL, CR/LF, ...) become spaces
    and runs of whitespace one space, so article text can neither break lines nor drive the
    terminal (retitle it, clear it, hide what follows)."""
    return " ".join(_cell(text).split())


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def render_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], widths: Mapping[str, int] | None = None) -> str:
    """A plain aligned table; the last column takes the remaining terminal width."""
    if not rows:
        return ""
    widths = dict(widths or {})
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    term = shutil.get_terminal_size((160, 24)).columns
    size = []
    for i, c in enumerate(columns):
        natural = max(len(c), *(len(row[i]) for row in cells))
        size.append(min(natural, widths.get(c, natural)))
    used = sum(size[:-1]) + 2 * (len(columns) - 1)
    size[-1] = max(20, min(size[-1], term - used)) if len(columns) > 1 else size[-1]
    lines = ["  ".join(c.upper().ljust(size[i]) for i, c in enumerate(columns)).rstrip()]
    for row in cells:
        lines.append("  ".join(_clip(v, size[i]).ljust(size[i]) for i, v in enumerate(row)).rstrip())
    return "\n".join(lines)


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def render_jsonl(objects: Iterable[Mapping[str, Any]]) -> str:
    return "".join(dumps(o) + "\n" for o in objects)


def render_json(objects: Iterable[Mapping[str, Any]]) -> str:
    """One JSON array, one object per line: valid JSON that greps well, and encoded by the C
    encoder (indent= would switch to the pure-Python one, 10x slower on 100,000 items)."""
    lines = [dumps(o) for o in objects]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


# A spreadsheet opening the CSV runs a cell that starts with one of these as a formula (CSV
# injection: '=HYPERLINK(...)', '@SUM(...)' from an article); such a cell gets a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def render_csv(objects: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV with a header row; lists are joined with '; ', mappings are JSON, and a text cell that
    a spreadsheet would run as a formula starts with a quote (')."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for o in objects:
        row = []
        for c in columns:
            v = o.get(c)
            if isinstance(v, (list, tuple)):
                v = "; ".join(str(x) for x in v)
            elif isinstance(v, Mapping):
                v = dumps(v)
            row.append("" if v is None else _csv_text(v) if isinstance(v, str) else v)
        w.writerow(row)
    return buf.getvalue()
