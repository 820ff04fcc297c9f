"""Command line: parse options, call one library function, render, exit.

Errors are turned into one `Error: ...` line and the exit code of their class in one place
(`TrackerGroup.invoke`); any other exception is a bug and is reported as an internal error.
"""
from __future__ import annotations

import gc
import os
import sys
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .documents import DEFAULT_MAX_BYTES, article_files, load_document, parse_published
from .errors import ConfigError, InputError, TrackerError
from .gcpause import gc_paused
from .models import KINDS, Status, TrackedItem
from .output import FORMATS, dumps, one_line, render_csv, render_json, render_jsonl, render_table

if TYPE_CHECKING:  # imported lazily below: SQLAlchemy costs start-up time, and --help needs none of it
    from .config import Config
    from .store import Store

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(message: str, code: int) -> None:
    click.echo(f"Error: {one_line(message)}", err=True)
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
        self.db_is_flag = db is not None

    @cached_property
    def config(self) -> Config:
        from .config import env_snapshot, load_config

        return load_config(self.config_path, env=env_snapshot(), overrides={"db": self.db if self.db_is_flag else None})

    @cached_property
    def store(self) -> Store:
        # Opening a store imports SQLAlchemy (and psycopg): tens of thousands of objects that live
        # as long as the process, none of them garbage; collecting while they are made cost about a
        # tenth of `tracker show` (bench/store.py).
        with gc_paused():
            from .store import Store

            return Store(self.config.db)

    def now(self) -> datetime:
        """The current time in the user's zone. TRACKER_NOW (ISO 8601) pins it, for tests and
        reproducible runs; the library never reads the clock itself."""
        pinned = os.environ.get("TRACKER_NOW", "").strip()
        if not pinned:
            return datetime.now(self.config.zone())
        try:
            value = datetime.fromisoformat(pinned)
        except ValueError:
            raise ConfigError(f"environment variable TRACKER_NOW: invalid value {pinned!r}: expected ISO 8601") from None
        return value if value.tzinfo else value.replace(tzinfo=self.config.zone())

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()


pass_app = click.make_pass_decorator(AppContext)


@click.group(cls=TrackerGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="tracker")
@click.option("--db", envvar="TRACKER_DB", metavar="PATH|URL", help="Store: a SQLite file path or an SQLAlchemy URL. [env: TRACKER_DB]")
@click.option("--config", "config_path", envvar="TRACKER_CONFIG", metavar="FILE", help="Configuration file (TOML). [env: TRACKER_CONFIG]")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_path: str | None) -> None:
    """tracker: follow-up commitments and dated events from news articles, as calendars and reminders."""
    ctx.obj = AppContext(db, config_path)
    # TRACKER_DB reaches --db through click's envvar; only a real flag outranks the environment.
    ctx.obj.db_is_flag = ctx.get_parameter_source("db") == click.core.ParameterSource.COMMANDLINE
    ctx.call_on_close(ctx.obj.close)


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
    for path in article_files(list(paths)):
        try:
            docs.append(load_document(path, published=when, max_bytes=max_bytes))
        except InputError as exc:
            errors.append(exc)
    return docs, errors


def _finish(errors: list[InputError]) -> None:
    for exc in errors:
        click.echo(f"Error: {one_line(str(exc))}", err=True)
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


# ---- the tracked list (issue 4): ingest, list, show, done, cancel, reopen, add, edit, config ----

_STATUS_CHOICES = [s.value for s in Status]
_LIST_COLUMNS = ["id", "when", "status", "kind", "title", "actors", "location"]
_CSV_COLUMNS = ["id", "uid", "kind", "status", "when", "title", "actors", "location", "sequence", "created",
                "updated", "evidence"]
_TABLE_WIDTHS = {"title": 60, "actors": 30, "location": 20}
TABLE_LIMIT = 100


def _output_options(f: Any) -> Any:
    f = click.option("--json", "as_json", is_flag=True, help="Print one JSON array (same as --format json).")(f)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        help="table for people; json, jsonl or csv for programs (see README: the JSON contract).",
    )(f)


