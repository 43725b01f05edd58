"""Small canonical project frames written by hand, as ``speechkit.tracking.projects.read_projects`` returns
them (the reader is not needed here): every figure in the tests is counted from these rows by hand."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

COLUMNS = (
    "project_id", "name", "company", "investment", "status", "signed", "started", "finished",
    "industry", "location", "owner_unit", "leader", "row",
)  # fmt: skip


def make_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A canonical frame from partial rows: missing fields are None/NaN/NaT, dates parsed."""
    full = [{c: r.get(c) for c in COLUMNS} for r in rows]
    frame = pd.DataFrame(full, columns=list(COLUMNS))
    frame["investment"] = pd.to_numeric(frame["investment"], errors="coerce").astype(float)
    for c in ("signed", "started", "finished"):
        frame[c] = pd.to_datetime(frame[c])
    frame["row"] = range(2, len(frame) + 2)
    return frame


# 2024, a county's 招商 projects, counted by hand:
#   上半年: signed P1 P2 P3 P4 P10 (5; 协议 12000+8000+15000+4000 = 39000 known, P4 unknown), ≥1亿 P1 P3 (2);
#           started P1 P2 (2; ≥1亿 P1); finished none; 停工 by last date P2 (1); 流失 P4 (1)
#   下半年: signed P5–P9 (5; 6000+20000+30000+3000+5000 = 64000), ≥1亿 P6 P7 (2); started P3 P5 P6 P10
#           (4; ≥1亿 P3 P6); finished P1 (1, 投产, ≥1亿); 停工 P8 P10 (2); 流失 P9 (1)
#   now: 在建/开工 P3 P5 P6 (3); leader known for P1 P3 P5 P6 of the 8 not 流失 (50%)
SEED_ROWS: list[dict[str, object]] = [
    {"project_id": "P1", "name": "清河县年产5万吨新能源电池项目", "investment": 12000, "status": "投产",
     "signed": "2024-02-10", "started": "2024-04-01", "finished": "2024-11-20", "industry": "新能源",
     "location": "清河经开区", "owner_unit": "县发改局", "leader": "王副县长"},
    {"project_id": "P2", "name": "河口镇农产品冷链物流中心", "investment": 8000, "status": "停工",
     "signed": "2024-03-05", "started": "2024-05-15", "industry": "现代物流", "location": "河口镇",
     "owner_unit": "县商务局"},
    {"project_id": "P3", "name": "清河县高端装备制造产业园项目", "investment": 15000, "status": "在建",
     "signed": "2024-04-18", "started": "2024-07-08", "industry": "装备制造", "location": "清河经开区",
     "leader": "李副县长"},
    {"project_id": "P4", "name": "河口镇生态康养度假区项目", "investment": None, "status": "流失",
     "signed": "2024-06-20", "industry": "文旅康养", "location": "河口镇"},
    {"project_id": "P5", "name": "清河县光伏组件生产线项目", "investment": 6000, "status": "在建",
     "signed": "2024-07-12", "started": "2024-08-01", "industry": "新能源", "location": "清河经开区",
     "leader": "王副县长"},
    {"project_id": "P6", "name": "清河县年产10万套汽车零部件项目", "investment": 20000, "status": "开工",
     "signed": "2024-08-02", "started": "2024-10-10", "industry": "装备制造", "location": "清河经开区",
     "leader": "李副县长", "owner_unit": "县工信局"},
    {"project_id": "P7", "name": "清河县储能电站项目", "investment": 30000, "status": "签约",
     "signed": "2024-09-09", "industry": "新能源", "location": "城关镇"},
    {"project_id": "P8", "name": "城关镇预制菜加工项目", "investment": 3000, "status": "停工",
     "signed": "2024-10-15", "industry": "食品加工", "location": "城关镇"},
    {"project_id": "P9", "name": "河口镇物流园二期项目", "investment": 5000, "status": "流失",
     "signed": "2024-11-30", "industry": "现代物流", "location": "河口镇"},
    {"project_id": "P10", "name": "城关镇新型建材项目", "investment": 4000, "status": "停工",
     "signed": "2024-05-06", "started": "2024-09-01", "industry": "新型建材", "location": "城关镇"},
]  # fmt: skip


@pytest.fixture
def seed_projects() -> pd.DataFrame:
    return make_frame(SEED_ROWS)


@pytest.fixture
def frame_of() -> Callable[[list[dict[str, object]]], pd.DataFrame]:
    """``frame_of([{"project_id": "P1", "name": "甲项目", "signed": "2024-03-01"}])``: a canonical frame."""
    return make_frame
