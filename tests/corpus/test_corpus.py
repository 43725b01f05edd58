"""speechkit.Corpus: listing folders, globs, lists and zips; documents and items tables; MANIFEST join."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import speechkit
from speechkit.corpus.manifest import Manifest
from speechkit.corpus.sources import Source, find_sources

from .conftest import BAD, GOOD

DOCS = [
    "a_speech.txt",
    "broken.docx",
    "d_education.docx",
    "empty.txt",
    "seed_speech.txt",
    "sub/b_flood.md",
    "sub/c_rural.html",
]


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> speechkit.Corpus:
    return speechkit.Corpus(corpus_dir)


def test_corpus_is_public_api() -> None:
    assert "Corpus" in speechkit.__all__
    assert speechkit.Corpus is speechkit.corpus.corpus.Corpus


def test_a_folder_is_walked_recursively_for_readable_files(
    corpus: speechkit.Corpus, corpus_dir: Path
) -> None:
    assert [s.relpath for s in corpus.sources] == DOCS
    assert corpus.paths == [str(corpus_dir / p) for p in DOCS]
    assert len(corpus) == GOOD + BAD


def test_glob_list_and_single_file(corpus_dir: Path) -> None:
    glob = speechkit.Corpus(str(corpus_dir / "**" / "*.md"))
    assert [Path(p).name for p in glob.paths] == ["b_flood.md"]
    listed = speechkit.Corpus([corpus_dir / "a_speech.txt", corpus_dir / "sub"])
    assert [Path(p).name for p in listed.paths] == ["a_speech.txt", "b_flood.md", "c_rural.html"]
    assert len(speechkit.Corpus(corpus_dir / "table.csv")) == 1  # a named file is taken as given


def test_iteration_is_lazy_and_skips_unreadable(corpus: speechkit.Corpus) -> None:
    docs = iter(corpus)
    first = next(docs)
    assert isinstance(first, speechkit.Document) and first.meta.title
    assert len([first, *docs]) == GOOD


def test_documents_table(corpus: speechkit.Corpus) -> None:
    docs = corpus.documents()
    assert list(docs["relpath"]) == DOCS
    errors = docs.set_index("relpath")["error"]
    assert errors.notna().sum() == BAD
    assert errors["empty.txt"] == "empty file"
    assert "docx" in errors["broken.docx"] or "zip" in errors["broken.docx"]
    good = docs[docs["error"].isna()].set_index("relpath")
    assert good.loc["a_speech.txt", "year"] == 2024
    assert good.loc["d_education.docx", "format"] == "docx"
    assert (good["n_items"] == good["n_target"] + good["n_problem"] + good["n_task"]).all()
    assert (good["n_items"] > 0).all()
    assert good["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()


def test_items_table_keeps_offsets_into_each_document(corpus: speechkit.Corpus) -> None:
    items = corpus.items()
    docs = corpus.documents()
    per_doc = items.groupby("path").size()
    expected = docs.set_index("path")["n_items"]
    assert per_doc.to_dict() == expected[expected > 0].to_dict()
    for path, rows in items.groupby("path"):
        text = corpus.read(path).text
        for row in rows.itertuples():
            assert text[row.start : row.end] == row.text
    assert set(items["kind"]) == {"target", "problem", "task"}
    assert {"id", "owner", "deadline_iso", "value", "unit", "confidence", "doc_title", "sha256"} <= set(items)


def test_items_match_extract_on_one_document(corpus: speechkit.Corpus, corpus_dir: Path) -> None:
    items = corpus.items()
    path = str(corpus_dir / "sub" / "b_flood.md")
    mine = items[items["path"] == path]
    expected = speechkit.extract(speechkit.read(path))
    assert list(mine["id"]) == [it.id for it in expected]
    assert list(mine["owner"]) == ["、".join(it.owner) for it in expected]


def test_manifest_joins_on_relative_path(corpus: speechkit.Corpus) -> None:
    assert corpus.manifest is not None
    docs = corpus.documents().set_index("relpath")
    assert docs.loc["a_speech.txt", "place"] == "甲县"
    assert docs.loc["sub/b_flood.md", "manifest_year"] == 2023  # 'year' is a document column already
    assert docs.loc["sub/b_flood.md", "manifest_title"] == "防汛"
    assert pd.isna(docs.loc["seed_speech.txt", "place"])
    items = corpus.items()
    assert set(items.loc[items["relpath"] == "a_speech.txt", "place"]) == {"甲县"}
    assert speechkit.Corpus(corpus.spec, manifest=False).manifest is None


def test_manifest_with_a_file_column_and_integers() -> None:
    m = Manifest.from_text("file\tkind\tyear\n./x/a.txt\treport\t2019\nb.txt\tspeech\t\n")
    assert m.columns == ("manifest_kind", "manifest_year")
    assert m.lookup("x/a.txt") == {"manifest_kind": "report", "manifest_year": 2019}
    assert m.lookup("missing.txt") == {"manifest_kind": None, "manifest_year": None}


def test_a_zip_reads_like_the_folder(corpus: speechkit.Corpus, corpus_zip: Path) -> None:
    zipped = speechkit.Corpus(corpus_zip)
    assert [s.member for s in zipped.sources] == DOCS
    assert zipped.paths[0] == f"{corpus_zip}!/a_speech.txt"
    assert zipped.manifest is not None  # MANIFEST.tsv inside the archive
    a = corpus.items().drop(columns="path").reset_index(drop=True)
    b = zipped.items().drop(columns="path").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    doc = zipped.read(f"{corpus_zip}!/sub/b_flood.md")
    assert doc.meta.title == "在全市防汛工作会议上的讲话"


def test_member_address_parses() -> None:
    s = Source.parse("/data/报告.zip!/上海市/2003.md")
    assert (s.file, s.member, s.path) == (
        "/data/报告.zip",
        "上海市/2003.md",
        "/data/报告.zip!/上海市/2003.md",
    )
    assert find_sources(["/data/报告.zip!/上海市/2003.md"]) == [s]


def test_corpus_over_the_real_reports(shared_dir: Path) -> None:
    archive = shared_dir / "reports" / "gov_work_reports.zip"
    if not archive.exists():
        pytest.skip("../shared/reports is absent")
    corpus = speechkit.Corpus(archive)
    assert len(corpus) == 2774
    assert corpus.manifest is not None and "place" in corpus.manifest.columns
    sample = speechkit.Corpus(corpus.paths[:2], manifest=corpus.manifest)
    docs = sample.documents()
    assert docs["error"].isna().all() and (docs["n_items"] > 0).all()
    assert docs["place"].notna().all()


def test_a_folders_readme_is_no_document(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# 说明\n这些报告是团队编写的。", encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("MIT", encoding="utf-8")
    (tmp_path / "a.txt").write_text("同志们：一、抓实招商引资。要加强服务。", encoding="utf-8")
    assert [Path(p).name for p in speechkit.Corpus(tmp_path).paths] == ["a.txt"]
