"""CLI wiring for timex/extract: output formats and one-line errors with exit codes, never a traceback."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SEED = str(ROOT / "seeds" / "000_12d6a3618a4b866a.txt")


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_help_lists_every_command_with_a_summary() -> None:
    result = run("-h")
    assert result.exit_code == 0
    commands = result.output.split("Commands:")[1]
    for name, command in cli.commands.items():
        assert name in commands
        assert command.help, f"{name} has no help"


def test_timex_jsonl_spans_index_the_file_content() -> None:
    result = run("timex", SEED, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    content = Path(SEED).read_bytes().decode("utf-8")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, "the seed has dates"
    for row in rows:
        assert set(row) == {"document", "start", "end", "text", "type", "value"}
        assert row["document"] == SEED
        assert content[row["start"] : row["end"]] == row["text"]
    values = {(r["text"], r["value"]) for r in rows}
    assert ("This year", "2025") in values
    assert ("June 11", "2025-06-11") in values


def test_timex_table_is_the_default() -> None:
    result = run("timex", SEED)
    assert result.exit_code == 0
    assert "published 2025-04-21" in result.stdout and "VALUE" in result.stdout


def test_extract_jsonl_contract() -> None:
    result = run("extract", SEED, "--format", "jsonl", "--explain")
    assert result.exit_code == 0, result.output
    content = Path(SEED).read_bytes().decode("utf-8")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    for row in rows:
        for key in ("document", "kind", "title", "actors", "when", "location", "evidence", "span", "confidence"):
            assert key in row
        s, e = row["span"]
        assert content[s:e] == row["evidence"]
        assert isinstance(row["explain"], list)


@pytest.mark.parametrize("command", ["timex", "extract"])
@pytest.mark.parametrize(
    "content, code, message",
    [
        (b"", 3, "is empty"),
        (b"\x00\x01\x02binary\x00", 3, "binary"),
        (b"Talks will resume on Monday.", 3, "--published"),
        (b"date 2025-02-30\n\nText.", 3, "invalid date"),
        (bytes([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1]) * 200, 3, "UTF-8"),
    ],
    ids=["empty", "binary", "no-date", "impossible-date", "mis-encoded"],
)
def test_bad_input_one_line_error(tmp_path: Path, command: str, content: bytes, code: int, message: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    result = run(command, str(p))
    assert result.exit_code == code
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0]
    assert "Traceback" not in result.stderr


def test_bad_published_value(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Talks will resume on Monday.", encoding="utf-8")
    result = run("timex", str(p), "--published", "yesterday")
    assert result.exit_code == 3 and "expected YYYY-MM-DD" in result.stderr
    ok = run("timex", str(p), "--published", "2025-04-17", "--format", "jsonl")
    assert ok.exit_code == 0 and '"2025-04-21"' in ok.stdout


def test_oversized_with_max_bytes(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("date 2025-04-21\n\n" + "The session opens on Monday. " * 100, encoding="utf-8")
    result = run("extract", str(p), "--max-bytes", "500")
    assert result.exit_code == 3 and "too large" in result.stderr


def test_mixed_directory_reports_bad_file_and_processes_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("date 2025-04-21\n\nThe vote is set for Friday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("timex", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 3
    assert "empty.txt: is empty" in result.stderr
    assert any(json.loads(l)["text"] == "Friday" for l in result.stdout.splitlines())


def test_hostile_text_in_table_output_stays_on_one_line(tmp_path: Path) -> None:
    p = tmp_path / "hostile.txt"
    p.write_text(
        "date 2025-04-21\n\nThe summit\rEND:VEVENT\r\nBEGIN:VEVENT <script>alert(1)</script> will be held on June 11.",
        encoding="utf-8",
    )
    result = run("extract", str(p), "--format", "jsonl")
    assert result.exit_code == 0
    for line in result.stdout.splitlines():
        row = json.loads(line)
        s, e = row["span"]
        assert p.read_bytes().decode("utf-8")[s:e] == row["evidence"]
