"""Input stage: a file on disk -> Document (decoded text, publication date, source id).

Every command loads articles through `load_document`; all input checks live here, and
every failure is an InputError with a one-line message naming the file.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from datetime import date
from pathlib import Path

from .errors import InputError
from .models import Document

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md", "")

# The seed format: first line "date YYYY-MM-DD", possibly indented, and the article may
# continue on the same line (the seed article does exactly that).
_HEADER = re.compile(r"[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})(?=\s|$)[ \t]*(?:\r?\n)?")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, LF, VT, FF, CR: a text with many of them is binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def parse_published(value: str) -> date:
    """Parse a --published value (YYYY-MM-DD) or raise InputError."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"invalid publication date {value!r}: expected YYYY-MM-DD") from None


def decode_bytes(raw: bytes, path: str) -> str:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, or a detected legacy
    encoding. Binary or undecodable content raises InputError."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"starts with a {encoding} byte-order mark but is not valid {encoding}", path) from None
            return text[1:] if text.startswith("\ufeff") else text
    if b"\x00" in raw[:65536]:
        raise InputError("looks like a binary file (NUL bytes), not an article", path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes  # imported lazily: only for non-UTF-8 files

    sample = raw[:1_000_000]
    best = from_bytes(sample).best()
    non_ascii = sum(b > 0x7F for b in sample) / len(sample)
    # A legacy-encoded article is mostly ASCII with some accented letters; many high bytes that
    # form no coherent language are garbage, whatever code page happens to map them.
    if best is None or best.chaos > 0.2 or (non_ascii > 0.05 and best.coherence < 0.1):
        raise InputError(
            f"is not UTF-8 (invalid byte at offset {utf8_error.start}) and its encoding could not be "
            "detected; convert it to UTF-8",
            path,
        )
    try:
        return raw.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"is not UTF-8 and could not be decoded as {best.encoding}; convert it to UTF-8", path) from None


def _check_text(text: str, path: str) -> None:
    if not text.strip():
        raise InputError("is empty", path)
    if "\x00" in text:  # anywhere, in any encoding: no store can keep it (PostgreSQL text refuses NUL)
        raise InputError("looks like a binary file (NUL characters), not an article", path)
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(16, len(sample) // 10):
        raise InputError("looks like a binary file (control characters), not an article", path)


def _load_html(text: str, path: str, published: date | None, sha: str) -> Document:
    import trafilatura  # lazily: a heavy import only HTML input needs

    try:
        body = trafilatura.extract(text, include_comments=False, include_tables=False, favor_precision=True)
        meta = trafilatura.extract_metadata(text)
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise InputError(f"could not read the HTML page ({type(exc).__name__})", path) from None
    if not body or not body.strip():
        raise InputError("no article text found in the HTML page", path)
    if published is None and meta is not None and meta.date:
        try:
            published = date.fromisoformat(str(meta.date)[:10])
        except ValueError:
            published = None
    if published is None:
        raise InputError("no publication date in the page's metadata; pass --published YYYY-MM-DD", path)
    url = getattr(meta, "url", None) if meta is not None else None
    title = getattr(meta, "title", None) if meta is not None else None
    # For HTML pages the content (and every offset) is the extracted article text.
    return Document(path=path, content=body, published=published, body_start=0, sha256=sha, url=url, title=title)


def load_document(
    path: str | Path,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Load one article.

    Parameters:
        path: the file; kept in `Document.path` exactly as given.
        published: publication date; overrides the file's own date (header line or HTML metadata),
            and is required for plain text without a `date YYYY-MM-DD` first line.
        max_bytes: files larger than this are rejected.

    Raises:
        InputError: missing, unreadable, empty, binary, oversized, undecodable file, or no date.
    """
    shown = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", shown) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", shown) from None
    if p.is_dir():
        raise InputError("is a directory, not an article file", shown)
    if size == 0:
        raise InputError("is empty", shown)
    if size > max_bytes:
        raise InputError(f"is too large ({size:,} bytes; the limit is {max_bytes:,}; see --max-bytes)", shown)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", shown) from None
    if len(raw) > max_bytes:  # the file grew after stat()
        raise InputError(f"is too large (the limit is {max_bytes:,} bytes)", shown)
    sha = hashlib.sha256(raw).hexdigest()
    text = decode_bytes(raw, shown)
    _check_text(text, shown)
    if p.suffix.lower() in HTML_SUFFIXES or (p.suffix.lower() not in (".txt", ".text") and _HTML_START.match(text)):
        return _load_html(text, shown, published, sha)
    m = _HEADER.match(text)
    if m:
        try:
            header_date = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise InputError(f"invalid date in the header line: {m[0].strip()!r}", shown) from None
        body_start = m.end()
        while body_start < len(text) and text[body_start] in " \t\r\n":
            body_start += 1
        if body_start >= len(text):
            raise InputError("has a date line but no article text", shown)
        return Document(shown, text, published or header_date, body_start, sha)
    if published is None:
        raise InputError(
            "has no publication date: the first line is not 'date YYYY-MM-DD'; pass --published YYYY-MM-DD",
            shown,
        )
    return Document(shown, text, published, 0, sha)


def article_files(paths: list[str]) -> list[str]:
    """`iter_article_paths`, refusing a selection that holds no article file at all (InputError
    naming what was given)."""
    files = iter_article_paths(paths)
    if not files:
        raise InputError("no article files (.txt, .html, .htm) found in " + ", ".join(paths))
    return files


def iter_article_paths(paths: list[str]) -> list[str]:
    """Expand directories (recursively, sorted) into the article files they hold; files stay as given."""
    out: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and child.suffix.lower() in (
                    *HTML_SUFFIXES,
                    ".txt",
                    ".text",
                ):
                    out.append(str(child))
        else:
            out.append(given)
    return out
