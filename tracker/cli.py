"""Command line: parse options, call one library function, render, exit.

Errors are turned into one `Error: ...` line and the exit code of their class in one place
(`TrackerGroup.invoke`); any other exception is a bug and is reported as an internal error.
"""
from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import __version__
from .documents import DEFAULT_MAX_BYTES, iter_article_paths, load_document, parse_published
from .errors import InputError, TrackerError
from .output import render_jsonl, render_table

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(message: str, code: int) -> None:
    click.echo(f"Error: {' '.join(message.split())}", err=True)
    sys.exit(code)


class TrackerGroup(click.Group):
    """A click group that reports TrackerError as one line with its exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            _fail(str(exc), exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:
            sys.exit(1)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except Exception as exc:  # a bug: still one line, a traceback only on request
            if os.environ.get("TRACKER_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set TRACKER_DEBUG=1 for a traceback)", 1)


class AppContext:
    """Per-invocation settings; the store is opened lazily so --help never touches it."""

    def __init__(self, db: str | None, config_path: str | None) -> None:
        self.db = db
        self.config_path = config_path


pass_app = click.make_pass_decorator(AppContext)


@click.group(cls=TrackerGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="tracker")
@click.option("--db", envvar="TRACKER_DB", metavar="PATH|URL", help="Store: a SQLite file path or an SQLAlchemy URL. [env: TRACKER_DB]")
@click.option("--config", "config_path", envvar="TRACKER_CONFIG", metavar="FILE", help="Configuration file (TOML). [env: TRACKER_CONFIG]")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_path: str | None) -> None:
    """tracker: follow-up commitments and dated events from news articles, as calendars and reminders."""
    ctx.obj = AppContext(db, config_path)


def _published_option(f: Any) -> Any:
    return click.option(
        "--published",
        metavar="YYYY-MM-DD",
        help="Publication date; required for plain text without a 'date YYYY-MM-DD' first line.",
    )(f)


def _max_bytes_option(f: Any) -> Any:
    return click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        envvar="TRACKER_MAX_BYTES",
        help="Reject input files larger than this. [env: TRACKER_MAX_BYTES]",
    )(f)


def _load_all(paths: tuple[str, ...], published: str | None, max_bytes: int) -> tuple[list[Any], list[InputError]]:
    """Load every article; bad files are collected (reported one line each) and do not stop the rest."""
    when = parse_published(published) if published else None
    docs, errors = [], []
    files = iter_article_paths(list(paths))
    if not files:
        raise InputError("no article files found in " + ", ".join(paths))
    for path in files:
        try:
            docs.append(load_document(path, published=when, max_bytes=max_bytes))
        except InputError as exc:
            errors.append(exc)
    return docs, errors


def _finish(errors: list[InputError]) -> None:
    for exc in errors:
        click.echo(f"Error: {exc}", err=True)
    if errors:
        sys.exit(errors[0].exit_code)


@cli.command("timex")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_published_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@_max_bytes_option
def timex(paths: tuple[str, ...], published: str | None, fmt: str, max_bytes: int) -> None:
    """Find and normalize the temporal expressions (TIMEX3) in articles.

    Example: tracker timex seeds/ --format jsonl
    """
    from .temporal import find_time_expressions

    docs, errors = _load_all(paths, published, max_bytes)
    for doc in docs:
        found = find_time_expressions(doc.content, doc.published, doc.body_start)
        rows = [{"document": doc.path, **t.to_dict()} for t in found]
        if fmt == "jsonl":
            for row in rows:
                row.pop("mod", None)
            click.echo(render_jsonl(rows), nl=False)
        else:
            click.echo(f"{doc.path}  (published {doc.published.isoformat()})")
            if rows:
                click.echo(render_table(rows, ["start", "end", "type", "value", "text"]))
            else:
                click.echo("  no temporal expressions")
            click.echo()
    _finish(errors)


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_published_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--explain", is_flag=True, help="Show the cue or rule behind each item.")
@_max_bytes_option
def extract(paths: tuple[str, ...], published: str | None, fmt: str, explain: bool, max_bytes: int) -> None:
    """Extract forward-looking commitments and dated events from articles.

    Example: tracker extract seeds/ --format jsonl
    """
    from .extract import extract_items

    docs, errors = _load_all(paths, published, max_bytes)
    for doc in docs:
        items = extract_items(doc)
        if fmt == "jsonl":
            rows = []
            for item in items:
                row = item.to_dict()
                if explain:
                    row["explain"] = list(item.explain)
                rows.append(row)
            click.echo(render_jsonl(rows), nl=False)
            continue
        click.echo(f"{doc.path}  (published {doc.published.isoformat()}): {len(items)} item(s)")
        if items:
            rows = [
                {
                    "kind": i.kind,
                    "when": i.when,
                    "title": i.title,
                    "actors": i.actors,
                    "location": i.location,
                    "conf": f"{i.confidence:.2f}",
                    "evidence": i.evidence,
                }
                for i in items
            ]
            click.echo(render_table(rows, ["kind", "when", "title", "actors", "location", "conf", "evidence"],
                                    widths={"title": 40, "actors": 30, "location": 16}))
            if explain:
                for n, i in enumerate(items, 1):
                    click.echo(f"  [{n}] rule={i.rule} span={i.span[0]}-{i.span[1]}")
                    for line in i.explain:
                        click.echo(f"      {' '.join(line.split())}")
        click.echo()
    _finish(errors)


def main() -> None:  # pragma: no cover - used by python -m tracker
    cli(prog_name="tracker")
