"""A small corpus written into a temporary folder: the seed, short synthetic speeches in several formats,
a nested folder, non-documents, two bad files and a MANIFEST.tsv."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from docx_builders import build_docx

SPEECH_A = """在全县优化营商环境工作推进会上的讲话
（2024年3月15日）
同志们：
今天召开会议，主要任务是部署优化营商环境工作。
一、清醒认识存在的问题
一是审批效率不高。部分事项办理时限偏长，群众反映较多。二是服务意识不强。个别部门推诿扯皮。
二、扎实抓好重点任务
（一）深化“放管服”改革。县政务服务中心要在6月底前实现80%以上事项“一网通办”，县发展改革局牵头。
（二）强化要素保障。要确保全年新增市场主体3000户以上，力争招商引资到位资金增长10%左右。
"""

SPEECH_B = """# 在全市防汛工作会议上的讲话

同志们：

一、防汛形势依然严峻。今年汛期降雨偏多，部分堤防存在隐患，值班值守落实不到位。

二、全力做好防汛准备。各县区要在5月31日前完成隐患排查整治，市水利局负责督促落实。要确保汛期不发生重大人员伤亡。
"""

SPEECH_C = """<html><head><title>在乡村振兴工作会议上的讲话</title></head><body>
<p>同志们：</p>
<p>一、巩固拓展脱贫攻坚成果。确保2024年农村居民人均可支配收入增长7%以上。</p>
<p>二、加快发展乡村产业。县农业农村局牵头，年底前建成高标准农田5万亩。</p>
</body></html>
"""

DOCX_PARAS = [
    "在全区教育工作会议上的讲话",
    "同志们：",
    "一、补齐办学条件短板。部分学校班额偏大，师资力量薄弱。",
    "二、提升教育质量。区教育局要在9月前新建幼儿园3所，确保学前教育毛入园率达到95%以上。",
]

MANIFEST = (
    "path\tplace\tyear\ttitle\na_speech.txt\t甲县\t2024\t优化营商环境\nsub/b_flood.md\t乙市\t2023\t防汛\n"
)


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """A folder of 6 documents (one empty, one corrupt .docx) plus files that are no documents."""
    d = tmp_path_factory.mktemp("corpus")
    (d / "a_speech.txt").write_text(SPEECH_A, encoding="gb18030")
    (d / "sub").mkdir()
    (d / "sub" / "b_flood.md").write_text(SPEECH_B, encoding="utf-8")
    (d / "sub" / "c_rural.html").write_text(SPEECH_C, encoding="utf-8")
    (d / "d_education.docx").write_bytes(build_docx(DOCX_PARAS))
    shutil.copy(seed_path, d / "seed_speech.txt")
    (d / "empty.txt").write_bytes(b"")
    (d / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (d / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (d / "MANIFEST.tsv").write_text(MANIFEST, encoding="utf-8")
    return d


GOOD = 5  # readable documents in corpus_dir
BAD = 2


@pytest.fixture(scope="session")
def corpus_zip(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same documents and manifest in a zip archive."""
    path = tmp_path_factory.mktemp("zip") / "speeches.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(corpus_dir.rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(corpus_dir).as_posix())
    return path


@pytest.fixture
def work_dir(corpus_dir: Path, tmp_path: Path) -> Path:
    """A fresh copy of the corpus a test may change."""
    target = tmp_path / "docs"
    shutil.copytree(corpus_dir, target)
    return target