def _render_items(found: list[TrackedItem], fmt: str) -> None:
    if fmt == "json":
        click.echo(render_json(i.to_dict() for i in found), nl=False)
    elif fmt == "jsonl":
        click.echo(render_jsonl(i.to_dict() for i in found), nl=False)
    elif fmt == "csv":
        rows = [{**d, "evidence": dumps(d["evidence"])} for d in (i.to_dict() for i in found)]
        click.echo(render_csv(rows, _CSV_COLUMNS), nl=False)
    elif found:
        rows = [{"id": i.id, "when": i.when, "status": i.status, "kind": i.kind, "title": i.title, "actors": i.actors,
                 "location": i.location} for i in found]
        click.echo(render_table(rows, _LIST_COLUMNS, widths=_TABLE_WIDTHS))
    else:
        click.echo("No items match.", err=True)


def _day(value: str | None, option: str, today: date, last: bool) -> date | None:
    """A --from/--until value: YYYY-MM-DD or any date `--when` accepts ("today", "June")."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        pass
    from .temporal import parse_user_when
    from .when import parse_when

    try:
        span = parse_when(parse_user_when(value, today))
    except InputError as exc:
        raise InputError(f"invalid {option} {value!r}: {exc}") from None
    return span.last if last else (span.first or span.last)


def _user_when(value: str, today: date) -> str | None:
    """A --when value in tracker's form; "none" clears it."""
    if value.strip().lower() in ("none", "-"):
        return None
    from .temporal import parse_user_when

    return parse_user_when(value, today)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_published_option
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Reject input files larger than this. [default: 10 MB; env: TRACKER_MAX_BYTES; config: max_bytes]")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@pass_app
def ingest(app: AppContext, paths: tuple[str, ...], published: str | None, max_bytes: int | None, as_json: bool) -> None:
    """Store the commitments and events of articles, merging reports of the same item.

    Files and directories (recursively). An article already stored is skipped; a bad one is
    reported and leaves no trace, and the exit code is then non-zero.

    Example: tracker ingest seeds/
    """
    from .ingest import failure_exit_code, ingest_paths

    when = parse_published(published) if published else None
    limit = max_bytes if max_bytes is not None else app.config.max_bytes
    files = article_files(list(paths))  # before the store opens: nothing to ingest creates no store
    store, now = app.store, app.now()
    if sys.stderr.isatty() and len(files) > 1:
        with click.progressbar(length=len(files), label="Ingesting", file=sys.stderr) as bar:
            report = ingest_paths(store, files, now, published=when, max_bytes=limit, on_file=lambda _: bar.update(1))
    else:
        report = ingest_paths(store, files, now, published=when, max_bytes=limit)
    if as_json:
        click.echo(dumps(report.to_dict()))
    else:
        click.echo(
            f"{report.documents} document(s) ingested, {report.unchanged} unchanged, {len(report.failures)} failed: "
            f"{report.new} new item(s), {report.merged} merged, {report.updated} updated"
        )
    for failure in report.failures:
        click.echo(f"Error: {one_line(failure.message)}", err=True)
    if report.failures:
        sys.exit(failure_exit_code(report))


@cli.command("list")
@click.option("--status", "statuses", multiple=True, type=click.Choice([*_STATUS_CHOICES, "all"]),
              help="Repeat for several. [default: open and missed]")
@click.option("--kind", type=click.Choice(KINDS), help="Only events or only commitments.")
@click.option("--actor", metavar="NAME", help="Items with this actor (case-insensitive, whole words).")
@click.option("--from", "since", metavar="DATE", help="Items whose date reaches this day (YYYY-MM-DD, 'today', ...).")
@click.option("--until", metavar="DATE", help="Items whose date starts by this day.")
@click.option("--search", metavar="TEXT", help="Text in the title, place or actors (case-insensitive).")
@click.option("--limit", type=click.IntRange(min=0),
              help=f"At most this many items; 0 for all. [default: {TABLE_LIMIT} in the table, all in json, jsonl, csv]")
