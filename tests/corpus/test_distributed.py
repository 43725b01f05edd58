"""The batch on Dask: a LocalCluster gives the same items as a local run; a missing Dask names the extra."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import speechkit
from speechkit.corpus.batch import run
from speechkit.corpus.sinks import read_output
from speechkit.errors import MissingDependencyError

from .conftest import BAD, GOOD
from .test_batch import normalised


def test_a_local_cluster_gives_the_same_items(corpus_dir: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "items.parquet"
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        r = run(corpus_dir, out, client=client, quiet=True, errors=tmp_path / "errors.csv")
        assert (r.ok, r.failed) == (GOOD, BAD)
        again = run(corpus_dir, out, client=client, quiet=True)
        assert (again.ok, again.skipped) == (0, GOOD)
    assert sorted(out.glob("part-*.parquet"))  # a partitioned dataset folder
    reference = normalised(speechkit.Corpus(corpus_dir).items())
    got = normalised(read_output(out))
    pd.testing.assert_frame_equal(got[list(reference.columns)], reference)


def test_missing_dask_names_the_extra(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "speechkit\[dask\]"'):
        run(corpus_dir, tmp_path / "items.csv", scheduler="tcp://127.0.0.1:1", quiet=True)
    assert not (tmp_path / "items.csv").exists()
