"""Ingest stage: article files -> loaded, extracted, merged into the store, one transaction each.

`ingest_paths` never stops at a bad file: it records the failure and goes on; the report says
how many items were new, merged into existing ones or updated, and what failed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import DBAPIError

from .documents import DEFAULT_MAX_BYTES, article_files, load_document
from .errors import StoreError, TrackerError
from .models import Document, Item
from .store import Store

Extractor = Callable[[Document], Sequence[Item]]


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    message: str  # one line
    exit_code: int  # of the error class (tracker.errors)


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did. Item counts are per document and summed: an item merged from
    two new articles counts twice in `merged`."""

    documents: int = 0  # documents stored by this run
    unchanged: int = 0  # documents skipped: the same content was already stored
    new: int = 0  # items created
    merged: int = 0  # existing items that got evidence from a new article
    updated: int = 0  # existing items whose date, place, actors or status changed
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "failures": [{"document": f.path, "error": f.message} for f in self.failures],
            "merged": self.merged,
            "new": self.new,
            "unchanged": self.unchanged,
            "updated": self.updated,
        }


def _default_extractor() -> Extractor:
    from .extract import extract_items  # imported late: the extractor loads its resources

    return extract_items


def follow_up_hook(store: Store, doc: Document) -> Callable[[Any, Any, datetime], None]:
    """Issue 7: the article's outcome statements (held, kept, postponed, cancelled) update the
    items they report on, inside the document's transaction (tracker.followup)."""
    from .followup import extract_outcomes, follow_up_document

    found = extract_outcomes(doc)  # outside the write lock: extraction is the slow part

    def hook(conn: Any, result: Any, at: datetime) -> None:
        follow_up_document(store, conn, doc, found, result, at)

    return hook


def ingest_paths(
    store: Store,
    paths: Iterable[str],
    now: datetime,
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extract: Extractor | None = None,
    on_file: Callable[[str], None] | None = None,
) -> IngestReport:
    """Load, extract and store every article under `paths` (files; directories recursively).

    Parameters:
        published: the publication date to use for every file (overrides their own).
        max_bytes: larger files fail with InputError.
        extract: Document -> items; tracker.extract.extract_items by default.
        on_file: called with each path once it is done (for a progress bar).

    Returns:
        The report; failed files are in `report.failures` and left no trace in the store.

    Raises:
        InputError: `paths` hold no article file at all.
        StoreError: the store itself fails (the batch stops; stored documents stay).
    """
    files = article_files(list(paths))
    extractor = extract
    report = IngestReport()
    for path in files:
        try:
            doc = load_document(path, published=published, max_bytes=max_bytes)
            # Skip extraction for content already stored; ingest_document checks again inside
            # its transaction, so a concurrent ingest of the same file is still stored once.
            if store.has_document(doc.sha256):
                report.unchanged += 1
                continue
            if extractor is None:
                extractor = _default_extractor()
            result = store.ingest_document(doc, extractor(doc), now, followup=follow_up_hook(store, doc))
        except StoreError:
            raise
        except DBAPIError as exc:  # the database itself failed: stop, this is no bad article
            reason = " ".join(str(exc.orig if exc.orig is not None else exc).split())
            raise StoreError(f"the store failed while ingesting {path}: {reason}") from None
        except TrackerError as exc:
            report.failures.append(Failure(path, str(exc), exc.exit_code))
        except Exception as exc:  # a bug in extraction must not lose the rest of the batch
            report.failures.append(Failure(path, f"{path}: internal error: {type(exc).__name__}: {exc}", 1))
        else:
            if result.unchanged:
                report.unchanged += 1
            else:
                report.documents += 1
                report.new += len(result.new)
                report.merged += len(result.merged)
                report.updated += len(result.updated)
        finally:
            if on_file is not None:
                on_file(path)
    if report.documents:
        store.refresh_statistics()  # the next batch's merge lookups are planned for the grown store
    return report


def failure_exit_code(report: IngestReport) -> int:
    """The exit code for a report: 0, or the code of the first failure's error class."""
    return report.failures[0].exit_code if report.failures else 0