@_output_options
@pass_app
def list_items(
    app: AppContext,
    statuses: tuple[str, ...],
    kind: str | None,
    actor: str | None,
    since: str | None,
    until: str | None,
    search: str | None,
    limit: int | None,
    fmt: str,
    as_json: bool,
) -> None:
    """List tracked items, soonest first, undated last.

    Example: tracker list --actor NATO --from today --json
    """
    fmt = "json" if as_json else fmt
    now = app.now()
    status: tuple[str, ...] | None = statuses or ("open", "missed")
    if "all" in statuses:
        status = None
    filters: dict[str, Any] = dict(
        status=status,
        kind=kind,
        actor=actor,
        since=_day(since, "--from", now.date(), last=False),
        until=_day(until, "--until", now.date(), last=True),
        search=search,
    )
    # A table is for reading: by default it shows the first TABLE_LIMIT rows and says how many
    # there are (a store of years holds tens of thousands of open and missed items).
    paged = fmt == "table" and limit is None
    found = app.store.items(now=now, **filters, limit=TABLE_LIMIT + 1 if paged else (limit or None),
                            with_evidence=fmt != "table")
    _render_items(found[:TABLE_LIMIT] if paged else found, fmt)
    if paged and len(found) > TABLE_LIMIT:
        total = app.store.count(now=now, **filters)
        click.echo(f"Showing the first {TABLE_LIMIT} of {total} items: filter them, or --limit 0 for all.", err=True)


@cli.command("show")
@click.argument("item_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: the list fields plus history.")
@pass_app
def show(app: AppContext, item_id: str, as_json: bool) -> None:
    """Show every field of an item, its evidence, its history and its timeline.

    ID is the short id from `tracker list` (or a unique prefix of it, or the uid).

    Example: tracker show 3kq7xz2m
    """
    from .followup import item_links, item_timeline

    item = app.store.get(item_id, app.now())
    hist = app.store.history(item.id)
    story, links = item_timeline(app.store, item.id), item_links(app.store, item.id)
    if as_json:
        click.echo(dumps({**item.to_dict(), "history": [h.to_dict() for h in hist],
                          "timeline": [t.to_dict() for t in story], **links}))
        return
    fields = [
        ("kind", item.kind), ("status", item.status), ("when", item.when), ("actors", ", ".join(item.actors) or None),
        ("location", item.location), ("uid", item.uid), ("created", item.created.isoformat()),
        ("updated", item.updated.isoformat()), ("sequence", str(item.sequence)),
    ]
    lines = [f"{item.id}  {one_line(item.title)}"] + [f"  {k:<9} {one_line(v) if v is not None else '-'}"
                                                      for k, v in fields]
    lines.append(f"Evidence ({len(item.evidence)}):")
    for e in item.evidence:
        lines.append(f"  {e.published.isoformat() if e.published else '-'}  {one_line(e.document)}")
        lines.append(f"    {one_line(e.sentence)}")
    lines.append("History:")
    for h in hist:
        change = h.new if h.field == "created" else f"{h.old if h.old is not None else '-'} -> {h.new if h.new is not None else '-'}"
        lines.append(f"  {h.at.isoformat()}  {h.field}: {one_line(change)}  by {one_line(h.by)}")
        if h.why:
            lines.append(f"    why: {one_line(h.why)}")
    lines += _timeline_lines(story, links)
    click.echo("\n".join(lines))


def _timeline_lines(story: list[Any], links: dict[str, list[str]]) -> list[str]:
    """`tracker show`'s timeline (issue 7): promised, refined, postponed, held or kept, each with its source."""
    lines = ["Timeline:"]
    for t in story:
        day = t.published.isoformat() if t.published else (t.at.date().isoformat() if t.at else "-")
        head = f"  {day}  {t.event}" + (f" ({one_line(t.detail)})" if t.detail else "")  # keep the indent
        lines.append(head + (f"  {one_line(t.document)}" if t.document else "  by user"))
        if t.sentence:
            lines.append(f"    {one_line(t.sentence)}")
    for label, key in (("Follows from", "follows"), ("Followed by", "followed_by")):
        if links.get(key):
            lines.append(f"{label}: {', '.join(links[key])}")
    return lines


