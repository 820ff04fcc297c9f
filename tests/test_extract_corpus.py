"""Seed and DEV corpus floors for extraction, scored by the shared scorer (../shared/tools)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.documents import load_document
from tracker.extract import extract_items

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TOOL = SHARED / "tools" / "score_items.py"
SEED = SHARED / "corpus" / "seed"
DEV = SHARED / "corpus" / "dev"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (TOOL.exists() and SEED.is_dir() and DEV.is_dir()),
                       reason=f"item corpora or scorer not found under {SHARED} (../shared absent)"),
]


def _score(corpus: Path, tmp: Path) -> dict:
    pred = tmp / f"{corpus.name}.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for txt in sorted(corpus.glob("*.txt")):
            doc = load_document(str(txt))
            for it in extract_items(doc):
                assert doc.content[it.span[0] : it.span[1]] == it.evidence
                fh.write(json.dumps(it.to_dict(), ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, str(TOOL), str(corpus), str(pred), "--json"],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _score(SEED, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def dev(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _score(DEV, tmp_path_factory.mktemp("dev"))


def test_seed_is_perfect(seed: dict) -> None:
    assert seed["strict"]["f1"] == 1.0, seed
    assert seed["actor_acc"] == 1.0, seed
    assert seed["negative_hits"] == 0, seed


@pytest.mark.parametrize("measure,floor", [("detection", 0.80), ("strict", 0.70)])
def test_dev_floor(dev: dict, measure: str, floor: float) -> None:
    assert dev[measure]["f1"] >= floor, f"{measure} F1 {dev[measure]['f1']:.3f} < {floor}"


def test_dev_negative_hits(dev: dict) -> None:
    assert dev["negative_hits"] <= 2, dev["negative_hits"]
