"""End-to-end extraction: golden files, the offset invariant, the development bar, bad model files."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.errors import ModelError, SpeechkitError
from speechkit.evaluate import evaluate_file
from speechkit.export import COLUMNS
from speechkit.extraction.model import KindModel

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
# inputs that live in the repository: the seed and two of the team's own documents
GOLDEN_INPUTS = [
    ROOT / "corpora" / "seed_speech.txt",
    ROOT / "corpora" / "train" / "syn_speech_06_fangxun.txt",
    ROOT / "corpora" / "train" / "syn_plan_01_qinghe_business.txt",
]


def _golden_form(path: Path) -> dict[str, object]:
    doc = speechkit.read(path)
    items = speechkit.extract(doc)
    return {
        "source": path.name,
        "items": [{k: d[k] for k in COLUMNS} for d in (it.to_dict() for it in items)],
    }


@pytest.mark.parametrize("path", GOLDEN_INPUTS, ids=[p.stem for p in GOLDEN_INPUTS])
def test_golden(path: Path, update_golden: bool) -> None:
    """Extraction output equals its golden file; `pytest --update-golden` rewrites them after review."""
    got = _golden_form(path)
    golden = GOLDEN / f"{path.stem}.items.json"
    text = json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing golden file {golden}; run pytest --update-golden and review the diff"
    assert json.loads(golden.read_text(encoding="utf-8")) == got


def test_seed_items_point_into_the_text(seed_path: Path) -> None:
    doc = speechkit.read(seed_path)
    items = speechkit.extract(doc)
    assert {it.kind for it in items} == {"target", "problem", "task"}
    for it in items:
        assert doc.text[it.start : it.end] == it.text
        assert it.confidence > 0
    ids = [it.id for it in items]
    assert len(ids) == len(set(ids))


def test_ids_are_stable_across_an_edit_elsewhere(seed_text: str) -> None:
    before = {it.text: it.id for it in speechkit.extract(speechkit.from_text(seed_text))}
    edited = seed_text.replace("招商引资既是经济发展的", "招商引资从来都是经济发展的")
    after = {it.text: it.id for it in speechkit.extract(speechkit.from_text(edited))}
    same = [t for t in before if t in after]
    assert len(same) >= len(before) - 2
    assert all(before[t] == after[t] for t in same)


def test_items_frame(seed_path: Path) -> None:
    doc = speechkit.read(seed_path)
    frame = speechkit.items_frame(speechkit.extract(doc), doc)
    assert list(frame.columns[:3]) == ["doc_title", "doc_date", "source"]
    assert set(frame["kind"]) == {"target", "problem", "task"}


@pytest.mark.parametrize(
    "content",
    [b"not gzip, not json", gzip.compress(b'{"schema": "other/9"}'), b""],
    ids=["garbage", "wrong-schema", "empty"],
)
def test_bad_model_file(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "model.json.gz"
    bad.write_bytes(content)
    with pytest.raises(ModelError):
        KindModel.load(bad)
    run = subprocess.run(
        [sys.executable, "-m", "speechkit.cli", "extract", str(GOLDEN_INPUTS[0]), "--model", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: ")
    assert "Traceback" not in run.stderr


def test_shipped_model_carries_its_provenance() -> None:
    model = KindModel.load()
    assert len(model.info["training_data_sha256"]) == 64
    assert set(model.heads) == {"unit", "sentence", "clause"}
    assert model.info["examples"]["clause"]["target"] > 1000


def _shared_or_skip(shared_dir: Path, sub: str) -> Path:
    path = shared_dir / sub
    if not path.is_dir():
        pytest.skip(f"{path} is not present")
    return path


def test_seed_meets_the_bar(shared_dir: Path) -> None:
    """The seed: micro F1 >= 0.95 and every kind >= 0.90, as shared/tools/score.py scores."""
    gold = _shared_or_skip(shared_dir, "gold") / "000_039e288990a12654.gold.json"
    ev = evaluate_file(gold)
    assert ev.micro.f1 >= 0.95
    assert all(s.f1 >= 0.90 for s in ev.kinds.values()), {k: s.f1 for k, s in ev.kinds.items()}


# floors a little under today's figures: a change that loses accuracy on the development set fails here
DEV_FLOORS = {
    "000_039e288990a12654": 0.95,
    "guowuyuan_jiuye_opinions_2018": 0.90,
    "hailar_district_gwr_2018": 0.88,
    "xi_poverty_alleviation_symposium_2018": 0.48,
}


@pytest.mark.parametrize("name", sorted(DEV_FLOORS))
def test_development_floor(shared_dir: Path, name: str) -> None:
    gold = _shared_or_skip(shared_dir, "gold") / f"{name}.gold.json"
    assert evaluate_file(gold).micro.f1 >= DEV_FLOORS[name]


def test_score_py_agrees(shared_dir: Path, tmp_path: Path) -> None:
    """`speechkit evaluate` and shared/tools/score.py give the same counts."""
    gold = _shared_or_skip(shared_dir, "gold") / "hailar_district_gwr_2018.gold.json"
    doc_path = shared_dir / json.loads(gold.read_text(encoding="utf-8"))["doc"]
    out = tmp_path / "pred.json"
    subprocess.run(
        [sys.executable, "-m", "speechkit.cli", "extract", str(doc_path), "--format", "json", "-o", str(out)],
        check=True,
        capture_output=True,
    )
    res = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "score.py"), str(out), str(gold), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    theirs = json.loads(res.stdout)
    ours = evaluate_file(gold).to_dict()
    for kind in ("target", "problem", "task", "micro"):
        assert (theirs[kind]["tp"], theirs[kind]["fp"], theirs[kind]["fn"]) == (
            ours[kind]["tp"],
            ours[kind]["fp"],
            ours[kind]["fn"],
        )


def test_extract_every_corpus_document(shared_dir: Path) -> None:
    """Every readable document under shared/corpora extracts, and every item points into its text."""
    corpora = _shared_or_skip(shared_dir, "corpora")
    done = 0
    for path in sorted(p for p in corpora.rglob("*") if p.is_file() and p.suffix not in (".zip", ".tsv")):
        try:
            doc = speechkit.read(path)
        except SpeechkitError:
            continue
        for it in speechkit.extract(doc):
            assert doc.text[it.start : it.end] == it.text, (path.name, it.id)
        done += 1
    assert done >= 40


def test_a_list_marker_is_no_indicator() -> None:
    from speechkit.extraction.pipeline import _target_attrs

    text = "1.新建城东幼儿园2所"
    attrs = _target_attrs(text, 0, len(text), "2024-01-16")
    assert attrs["indicator"] and not attrs["indicator"].startswith("1")
    text = "2.新建城南幼儿园"
    assert _target_attrs(text, 0, len(text), "2024-01-16")["indicator"] == "新建城南幼儿园"


@pytest.mark.parametrize(
    "text,value",
    [
        ("落实“四个不摘”要求", None),
        ("接续实施基层医疗卫生人才“三个一批”项目", None),
        ("“三个责任人”到岗履职率达到100%", 100.0),
        ("新增“专精特新”企业100家", 100.0),
    ],
)
def test_a_number_inside_quotes_is_a_slogan_not_a_value(text: str, value: float | None) -> None:
    from speechkit.extraction.pipeline import _target_attrs

    assert _target_attrs(text, 0, len(text), "2024-01-16").get("value") == value


@pytest.mark.parametrize(
    "clause,only_time",
    [
        ("到2020年", True),
        ("力争到2024年底", True),
        ("到“十四五”末", True),
        ("到2020年，基本实现全覆盖", False),
    ],
)
def test_a_clause_naming_only_the_period_is_no_target(clause: str, only_time: bool) -> None:
    from speechkit.extraction.pipeline import _ONLY_TIME

    assert bool(_ONLY_TIME.fullmatch(clause)) is only_time


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("集体经济年经营性收入10万元以上的村占比达到55%", 55.0, "%"),  # 10万元 qualifies the name
        ("三年争取上级资金不低于4.5亿元", 4.5, "亿元"),  # 三年 is a span of time
        ("资金到位后3个月内支出进度达到80%以上", 80.0, "%"),
        ("为辖区65岁以上老年人免费体检5万人次", 5.0, "万人次"),  # an age is no value
        ("同步加装电梯60部", 60.0, "部"),
        ("中心城区PM2.5平均浓度控制在32微克/立方米以内", 32.0, "微克/立方米"),
    ],
)
def test_the_value_of_a_target(text: str, value: float, unit: str) -> None:
    from speechkit.extraction.pipeline import _target_attrs

    attrs = _target_attrs(text, 0, len(text), "2024-01-16")
    assert (attrs["value"], attrs["unit"]) == (value, unit)


def test_a_task_of_many_paragraphs_is_split_into_them() -> None:
    from speechkit.extraction.pipeline import PARAGRAPH_SPLIT_MIN, _paragraph_split

    paras = ["第一，牢牢把握总要求。总要求是学思想、强党性。"] + [
        f"第{i}段，就是要抓好落实。" for i in range(5)
    ]
    text = "\n".join(paras)
    assert text.count("\n") >= PARAGRAPH_SPLIT_MIN
    parts = _paragraph_split(text, "task", 0, len(text), 0, 0.9)
    assert [text[a:b] for _, a, b, *_ in parts] == paras
    assert [via for *_, via in parts] == ["model:unit"] + ["rule:paragraph"] * 5
    short = "\n".join(paras[:3])
    assert len(_paragraph_split(short, "task", 0, len(short), 0, 0.9)) == 1  # a few paragraphs stay one task
    assert len(_paragraph_split(text, "problem", 0, len(text), 0, 0.9)) == 1  # only tasks are split


@pytest.mark.parametrize(
    "text,pos,inside",
    [
        ("到2027年，全县农机作业条件明显改善。", 6, True),
        ("经过5—10年左右时间，职业教育基本完成转变。", 12, True),
        ("具体指标：到2026年，教学条件基本达标。", 11, True),
        ("今后五年的目标是：总量保持全市领先，质量效益明显提升。", 9, True),
        ("今后五年的目标是：总量保持全市领先。去年质量效益明显提升。", 19, False),  # a new sentence
        ("去年以来，全县农机作业条件明显改善。", 5, False),
        ("到2027年，农机作业条件明显改善。\n去年以来，质量效益明显提升。", 24, False),  # another paragraph
    ],
)
def test_a_goal_passage(text: str, pos: int, inside: bool) -> None:
    from speechkit.extraction.pipeline import _in_goal_passage

    assert _in_goal_passage(text, pos) is inside


def test_the_results_of_a_goal_passage_are_targets() -> None:
    text = (
        "关于加快推进农业机械化的实施意见\n"
        "到2027年，全县农机装备水平持续提升，农机作业条件明显改善，主要农作物耕种收综合机械化率达到80%，"
        "为乡村振兴提供有力支撑。\n"
        "要加快改善农机作业条件，各乡镇要抓好落实。"
    )
    items = speechkit.extract(speechkit.from_text(text))
    targets = {it.text: it.via for it in items if it.kind == "target"}
    assert targets.get("全县农机装备水平持续提升") == "rule:goal-passage"
    assert "农机作业条件明显改善" in targets
    assert not any("支撑" in t or "加快改善" in t for t in targets)  # a purpose, a directive


def test_a_nameless_level_joins_the_target_before_it() -> None:
    text = "二、2026年工作安排\n经济社会发展主要预期目标是：地区生产总值增长7.5%，达到309亿元；一般公共预算收入增长5%。"
    targets = [it.text for it in speechkit.extract(speechkit.from_text(text)) if it.kind == "target"]
    assert "地区生产总值增长7.5%，达到309亿元" in targets
    assert "达到309亿元" not in targets


def test_a_shortcoming_and_its_examples_are_one_problem() -> None:
    from speechkit.extraction.pipeline import _elaborations

    text = "管理不精细问题依然存在。一些部门调查研究不深入。有的地方为搬而搬。有的学用脱节；有的作风漂浮；"
    s1, s2, s3 = text.index("一些"), text.index("有的地方"), text.index("有的学用")
    s4 = text.index("有的作风")
    runs = [
        ("problem", 0, s1, 0, 0.8, "model:sentence"),
        ("problem", s1, s2, 0, 0.7, "model:sentence"),
        ("problem", s2, s3, 0, 0.9, "model:sentence"),
        ("problem", s3, s4, 0, 0.9, "model:sentence"),  # pieces of one sentence stay apart
        ("problem", s4, len(text), 0, 0.9, "model:sentence"),
    ]
    merged = _elaborations(text, runs)
    assert [text[a:b] for _, a, b, *_ in merged] == [text[:s3], text[s3:s4], text[s4:]]
    assert merged[0][4] == 0.9
    other_unit = [runs[0], ("problem", s1, s2, 1, 0.7, "model:sentence")]
    assert len(_elaborations(text, other_unit)) == 2  # never across units


@settings(max_examples=300, deadline=None)
@example("要" * 75 + "，" * 85 + "强" * 10, "task")  # 75 characters kept of the opening 100: too few
@given(st.text(st.sampled_from("要加强_，。 、“”\n1a"), max_size=400), st.sampled_from(["task", "target"]))
def test_stable_id_hashes_the_first_80_characters_without_punctuation(text: str, kind: str) -> None:
    from speechkit.extraction.pipeline import _PREFIX, _stable_id

    kept = re.sub(r"[\W_]+", "", text)[:80]
    want = f"{_PREFIX[kind]}-{hashlib.sha1(f'{kind}|{kept}'.encode()).hexdigest()[:8]}"
    taken: set[str] = set()
    assert _stable_id(kind, text, taken) == want
    assert _stable_id(kind, text, taken) == want + "-2"


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("增长。！？\n，6%"), max_size=40), st.integers(0, 45))
def test_sentence_bounds_are_the_nearest_marks(text: str, pos: int) -> None:
    from speechkit.extraction.pipeline import _sentence_end, _sentence_start

    pos = min(pos, len(text))
    assert _sentence_start(text, pos) == max(text.rfind(c, 0, pos) for c in "。！？\n") + 1
    ends = [i for i in (text.find(c, pos) for c in "。！？\n") if i >= 0]
    assert _sentence_end(text, pos) == (min(ends) + 1 if ends else len(text))


@pytest.mark.parametrize(
    "sentence,target,deadline",
    [
        ("年底前，全县新建充电桩200个、换电站3座。", "换电站3座", "年底前"),  # stated before the list
        ("年内完成老旧管网改造40公里、新建泵站2座。", "新建泵站2座", "年内"),
        ("9月底前完成清淤，河道水质达到三类以上。", "河道水质达到三类以上", "9月底前"),
        ("到2026年底，城乡供水一体化覆盖率达到95%。", "城乡供水一体化覆盖率达到95%", None),  # a period
        ("今后五年，粮食产量稳定在50万吨以上。", "粮食产量稳定在50万吨以上", None),
        ("去年年底组织排查后，问题整改率达到90%。", "问题整改率达到90%", None),  # a past date
        ("3年内，新建社区食堂30个。", "新建社区食堂30个", None),  # a span, not a date due
        ("全县新建充电桩200个，年底前建成投用。", "全县新建充电桩200个", None),  # only what stands before
    ],
)
def test_a_target_takes_the_deadline_its_sentence_states_before_it(
    sentence: str, target: str, deadline: str | None
) -> None:
    from speechkit.extraction.pipeline import _target_attrs

    a = sentence.index(target)
    assert _target_attrs(sentence, a, a + len(target), "2024-03-01").get("deadline") == deadline


@pytest.mark.parametrize(
    "text,deadline",
    [
        ("优化审批流程，7月底前实现企业开办3个工作日以内办结。", "7月底前"),  # a due date over a time limit
        ("群众诉求做到24小时内响应，年底前实现全覆盖。", "年底前"),
        ("受理后10个工作日以内办结。", "10个工作日以内"),  # the only time limit stays
    ],
)
def test_a_task_deadline_is_a_date_before_a_service_time_limit(text: str, deadline: str) -> None:
    from speechkit.extraction.pipeline import _task_attrs

    assert _task_attrs(text, "2024-03-01").get("deadline") == deadline


def test_examples_between_two_runs_join_them() -> None:
    from speechkit.extraction.pipeline import _elaborations, _examples_between

    text = "资金使用问题时有发生。有的虚报冒领。有的挪用资金。有的闲置浪费。下一步要严查。"
    assert _examples_between(text, text.index("有的虚报"), text.index("有的闲置"))  # two example sentences
    assert not _examples_between(text, 0, text.index("下一步"))  # a topic sentence is no example
    runs = [
        ("problem", 0, text.index("有的虚报"), 0, 0.8, "model:sentence"),
        ("problem", text.index("有的闲置"), text.index("下一步"), 0, 0.7, "model:sentence"),
    ]
    merged = _elaborations(text, runs)
    assert [(text[a:b], via) for _, a, b, _, _, via in merged] == [
        (text[: text.index("下一步")], "rule:elaboration")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "对吸纳就业的小微企业，当年新招用人员数量达到职工总数20%并签订1年以上劳动合同的，给予贷款支持。",
        "符合条件的个人创业者可申请最高不超过30万元的创业担保贷款。",
        "让我们团结一心，为实现全年地区生产总值增长6%的目标而不懈奋斗！",
    ],
)
def test_a_condition_a_grant_or_a_closing_call_is_no_target(text: str) -> None:
    doc = speechkit.from_text("关于支持创业就业的若干措施\n" + text)
    targets = [it.text for it in speechkit.extract(doc) if it.kind == "target"]
    assert not any(t.endswith(("的", "奋斗")) or "可申请" in t for t in targets)