@cli.command("review")
@click.option("--accept", "accept_id", metavar="ID", help="Accept proposal ID: its change applies to the item.")
@click.option("--reject", "reject_id", metavar="ID", help="Reject proposal ID: nothing changes.")
@click.option("--note", metavar="TEXT", help="Why: kept in the item's history.")
@click.option("--all", "show_all", is_flag=True, help="List settled proposals and applied matches too.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array (or the settled proposal).")
@pass_app
def review(app: AppContext, accept_id: str | None, reject_id: str | None, note: str | None, show_all: bool,
           as_json: bool) -> None:
    """Review follow-ups too unsure to apply by themselves.

    Lists each proposal with the item's sentence and the later report's sentence side by side;
    settle one with --accept ID or --reject ID (recorded in the item's history).

    Example: tracker review --accept 12 --note "same session"
    """
    from .followup import accept_proposal, list_proposals, reject_proposal

    if accept_id is not None and reject_id is not None:
        raise click.UsageError("give --accept or --reject, not both")
    if accept_id is not None or reject_id is not None:
        settle = accept_proposal if accept_id is not None else reject_proposal
        done = settle(app.store, accept_id if accept_id is not None else reject_id or "", app.now(), note)
        if as_json:
            click.echo(dumps(done.to_dict()))
        else:
            click.echo(f"proposal {done.id} {done.state}: {done.item_id}  {one_line(done.item_title)}")
        return
    found = list_proposals(app.store, state="all" if show_all else "proposed")
    if as_json:
        click.echo(render_json(p.to_dict() for p in found), nl=False)
        return
    if not found:
        click.echo("No proposals to review.", err=True)
        return
    click.echo("\n\n".join(_proposal_block(p) for p in found))


def _proposal_block(p: Any) -> str:
    """One proposal: a heading, then the item's sentence and the report's sentence side by side."""
    import shutil
    import textwrap

    width = max(60, min(shutil.get_terminal_size((120, 24)).columns, 160))
    col = (width - 3) // 2
    change = p.outcome_kind + (f" to {p.new_when}" if p.new_when else "")
    head = (f"[{p.id}] {p.state}  score {p.score:.2f}  {change}  ->  {p.item_id}  {one_line(p.item_title)}"
            f"  ({p.item_when or 'undated'}, {p.item_status})")
    left_head = f"item: {p.item_published.isoformat() if p.item_published else '-'} {p.item_document or 'added by hand'}"
    right_head = f"report: {p.outcome_published.isoformat()} {p.outcome_document}"
    left = textwrap.wrap(one_line(left_head), col) + textwrap.wrap(one_line(p.item_sentence or "-"), col)
    right = textwrap.wrap(one_line(right_head), col) + textwrap.wrap(one_line(p.outcome_sentence), col)
    rows = [f"{a:<{col}} | {b}".rstrip() for a, b in zip(left + [""] * (len(right) - len(left)),
                                                        right + [""] * (len(left) - len(right)))]
    why = "  why: " + "; ".join(p.reasons)
    return "\n".join([head, *rows, why])


def _status_command(name: str, status: str, summary: str) -> None:
    @cli.command(name, help=f"{summary}\n\nExample: tracker {name} 3kq7xz2m" + (' --note "..."' if name != "reopen" else ""))
    @click.argument("item_id", metavar="ID")
    @click.option("--note", metavar="TEXT", help="Why: kept in the item's history.")
    @pass_app
    def command(app: AppContext, item_id: str, note: str | None) -> None:
        item = app.store.set_status(item_id, status, app.now(), note=note)
        click.echo(f"{item.id}  {item.status}  {one_line(item.title)}")


_status_command("done", "done", "Mark an item done.")
_status_command("cancel", "cancelled", "Mark an item cancelled.")
_status_command("reopen", "open", "Reopen a done or cancelled item.")


@cli.command("add")
@click.argument("text")
@click.option("--when", metavar="DATE", help="e.g. 2025-06-11, 'next Friday', 'June 11-12', 'by August'.")
@click.option("--actor", "actors", multiple=True, metavar="NAME", help="Who; repeat for several.")
@click.option("--kind", type=click.Choice(KINDS), default="commitment", show_default=True)
@click.option("--location", metavar="PLACE")
@click.option("--note", metavar="TEXT", help="Why: kept in the item's history.")
@click.option("--json", "as_json", is_flag=True, help="Print the new item as JSON.")
@pass_app
def add(app: AppContext, text: str, when: str | None, actors: tuple[str, ...], kind: str, location: str | None,
        note: str | None, as_json: bool) -> None:
    """Add a commitment (or event) by hand.

    Example: tracker add "Send the report to the ministry" --when "next Friday" --actor Me
    """
    now = app.now()
    value = _user_when(when, now.date()) if when is not None else None  # before the store opens
    item = app.store.add_manual(title=text, now=now, kind=kind, when=value, actors=actors, location=location, note=note)
    click.echo(dumps(item.to_dict()) if as_json else f"{item.id}  {item.when or '-'}  {one_line(item.title)}")


