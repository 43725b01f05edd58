"""Training: labels follow the scorer's matching, training is deterministic, the shipped model is reproducible."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from speechkit.extraction.model import KindModel
from speechkit.extraction.train import find_gold_files, sentence_labels, train

ROOT = Path(__file__).resolve().parents[2]
TEAM = ROOT / "corpora" / "train"


def test_sentence_labels_follow_gold_spans() -> None:
    text = "问题依然存在：财政收支不平衡，收入增长乏力。实体经济发展不充分。要加强领导。"
    sents = [(7, 22), (22, 32), (32, 38)]
    gold = [
        {"kind": "problem", "text": "财政收支不平衡，收入增长乏力。"},
        {"kind": "problem", "text": "实体经济发展不充分。"},
    ]
    assert sentence_labels(text, sents, gold) == ["B", "B", "O"]
    gold[1]["optional"] = True
    assert sentence_labels(text, sents, gold) == ["B", None, "O"]


def test_training_is_deterministic(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for stem in ("syn_speech_01_zhaoshang", "syn_plan_02_yunling_waste", "syn_report_01_yunling"):
        for suffix in (".txt", ".gold.json"):
            shutil.copy(TEAM / f"{stem}{suffix}", corpus)
    a, b = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    train([corpus]).save(a)
    train([corpus]).save(b)
    assert a.read_bytes() == b.read_bytes()
    model = KindModel.load(a)
    assert model.info["documents"] == sorted(p.name for p in find_gold_files([corpus]))


def test_shipped_model_is_reproducible(shared_dir: Path) -> None:
    """`speechkit train corpora/train ../shared/train` gives the model shipped in the package."""
    if not (shared_dir / "train").is_dir():
        pytest.skip("../shared/train is not present")
    fresh = train([TEAM, shared_dir / "train"])
    shipped = KindModel.load()
    assert fresh.info["training_data_sha256"] == shipped.info["training_data_sha256"], (
        "the training data changed: retrain with `speechkit train corpora/train ../shared/train "
        "--dev ../shared/gold -o src/speechkit/data/model.json.gz`"
    )
    for name, head in shipped.heads.items():
        new = fresh.heads[name]
        assert new.classes_ == head.classes_
        assert new.vocab_ == head.vocab_
        np.testing.assert_allclose(new.coef_, head.coef_, atol=2e-3)
