"""The tracked-list commands through click's CliRunner on real temporary stores (both backends):
every command and option, the JSON contract, one-line errors with their exit codes."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tracker.cli import cli
from tracker.store import Store

pytestmark = pytest.mark.usefixtures("isolated_env")

ID = re.compile(r"^[0-9a-hjkmnp-tv-z]{8}$")
UID = re.compile(r"^[0-9a-f]{32}@tracker$")
CREATED = "2025-05-01T12:00:00+00:00"  # TRACKER_NOW in isolated_env


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, *args])


def ok(db: str, *args: str) -> Result:
    result = run(db, *args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def fails(db: str, code: int, *args: str) -> str:
    """Run a command that must fail; return its one stderr line."""
    result = run(db, *args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def listed(db: str, *args: str) -> list[dict[str, Any]]:
    return json.loads(ok(db, "list", "--json", *args).stdout)  # type: ignore[no-any-return]


@pytest.fixture
def articles(tmp_path: Path, article: Any) -> Path:
    root = tmp_path / "articles"
    article(root, "a.txt", "2025-04-21",
            "ITEM event | TurkPA session | TurkPA | 2025 | Astana",
            "ITEM commitment | assume the chairmanship | Kazakhstan | 2025 |",
            "ITEM commitment | report to parliament | Majilis | 2025-04-25 |")
    article(root, "b.txt", "2025-04-25",
            "ITEM event | session of the TurkPA | TurkPA; Turkey | 2025-06-11/2025-06-12 | Astana")
    return root


@pytest.fixture
def db(store_url: str, articles: Path, scripted_extractor: Any) -> str:
    ok(store_url, "ingest", str(articles))
    return store_url


def by_title(db: str) -> dict[str, dict[str, Any]]:
    return {i["title"]: i for i in listed(db, "--status", "all")}


# ---- help and wiring ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["ingest", "list", "show", "done", "cancel", "reopen", "add", "edit", "config"])
def test_help_never_opens_the_store(tmp_path: Path, command: str) -> None:
    store_path = tmp_path / "not" / "created.db"
    result = CliRunner().invoke(cli, ["--db", str(store_path), command, "--help"])
    assert result.exit_code == 0 and "Example: tracker" in result.stdout
    assert not store_path.parent.exists()
    assert command in CliRunner().invoke(cli, ["-h"]).stdout


# ---- ingest ------------------------------------------------------------------------------------


def test_ingest_summary_and_rerun(store_url: str, articles: Path, scripted_extractor: Any) -> None:
    first = ok(store_url, "ingest", str(articles))
    assert first.stdout == "2 document(s) ingested, 0 unchanged, 0 failed: 3 new item(s), 1 merged, 1 updated\n"
    assert first.stderr == ""  # no progress bar when stderr is not a terminal
    again = ok(store_url, "ingest", str(articles / "a.txt"), "--json")
    assert json.loads(again.stdout) == {
        "documents": 0, "failures": [], "merged": 0, "new": 0, "unchanged": 1, "updated": 0
    }


def test_ingest_published_and_max_bytes(store_url: str, tmp_path: Path, scripted_extractor: Any) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("ITEM event | budget vote | Majilis | 2025-06 |\n")
    line = fails(store_url, 3, "ingest", str(plain))
    assert line.endswith("plain.txt: has no publication date: the first line is not 'date YYYY-MM-DD'; "
                         "pass --published YYYY-MM-DD")
    assert fails(store_url, 3, "ingest", str(plain), "--published", "2025-13-01") == (
        "Error: invalid publication date '2025-13-01': expected YYYY-MM-DD"
    )
    assert "is too large (47 bytes; the limit is 10" in fails(store_url, 3, "ingest", str(plain), "--max-bytes", "10",
                                                             "--published", "2025-04-01")
    ok(store_url, "ingest", str(plain), "--published", "2025-04-01")
    [item] = listed(store_url)
    assert item["evidence"][0]["published"] == "2025-04-01"


def test_ingest_mixed_directory(store_url: str, tmp_path: Path, article: Any, scripted_extractor: Any) -> None:
    mixed = tmp_path / "mixed"
    article(mixed, "good.txt", "2025-04-21", "ITEM event | TurkPA session | TurkPA | 2025-06-11 |")
    (mixed / "empty.txt").write_bytes(b"")
    (mixed / "binary.txt").write_bytes(b"\x00\xff" * 100)
    (mixed / "latin1.txt").write_bytes(bytes(range(0x80, 0x100)) * 2)
    (mixed / "undated.txt").write_text("Some text.\n")
    result = run(store_url, "ingest", str(mixed))
    assert result.exit_code == 3
    assert result.stdout == "1 document(s) ingested, 0 unchanged, 4 failed: 1 new item(s), 0 merged, 0 updated\n"
    errors = result.stderr.splitlines()
    assert len(errors) == 4 and all(e.startswith(f"Error: {mixed}/") for e in errors)
    assert [i["title"] for i in listed(store_url)] == ["TurkPA session"]


def test_ingest_nothing(store_url: str, tmp_path: Path) -> None:
    (tmp_path / "void").mkdir()
    line = fails(store_url, 3, "ingest", str(tmp_path / "void"))
    assert line == f"Error: no article files (.txt, .html, .htm) found in {tmp_path / 'void'}"  # names the path


# ---- list --------------------------------------------------------------------------------------


def test_list_json_contract(db: str, articles: Path) -> None:
    items = listed(db)
    assert [i["title"] for i in items] == ["assume the chairmanship", "report to parliament", "TurkPA session"]
    session = items[2]
    assert list(session) == sorted(session)
    assert ID.match(session["id"]) and UID.match(session["uid"])
    assert {k: v for k, v in session.items() if k not in ("id", "uid")} == {
        "actors": ["TurkPA", "Turkey"],
        "created": CREATED,
        "evidence": [
            {"document": str(articles / "a.txt"), "published": "2025-04-21", "sentence": "ITEM event | TurkPA session | TurkPA | 2025 | Astana",
             "span": [17, 69], "url": None},
            {"document": str(articles / "b.txt"), "published": "2025-04-25",
             "sentence": "ITEM event | session of the TurkPA | TurkPA; Turkey | 2025-06-11/2025-06-12 | Astana",
             "span": [17, 101], "url": None},
        ],
        "kind": "event",
        "location": "Astana",
        "sequence": 1,
        "status": "open",
        "title": "TurkPA session",
        "updated": CREATED,
        "when": "2025-06-11/2025-06-12",
    }
    missed = items[1]
    assert missed["status"] == "missed" and missed["location"] is None and missed["when"] == "2025-04-25"


def test_list_formats(db: str) -> None:
    as_json = listed(db)
    jsonl = ok(db, "list", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in jsonl] == as_json
    assert json.loads(ok(db, "list", "--format", "json").stdout) == as_json
    rows = list(csv.DictReader(io.StringIO(ok(db, "list", "--format", "csv").stdout)))
    assert list(rows[0]) == ["id", "uid", "kind", "status", "when", "title", "actors", "location", "sequence",
                             "created", "updated", "evidence"]
    assert rows[2]["actors"] == "TurkPA; Turkey" and json.loads(rows[2]["evidence"]) == as_json[2]["evidence"]
    assert rows[1]["location"] == ""
    table = ok(db, "list").stdout.splitlines()
    assert table[0].split() == ["ID", "WHEN", "STATUS", "KIND", "TITLE", "ACTORS", "LOCATION"]
    assert table[3].split()[1:4] == ["2025-06-11/2025-06-12", "open", "event"]
    assert "TurkPA, Turkey" in table[3]


def test_csv_cells_are_never_spreadsheet_formulas(sqlite_url: str) -> None:
    # Article and user text that starts like a formula (=, +, -, @, tab, CR) would run in a
    # spreadsheet that opens the CSV (CSV injection): such a cell starts with a quote instead.
    ok(sqlite_url, "add", '=HYPERLINK("http://evil.example","click")', "--actor", "@SUM(1+1)", "--location",
       "+Brussels", "--when", "2025-06-20")
    ok(sqlite_url, "add", "--actor", "\tTab", "--when", "2025-06-21", "--", "-2+3 talks")
    rows = list(csv.DictReader(io.StringIO(ok(sqlite_url, "list", "--format", "csv").stdout)))
    assert [(r["title"], r["actors"], r["location"]) for r in rows] == [
        ("'=HYPERLINK(\"http://evil.example\",\"click\")", "'@SUM(1+1)", "'+Brussels"),
        ("'-2+3 talks", "Tab", ""),  # the actor's tab was stripped on input
    ]
    assert rows[0]["when"] == "2025-06-20" and rows[0]["sequence"] == "0"


def test_list_filters(db: str) -> None:
    titles = lambda *args: [i["title"] for i in listed(db, *args)]  # noqa: E731
    assert titles("--status", "missed") == ["report to parliament"]
    assert titles("--status", "open") == ["assume the chairmanship", "TurkPA session"]
    assert titles("--kind", "event") == ["TurkPA session"]
    assert titles("--actor", "turkey") == ["TurkPA session"]
    assert titles("--search", "PARLIAMENT") == ["report to parliament"]
    assert titles("--from", "2025-06-01", "--until", "2025-06-30") == ["assume the chairmanship", "TurkPA session"]
    assert titles("--from", "2025-06-13") == ["assume the chairmanship"]
    assert titles("--until", "today") == ["assume the chairmanship", "report to parliament"]  # today: 2025-05-01
    assert titles("--from", "June") == ["assume the chairmanship", "TurkPA session"]
    assert titles("--limit", "1") == ["assume the chairmanship"]
    assert titles("--search", "nothing like it") == []
    assert ok(db, "list", "--search", "nothing like it").stderr == "No items match.\n"
    assert ok(db, "list", "--search", "nothing like it", "--format", "jsonl").stdout == ""
    assert ok(db, "list", "--search", "nothing like it", "--json").stdout == "[]\n"
    # An actor with no name in it ('-', ' ', a NUL in a feed's ?actor=) names nobody: it matches
    # nothing, never every item (a named feed for one actor must not publish them all).
    for nobody in ("-", " ", "\x00", "..."):
        assert titles("--actor", nobody) == [], repr(nobody)
    # No stored text holds a NUL: searching for one finds nothing (PostgreSQL refused the query:
    # `/api/items?search=%00` answered 500).
    assert titles("--search", "\x00") == titles("--search", "TurkPA\x00") == []


def test_table_shows_the_first_hundred_and_says_so(store_url: str) -> None:
    from datetime import datetime, timezone

    now = datetime(2025, 5, 1, 12, tzinfo=timezone.utc)
    with Store(store_url) as s:
        for n in range(102):
            s.add_manual(title=f"task {n:03d}", when=f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}", now=now)
    result = ok(store_url, "list")
    lines = result.stdout.splitlines()
    assert len(lines) == 101 and "task 000" in lines[1] and "task 099" in lines[-1]
    assert result.stderr == "Showing the first 100 of 102 items: filter them, or --limit 0 for all.\n"
    assert len(ok(store_url, "list", "--limit", "0").stdout.splitlines()) == 103
    assert ok(store_url, "list", "--limit", "3").stderr == ""
    assert len(listed(store_url)) == 102  # machine formats are never cut
    raw = ok(store_url, "list", "--json").stdout
    assert raw.startswith("[\n{") and raw.endswith("}\n]\n") and raw.count("\n") == 104  # one object a line


def test_list_status_all_and_several(db: str) -> None:
    session = by_title(db)["TurkPA session"]["id"]
    ok(db, "done", session)
    assert len(listed(db)) == 2
    assert [i["title"] for i in listed(db, "--status", "done", "--status", "missed")] == [
        "report to parliament", "TurkPA session"
    ]
    assert len(listed(db, "--status", "all")) == 3


def test_list_bad_options(db: str) -> None:
    assert run(db, "list", "--status", "late").exit_code == 2
    line = fails(db, 3, "list", "--from", "the day after never")
    assert line.startswith("Error: invalid --from 'the day after never': cannot understand the date")


# ---- show --------------------------------------------------------------------------------------


def test_show_prints_no_terminal_control_sequences(store_url: str, tmp_path: Path, article: Any,
                                                   scripted_extractor: Any) -> None:
    # Article text reaches the terminal in `tracker show`: an ESC or BEL in it would retitle the
    # window, clear the screen or hide text (terminal escape injection). They print as spaces.
    hostile = "summit \x1b]0;pwned\x07 in \x1b[2J\x1b[8mAstana\x1b[0m"
    path = article(tmp_path / "esc", "a.txt", "2025-04-21", f"ITEM event | {hostile} | NATO | 2025-06-11 | Baku")
    ok(store_url, "ingest", str(path))
    [item] = listed(store_url)
    text = ok(store_url, "show", item["id"]).stdout
    assert "\x1b" not in text and "\x07" not in text
    assert f"{item['id']}  summit ]0;pwned in [2J [8mAstana [0m\n" in text


def test_show_text_and_json(db: str) -> None:
    session = by_title(db)["TurkPA session"]
    text = ok(db, "show", session["id"]).stdout
    assert text.startswith(f"{session['id']}  TurkPA session\n  kind      event\n  status    open\n")
    assert "  when      2025-06-11/2025-06-12\n" in text
    assert "Evidence (2):\n  2025-04-21  " in text
    assert "    ITEM event | session of the TurkPA | TurkPA; Turkey | 2025-06-11/2025-06-12 | Astana\n" in text
    assert f"  {CREATED}  when: 2025 -> 2025-06-11/2025-06-12  by article:" in text
    shown = json.loads(ok(db, "show", session["id"][:5], "--json").stdout)
    # show --json adds the history and the follow-up timeline and links (issue 7) to the list fields
    assert {k: v for k, v in shown.items() if k not in ("history", "timeline", "follows", "followed_by")} == session
    assert [(h["field"], h["old"], h["new"]) for h in shown["history"]] == [
        ("created", None, "open"),
        ("when", "2025", "2025-06-11/2025-06-12"),
        ("actors", '["TurkPA"]', '["TurkPA", "Turkey"]'),
    ]
    assert list(shown["history"][0]) == ["at", "by", "field", "new", "old", "why"]


def test_unknown_id(db: str) -> None:
    for command in (["show"], ["done"], ["cancel"], ["reopen"], ["edit", "--title", "x"]):
        line = fails(db, 4, *command[:1], "zzzz9999", *command[1:])
        assert line == "Error: no item with id 'zzzz9999'; `tracker list --status all` shows every id"


# ---- lifecycle ---------------------------------------------------------------------------------


def test_done_cancel_reopen(db: str) -> None:
    item = by_title(db)["report to parliament"]
    assert ok(db, "done", item["id"], "--note", "filed").stdout == f"{item['id']}  done  report to parliament\n"
    assert ok(db, "cancel", item["id"]).stdout == f"{item['id']}  cancelled  report to parliament\n"
    assert ok(db, "reopen", item["id"], "--note", "oops").stdout == f"{item['id']}  missed  report to parliament\n"
    history = json.loads(ok(db, "show", item["id"], "--json").stdout)["history"]
    assert [(h["old"], h["new"], h["by"], h["why"]) for h in history[1:]] == [
        ("missed", "done", "user", "filed"),
        ("done", "cancelled", "user", None),
        ("cancelled", "open", "user", "oops"),
    ]
    assert by_title(db)["report to parliament"]["sequence"] == 3


# ---- add and edit ------------------------------------------------------------------------------


def test_add(store_url: str) -> None:
    out = ok(store_url, "add", "Send the report", "--when", "2025-06-11", "--actor", "Me", "--actor", "Ministry",
             "--kind", "event", "--location", "Astana", "--note", "promised").stdout
    item_id, when, title = out.rstrip("\n").split("  ")
    assert ID.match(item_id) and (when, title) == ("2025-06-11", "Send the report")
    [item] = listed(store_url)
    assert (item["actors"], item["kind"], item["location"], item["evidence"]) == (
        ["Me", "Ministry"], "event", "Astana", []
    )
    natural = json.loads(ok(store_url, "add", "Call back", "--when", "June 11-12", "--json").stdout)
    assert natural["when"] == "2025-06-11/2025-06-12" and natural["kind"] == "commitment"
    assert json.loads(ok(store_url, "show", natural["id"], "--json").stdout)["history"][0]["by"] == "user"


def test_add_bad_when_leaves_the_store_as_it_was(store_url: str) -> None:
    ok(store_url, "add", "first")
    line = fails(store_url, 3, "add", "second", "--when", "when pigs fly")
    assert line.startswith("Error: cannot understand the date 'when pigs fly'")
    assert [i["title"] for i in listed(store_url)] == ["first"]
    assert fails(store_url, 3, "add", "   ") == "Error: the title cannot be empty"


def test_edit(db: str) -> None:
    item = by_title(db)["assume the chairmanship"]
    out = ok(db, "edit", item["id"], "--when", "2025-07-01", "--title", "chair TurkPA", "--actor", "Kazakhstan",
             "--actor", "Majilis", "--location", "Astana", "--kind", "event", "--note", "announced").stdout
    assert out == f"{item['id']}  2025-07-01  chair TurkPA\n"
    edited = by_title(db)["chair TurkPA"]
    assert (edited["when"], edited["actors"], edited["location"], edited["kind"], edited["sequence"]) == (
        "2025-07-01", ["Kazakhstan", "Majilis"], "Astana", "event", 1
    )
    ok(db, "edit", item["id"], "--when", "none", "--location", "none")
    cleared = by_title(db)["chair TurkPA"]
    assert cleared["when"] is None and cleared["location"] is None
    history = json.loads(ok(db, "show", item["id"], "--json").stdout)["history"]
    assert {h["field"] for h in history} == {"created", "when", "title", "actors", "location", "kind"}
    assert {h["why"] for h in history if h["field"] == "title"} == {"announced"}


def test_bad_edits(db: str) -> None:
    item = by_title(db)["TurkPA session"]
    before = by_title(db)
    assert run(db, "edit", item["id"]).exit_code == 2  # nothing to change: a usage error
    assert fails(db, 3, "edit", item["id"], "--when", "the twelfth of never").startswith(
        "Error: cannot understand the date 'the twelfth of never'"
    )
    assert fails(db, 3, "edit", item["id"], "--title", " ") == "Error: the title cannot be empty"
    assert by_title(db) == before


# ---- configuration and store errors ------------------------------------------------------------


def test_config_file_flag_and_env(store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "tracker.toml"
    config.write_text(f'db = "{tmp_path / "from-file.db"}"\nmax_bytes = 20\n')
    shown = {r["name"]: r for r in json.loads(CliRunner().invoke(cli, ["--config", str(config), "config", "--json"]).stdout)}
    assert shown["db"]["value"] == str(tmp_path / "from-file.db") and shown["db"]["source"] == str(config)
    # The file's store is used when no flag or variable names one; its max_bytes applies to ingest.
    monkeypatch.setenv("TRACKER_CONFIG", str(config))
    big = tmp_path / "big.txt"
    big.write_text("date 2025-04-21\n\nlong enough to exceed twenty bytes\n")
    result = CliRunner().invoke(cli, ["ingest", str(big)])
    assert result.exit_code == 3 and "the limit is 20" in result.stderr
    assert (tmp_path / "from-file.db").is_file()
    # A flag beats the environment, which beats the file.
    monkeypatch.setenv("TRACKER_DB", store_url)
    rows = json.loads(CliRunner().invoke(cli, ["config", "--json"]).stdout)
    assert [r["source"] for r in rows if r["name"] == "db"] == ["env TRACKER_DB"]
    rows = json.loads(CliRunner().invoke(cli, ["--db", "x.db", "config", "--json"]).stdout)
    assert [(r["value"], r["source"]) for r in rows if r["name"] == "db"] == [("x.db", "flag")]


def test_bad_config_is_named(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[reminders]\nbefore = ["often"]\n')
    result = CliRunner().invoke(cli, ["--config", str(config), "list"])
    assert result.exit_code == 5
    assert result.stderr == (
        f"Error: {config}: invalid value ['often'] for reminders.before: 'often' is not a duration like 15m, 2h, "
        "1d or 1w\n"
    )
    assert CliRunner().invoke(cli, ["--config", str(tmp_path / "missing.toml"), "list"]).exit_code == 5


def test_bad_now_is_a_config_error(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_NOW", "yesterday-ish")
    assert fails(store_url, 5, "list").startswith("Error: environment variable TRACKER_NOW: invalid value")


def test_store_errors_exit_6(tmp_path: Path, store_url: str) -> None:
    line = fails("postgresql://postgres@127.0.0.1:1/nothing", 6, "list")
    assert line.startswith("Error: cannot open the store postgresql+psycopg://postgres@127.0.0.1:1/nothing: ")
    with Store(store_url) as s, s.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    assert "newer than this tracker understands" in fails(store_url, 6, "list")


def test_default_store_in_user_data_dir(isolated_env: Path) -> None:
    result = CliRunner().invoke(cli, ["add", "default store"])
    assert result.exit_code == 0
    assert (isolated_env / "xdg-data" / "tracker" / "tracker.db").is_file()