@cli.command("edit")
@click.argument("item_id", metavar="ID")
@click.option("--when", metavar="DATE", help="New date ('next Friday', 2025-06-11, ...); 'none' clears it.")
@click.option("--title", metavar="TEXT")
@click.option("--actor", "actors", multiple=True, metavar="NAME", help="Replaces the actors; repeat for several.")
@click.option("--location", metavar="PLACE", help="New place; 'none' clears it.")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--remind", metavar="LEADS", help="This item's reminders: lead times like '3d,2h', 'none', or 'default'.")
@click.option("--note", metavar="TEXT", help="Why: kept in the item's history.")
@pass_app
def edit(app: AppContext, item_id: str, when: str | None, title: str | None, actors: tuple[str, ...],
         location: str | None, kind: str | None, remind: str | None, note: str | None) -> None:
    """Change an item's date, title, actors, place, kind or reminders.

    Example: tracker edit 3kq7xz2m --when 2025-06-12 --note "moved by the organisers"
    """
    if when is None and title is None and not actors and location is None and kind is None and remind is None:
        raise click.UsageError("nothing to change: give --when, --title, --actor, --location, --kind or --remind")
    now = app.now()
    if remind is not None:
        from .reminders.store import set_item_remind

        rid, leads = set_item_remind(app.store, item_id, remind, now)
        click.echo(f"{rid}  remind {leads or 'default'}")
        if when is None and title is None and not actors and location is None and kind is None:
            return
    changes: dict[str, Any] = {}
    if when is not None:
        changes["when"] = _user_when(when, now.date())
    if location is not None:
        changes["location"] = None if location.strip().lower() in ("none", "-", "") else location
    item = app.store.edit(item_id, now=now, title=title, actors=list(actors) or None, kind=kind, note=note, **changes)
    click.echo(f"{item.id}  {item.when or '-'}  {one_line(item.title)}")


# ---- reminders (issue 6) ---------------------------------------------------------------------

_REMINDER_STATES = ("pending", "sending", "sent", "failed", "skipped", "unknown")
_REMINDER_COLUMNS = ["id", "due", "state", "kind", "lead_time", "item_id", "title", "channel", "attempts", "late",
                     "last_error"]


def _test_hooks() -> Any:
    # Crash tests pause the dispatcher between claiming and recording (tests/test_dispatch_crash.py).
    from .reminders.dispatcher import TestHooks

    def seconds(name: str) -> float:
        try:
            return float(os.environ.get(name, "0") or 0)
        except ValueError:
            raise ConfigError(f"environment variable {name}: expected seconds") from None

    return TestHooks(seconds("TRACKER_TEST_PAUSE_AFTER_CLAIM"), seconds("TRACKER_TEST_PAUSE_AFTER_SEND"))


@cli.command("remind")
@click.option("--once", is_flag=True, help="Deliver what is due now (waiting out retries) and exit: for cron and timers.")
@click.option("--now", "now_text", metavar="ISO", help="Run as at this moment (ISO 8601; your zone if none given).")
@click.option("--notify", "notify", multiple=True, metavar="URL",
              help="An apprise URL (mailto://, json://, ntfy://, ...) or stdout://; repeat for several. "
                   "[default: config notify.urls, else stdout]")
@click.option("--workers", type=click.IntRange(min=1), default=8, show_default=True, help="Deliveries in parallel.")
@click.option("--batch", type=click.IntRange(min=1), default=500, show_default=True, help="Reminders claimed per transaction.")
@pass_app
def remind(app: AppContext, once: bool, now_text: str | None, notify: tuple[str, ...], workers: int, batch: int) -> None:
    """Send due reminders: --once for cron and systemd timers, else run until stopped.

    Missed reminders are sent late within the grace window (reminders.grace) and skipped after
    it; `tracker reminders` lists every one.

    Example: tracker remind --once --notify 'mailto://me:pass@example.org'
    """
    import signal
    import threading

    from .reminders.dispatcher import dispatcher_from_config, pinned_clock, utc_clock

    clock = utc_clock
    if now_text is not None:
        try:
            start = datetime.fromisoformat(now_text.strip())
        except ValueError:
            raise click.BadParameter(f"{now_text!r} is not ISO 8601 (e.g. 2025-06-03T09:00+02:00)", param_hint="--now") from None
        clock = pinned_clock(start if start.tzinfo else start.replace(tzinfo=app.config.zone()))
    dispatcher = dispatcher_from_config(app.store, app.config, notify, clock=clock, workers=workers, batch=batch,
                                        hooks=_test_hooks())
    try:
        if once:
            report = dispatcher.run_once()
            click.echo(f"reminders: {report.summary()}", err=True)
            return
        stopped = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopped.set())
        dispatcher.on_pass = lambda r: click.echo(f"reminders: {r.summary()}", err=True) if (r.sent or r.failed or r.skipped or r.unknown) else None
        dispatcher.start()
        click.echo(f"dispatching reminders to {', '.join(c.label for c in dispatcher.channels)}; Ctrl-C stops", err=True)
        stopped.wait()
    finally:
        dispatcher.close()


