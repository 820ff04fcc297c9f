"""The README's configuration example loads as written, and shell completion is what it says."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.config import load_config

ROOT = Path(__file__).resolve().parents[1]


def test_readme_config_example_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Configuration", 1)[1].split("\n## ", 1)[0]
    [example] = re.findall(r"```toml\n(.+?)```", section, re.S)
    path = tmp_path / "config.toml"
    path.write_text(example, encoding="utf-8")
    cfg = load_config(path)
    assert cfg.timezone == "Europe/Berlin" and cfg.feeds["nato"].actor == "NATO"


def test_shell_completion_script(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_TRACKER_COMPLETE", "bash_source")
    result = CliRunner().invoke(cli, [], prog_name="tracker")
    assert result.exit_code == 0 and "_tracker_completion" in result.stdout
