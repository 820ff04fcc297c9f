"""The lazy-import contract that keeps start-up short (issue 4: `tracker show` under 0.3 s,
`tracker list` under 0.5 s, most of it start-up).

Each check runs in a fresh interpreter, since pytest's own process has imported everything.
Heavy modules belong only to the commands that need them: alembic to creating or upgrading a
store, the extractor and temporal engine to ingest/extract/add, dateparser to natural-language
dates, trafilatura to HTML input, apprise/apscheduler to reminders, icalendar to feeds,
starlette/uvicorn to `tracker serve`, psycopg to PostgreSQL URLs. No timing assertions here:
bench/store.py measures the times.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli

pytestmark = pytest.mark.usefixtures("isolated_env")

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_12d6a3618a4b866a.txt"

# Never needed to read a SQLite store.
HEAVY = (
    "alembic",
    "apprise",
    "apscheduler",
    "dateparser",
    "icalendar",
    "psycopg",
    "starlette",
    "trafilatura",
    "uvicorn",
    "tracker.extract",
    "tracker.temporal",
    "tracker.feeds",
    "tracker.server",
    "tracker.followup.apply",
    "tracker.followup.matching",
    "tracker.followup.outcomes",
    "tracker.followup.review",
    "tracker.reminders.dispatcher",
)


def loaded_after(code: str) -> set[str]:
    """The top-level and tracker modules imported by `code` in a fresh interpreter."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def heavy_in(modules: set[str], extra: tuple[str, ...] = ()) -> list[str]:
    return sorted(m for m in modules for h in HEAVY + extra if m == h or m.startswith(h + "."))


def test_importing_the_cli_loads_no_store_or_engine_code() -> None:
    """`tracker --help` (and shell completion) stays fast: not even SQLAlchemy."""
    modules = loaded_after("import tracker.cli")
    assert heavy_in(modules, ("sqlalchemy", "tracker.store", "tracker.followup", "tracker.config")) == []


def test_help_loads_no_heavy_module() -> None:
    code = ("from click.testing import CliRunner\nfrom tracker.cli import cli\n"
            "r = CliRunner().invoke(cli, ['--help'])\nassert r.exit_code == 0, r.output\n")
    assert heavy_in(loaded_after(code), ("sqlalchemy",)) == []


@pytest.fixture
def seeded(tmp_path: Path) -> str:
    """A SQLite store with the seed article's items (created, and so migrated, in this process)."""
    db = str(tmp_path / "store.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(SEED)])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return db


def test_list_and_show_load_no_heavy_module(seeded: str) -> None:
    """Reading an up-to-date store: no alembic, no extractor, no follow-up matching, no psycopg."""
    code = f"""
import json
from click.testing import CliRunner
from tracker.cli import cli
db = {seeded!r}
def ok(*args):
    r = CliRunner().invoke(cli, ['--db', db, *args])
    assert r.exit_code == 0, (args, r.output)
    return r.stdout
items = json.loads(ok('list', '--status', 'all', '--json'))
assert items
ok('list')
ok('list', '--format', 'csv')
for item in items:
    assert 'Timeline:' in ok('show', item['id'])
    assert 'timeline' in json.loads(ok('show', item['id'], '--json'))
"""
    modules = loaded_after(code)
    assert "tracker.followup.timeline" in modules  # the check ran the timeline
    # A SQLite store needs no PostgreSQL code (its dialect alone costs ~15 ms of start-up).
    assert heavy_in(modules, ("sqlalchemy.dialects.postgresql",)) == []


def test_followup_package_exports_resolve_lazily() -> None:
    """The package's public names load their submodule on first use, as the eager imports did."""
    import tracker.followup as followup
    from tracker.followup import apply, matching, outcomes, review, timeline

    homes = (apply, matching, outcomes, review, timeline)
    for name in followup.__all__:
        value = getattr(followup, name)
        assert any(getattr(m, name, None) is value for m in homes), name
        assert name in dir(followup)
    with pytest.raises(AttributeError):
        followup.no_such_name  # noqa: B018


def test_garbage_collection_resumes_after_the_store_opens(seeded: str, tmp_path: Path) -> None:
    """The collector is paused only while the store's code loads (start-up time): a long command
    such as a large ingest must run with it on, and so must the process after a failed open."""
    import gc

    assert gc.isenabled()
    result = CliRunner().invoke(cli, ["--db", seeded, "list"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()
    (tmp_path / "not-a-store.db").write_bytes(b"this is not a SQLite database" * 100)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "not-a-store.db"), "list"])
    assert result.exit_code != 0 and "Error:" in result.output
    assert gc.isenabled()


def test_commands_see_garbage_collection_on(seeded: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside a command, after the store opened, the collector is running again."""
    import gc

    from tracker import store as store_pkg

    seen: list[bool] = []
    real = store_pkg.Store.items

    def spy(self: object, *args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_pkg.Store, "items", spy)
    result = CliRunner().invoke(cli, ["--db", seeded, "list"])
    assert result.exit_code == 0, result.output
    assert seen == [True]


def test_the_program_freezes_what_is_left_before_it_exits(seeded: str) -> None:
    """`tracker` (main) freezes the surviving objects on its way out, so the interpreter's final
    collection skips them; the command's output, exit status and stored changes are intact."""
    probe = ("import atexit, gc, sys\n"
             "atexit.register(lambda: sys.stderr.write(f'frozen={gc.get_freeze_count()}\\n'))\n"
             "from tracker.cli import main\n"
             "sys.argv = ['tracker', *sys.argv[1:]]\nmain()\n")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", probe, "--db", seeded, *args], capture_output=True, text=True,
                              timeout=120, check=False)

    listed = run("list", "--json")
    assert listed.returncode == 0, listed.stderr
    item = json.loads(listed.stdout)[0]
    assert int(listed.stderr.split("frozen=")[1]) > 10_000
    done = run("done", item["id"], "--note", "held")
    assert done.returncode == 0 and "frozen=" in done.stderr
    shown = run("show", item["id"], "--json")
    assert json.loads(shown.stdout)["status"] == "done"
    missing = run("show", "zzzzzzzz")
    assert missing.returncode == 4 and "Error:" in missing.stderr and "frozen=" in missing.stderr


def test_gc_paused_restores_the_collector_however_the_block_ends() -> None:
    import gc

    from tracker.gcpause import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the inner pause must not turn it back on
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    with gc_paused(when=False):
        assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()