@cli.command("reminders")
@click.option("--pending", "states", flag_value="pending", multiple=True, help="Only those still to send.")
@click.option("--sent", "states", flag_value="sent", multiple=True, help="Only those sent.")
@click.option("--failed", "states", flag_value="failed", multiple=True, help="Only those that failed after every retry.")
@click.option("--skipped", "states", flag_value="skipped", multiple=True, help="Only those skipped (missed beyond the grace window).")
@click.option("--unknown", "states", flag_value="unknown", multiple=True,
              help="Only those whose dispatcher died mid-send (maybe delivered; never resent).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@_output_options
@pass_app
def reminders_command(app: AppContext, states: tuple[str, ...], limit: int | None, fmt: str, as_json: bool) -> None:
    """List reminders: due time, state, item, channel, attempts and last error.

    Example: tracker reminders --failed --json
    """
    from .reminders.store import list_reminders

    fmt = "json" if as_json else fmt
    found = list_reminders(app.store, list(states) or None, limit=limit)
    rows = [r.to_dict() for r in found]
    if fmt == "json":
        click.echo(render_json(rows), nl=False)
    elif fmt == "jsonl":
        click.echo(render_jsonl(rows), nl=False)
    elif fmt == "csv":
        click.echo(render_csv(rows, sorted(rows[0]) if rows else _REMINDER_COLUMNS), nl=False)
    elif rows:
        click.echo(render_table(rows, _REMINDER_COLUMNS, widths={"title": 40, "channel": 40, "last_error": 60}))
    else:
        click.echo("No reminders match.", err=True)


@cli.command("config")
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON objects.")
@pass_app
def config_command(app: AppContext, as_json: bool) -> None:
    """Show the effective settings and where each comes from (flag, env, file, default).

    Example: tracker --config ~/tracker.toml config
    """
    from .config import describe

    rows = describe(app.config)
    if as_json:
        click.echo(render_json(rows), nl=False)
    else:
        click.echo(f"config file: {app.config.path or '-'}")
        click.echo(render_table(rows, ["name", "value", "source", "env"]))


def _feed_settings(cfg: Config) -> Any:
    """The feed rendering settings (tracker.feeds.FeedSettings) from the config."""
    from icalendar import vDuration

    from .feeds import FeedSettings

    def iso(td: Any) -> str:
        return str(vDuration(td).to_ical().decode())

    def days(td: Any) -> int | None:
        return None if td is None else max(0, td.days)

    return FeedSettings(
        timezone=cfg.timezone or "UTC",
        alarms=tuple(iso(td) for td in cfg.calendar_alarms),
        refresh=iso(cfg.calendar_refresh),
        calendar_name=cfg.calendar_name or "tracker",
        alarm_uids=cfg.calendar_alarm_uids,
        window_past_days=days(cfg.calendar_window_past),
        window_future_days=days(cfg.calendar_window_future),
    )


@cli.command("publish")
@click.option("--out", "out_dir", metavar="DIR", help="Where to write the .ics files. [default: calendar.out, calendars]")
@click.option("--json", "as_json", is_flag=True, help="Print what was written as a JSON array.")
@pass_app
def publish_feeds(app: AppContext, out_dir: str | None, as_json: bool) -> None:
    """Write the iCalendar feeds: all, events, commitments, tasks and the named feeds of the config.

    Each file is replaced atomically, and only when its bytes change; the same store always gives
    the same bytes.  Example: tracker publish --out calendars/
    """
    from .feeds import publish_store

    target = Path(out_dir or app.config.calendar_out or "calendars")
    done = publish_store(app.store, target, _feed_settings(app.config), app.now(), app.config.feeds)
    rows = [{"feed": p.name, "path": str(p.path), "components": p.components, "bytes": p.size,
             "written": p.written} for p in done]
    if as_json:
        click.echo(render_json(rows), nl=False)
    else:
        click.echo(render_table(rows, ["feed", "components", "bytes", "written", "path"]))


@cli.command("serve")
@click.option("--host", metavar="ADDR", help="Address to bind. [default: serve.host, 127.0.0.1]")
@click.option("--port", type=click.IntRange(min=0, max=65535), help="Port to listen on. [default: serve.port, 8080]")
@pass_app
def serve(app: AppContext, host: str | None, port: int | None) -> None:
    """Serve the feeds, a web page of what is coming and a JSON API over HTTP.

    Feeds: /calendars/<name>.ics (or /t/<token>/calendars/... once tokens exist); page: /;
    items: /api/items; health: /healthz.  Example: tracker serve --port 8080
    """
    import uvicorn

    from .server import create_app, fast_protocol
    from .tokens import token_source

    cfg = app.config
    asgi = create_app(
        app.store,
        _feed_settings(cfg),
        named=cfg.feeds,
        clock=app.now,
        reload_seconds=cfg.serve_reload.total_seconds(),
        tokens=token_source(app.store),
        base_url=cfg.serve_base_url,
    )
    bind_host, bind_port = host or cfg.serve_host or "127.0.0.1", cfg.serve_port if port is None else port
    # Bound here, so a busy port or an unknown host is one line (uvicorn logs it and exits 3).
    sock = _listen(bind_host, bind_port)
    config = uvicorn.Config(asgi, host=bind_host, port=bind_port, http=fast_protocol(asgi), loop="uvloop",
                            log_level="warning", access_log=False, proxy_headers=False)
    shown = f"[{bind_host}]" if ":" in bind_host else bind_host
    click.echo(f"Serving feeds on http://{shown}:{sock.getsockname()[1]}/", err=True)
    with sock:
        uvicorn.Server(config).run(sockets=[sock])


def _listen(host: str, port: int) -> Any:
    """A listening TCP socket on host:port (as uvicorn would open it), or TrackerError in one line."""
    import socket

    # uvicorn's rule: IPv6 only for a host written with ":", so "localhost" is 127.0.0.1 even where
    # the resolver lists ::1 first (clients of 127.0.0.1 would find nothing listening).
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host.strip("[]"), port))
            sock.listen(2048)
        except OSError:
            sock.close()
            raise
    except OSError as exc:
        raise TrackerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


