"""TempEval-3 platinum: the engine's TIMEX3s scored by the shared TE3 tool must clear the floors."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker.temporal import find_time_expressions

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TOOL = SHARED / "tools" / "te3_score.py"
CORPUS = SHARED / "corpus" / "te3-platinum"
FLOORS = {"value_all": 0.80, "strict_all": 0.85, "value_date_time": 0.85}

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (TOOL.exists() and CORPUS.is_dir()),
                       reason=f"TE3 corpus or scorer not found under {SHARED} (../shared absent)"),
]


def _score(gold: Path, pred: Path, *extra: str) -> dict:
    out = subprocess.run([sys.executable, str(TOOL), "score", str(gold), str(pred), "--json", *extra],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    base = tmp_path_factory.mktemp("te3")
    gold, pred = base / "gold", base / "pred"
    subprocess.run([sys.executable, str(TOOL), "export", str(CORPUS), str(gold)],
                   check=True, capture_output=True)
    pred.mkdir()
    for txt in sorted(gold.glob("*.txt")):
        content = txt.read_text(encoding="utf-8")
        m = re.match(r"\s*date (\d{4}-\d\d-\d\d)\n", content)
        assert m, txt
        body = content.index("\n\n") + 2
        found = find_time_expressions(content, date.fromisoformat(m.group(1)), body)
        for t in found:
            assert content[t.start : t.end] == t.text
        (pred / (txt.stem + ".pred.json")).write_text(json.dumps([t.to_dict() for t in found]))
    every = _score(gold, pred)
    dt = _score(gold, pred, "--types", "DATE,TIME")
    return {"value_all": every["value"]["F1"], "strict_all": every["strict"]["F1"],
            "value_date_time": dt["value"]["F1"]}


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_te3_platinum_floor(scores: dict[str, float], measure: str) -> None:
    assert scores[measure] >= FLOORS[measure], f"{measure} = {scores[measure]:.4f} < {FLOORS[measure]}"