@cli.group("token")
def token_group() -> None:
    """Private feeds: once a token exists, feeds are served only under /t/<token>/.

    Example: tracker token add "my phone"
    """


@token_group.command("add")
@click.argument("name")
@pass_app
def token_add(app: AppContext, name: str) -> None:
    """Create a token; prints it once (only its hash is stored).  Example: tracker token add phone"""
    from .tokens import add_token

    info, token = add_token(app.store, name, app.now())
    click.echo(token)
    click.echo(f"Token {info.id} ({info.name}): feeds at /t/{token}/calendars/all.ics", err=True)


@token_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_app
def token_list(app: AppContext, as_json: bool) -> None:
    """List tokens (id, name, created, revoked), never the tokens themselves."""
    from .tokens import list_tokens

    rows = [t.to_dict() for t in list_tokens(app.store)]
    if as_json:
        click.echo(render_json(rows), nl=False)
    elif rows:
        click.echo(render_table(rows, ["id", "name", "created", "revoked"]))
    else:
        click.echo("No tokens: feeds are public.", err=True)


@token_group.command("revoke")
@click.argument("token_id", metavar="ID")
@pass_app
def token_revoke(app: AppContext, token_id: str) -> None:
    """Revoke a token by its id (see tracker token list).  Example: tracker token revoke 3fa85f6457b2"""
    from .tokens import revoke_token

    info = revoke_token(app.store, token_id, app.now())
    click.echo(f"Token {info.id} ({info.name}) revoked.", err=True)


def main() -> None:
    """The `tracker` program (console script and `python -m tracker`): one command, then exit.

    When the command is done, every object still alive lives until the process ends, so it is
    frozen out of the garbage collector's sight: the collection the interpreter runs as it exits
    would otherwise walk all of them, SQLAlchemy's and psycopg's included, for nothing (~40 ms,
    a sixth of `tracker show`; bench/store.py). Library callers and tests use `cli` and keep the
    collector as it is.
    """
    try:
        cli(prog_name="tracker")
    finally:
        gc.freeze()
