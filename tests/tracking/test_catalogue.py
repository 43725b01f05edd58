"""The catalogue's figures, counted by hand on the small frames of ``conftest.py``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest

from speechkit.errors import InputError, RuleFileError
from speechkit.tracking.catalogue import catalogue, compare, compare_halves, figure, figures, parse_catalogue
from speechkit.tracking.periods import Period

H1, H2 = Period.half(2024, 1), Period.half(2024, 2)


@pytest.mark.parametrize(
    ("indicator", "period", "value"),
    [
        ("signed_count", H1, 5),
        ("signed_count", H2, 5),
        ("signed_investment", H1, 39000),
        ("signed_investment", H2, 64000),
        ("signed_count_large", H1, 2),
        ("signed_count_large", H2, 2),
        ("started_count", H1, 2),
        ("started_count", H2, 4),
        ("started_count_large", H1, 1),
        ("started_count_large", H2, 2),
        ("finished_count", H1, 0),
        ("finished_count", H2, 1),
        ("finished_count_large", H2, 1),
        ("producing_count", H2, 1),
        ("stalled_count", H1, 1),
        ("stalled_count", H2, 2),
        ("lost_count", H1, 1),
        ("lost_count", H2, 1),
        ("active_count", H2, 3),
        ("leader_share", H2, 50.0),
        ("owner_share", H2, 37.5),
        ("industry_concentration", H2, 40.0),  # 新能源 P5 P7 of 5 signed
        ("total_investment", H2, 98000),  # all but 流失 P4 and P9
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_hand_counted_figures(
    seed_projects: pd.DataFrame, indicator: str, period: Period, value: float
) -> None:
    assert figure(indicator, seed_projects, period).value == pytest.approx(value)


def test_unknown_amounts_are_counted_and_named(seed_projects: pd.DataFrame) -> None:
    fig = figure("signed_investment", seed_projects, H1)
    assert fig.unknown == 1 and "1个项目投资额未知" in fig.note


def test_no_data_is_never_zero(seed_projects: pd.DataFrame, frame_of: Callable[..., pd.DataFrame]) -> None:
    # no trips column
    assert figure("trips", seed_projects, H2).value is None
    assert figure("trips", seed_projects, H2).text == "无数据"
    # a period the dates do not reach
    assert figure("signed_count", seed_projects, Period.year(2023)).value is None
    # a snapshot cannot describe a past period
    assert figure("active_count", seed_projects, H1).value is None
    # an empty table, a table without dates
    assert figure("signed_count", frame_of([]), H2).value is None
    no_dates = frame_of([{"project_id": "X", "name": "甲项目", "status": "签约"}])
    assert figure("signed_count", no_dates, H2).value is None
    # but a covered period with nothing in it is a real 0
    assert figure("finished_count", seed_projects, H1).value == 0


def test_sum_of_unknown_amounts_is_no_data(frame_of: Callable[..., pd.DataFrame]) -> None:
    frame = frame_of([{"project_id": "X", "name": "甲项目", "status": "签约", "signed": "2024-03-01"}])
    assert figure("signed_investment", frame, H1).value is None
    assert figure("signed_count", frame, H1).value == 1


def test_trips_counted_when_the_data_has_them(seed_projects: pd.DataFrame) -> None:
    frame = seed_projects.assign(trips=[1.0] * 5 + [None] * 5)
    assert figure("trips", frame, H2).value == 5


def test_figures_frame_and_compare_halves(seed_projects: pd.DataFrame) -> None:
    f = figures(seed_projects, H2)
    assert list(f.columns[:6]) == ["indicator", "label", "period", "start", "end", "value"]
    assert len(f) == len(catalogue())
    assert f.set_index("indicator").loc["trips", "value"] != f.set_index("indicator").loc["trips", "value"]
    c = compare_halves(seed_projects, 2024).set_index("indicator")
    assert (c.loc["started_count", "previous"], c.loc["started_count", "current"]) == (2, 4)
    assert c.loc["started_count", "trend"] == "改善"
    assert c.loc["stalled_count", "trend"] == "恶化"  # more 停工 is worse
    assert c.loc["lost_count", "trend"] == "持平"
    assert pd.isna(c.loc["active_count", "trend"])  # no figure for the first half
    assert compare(seed_projects, H2).equals(compare(seed_projects, H2, H1))


def test_periods() -> None:
    assert Period.parse("2024H2") == H2
    assert Period.parse("2024年上半年") == H1
    assert Period.parse("下半年", doc_date="2024-07-10") == H2
    assert Period.parse("2024Q1").previous() == Period.quarter(2023, 4)
    assert Period.parse("2024-01").previous().label == "2023年12月"
    assert Period.parse("2024-03-01/2024-03-10").previous() == Period(date(2024, 2, 20), date(2024, 2, 29))
    assert H2.elapsed(date(2024, 6, 1)) == 0 and H2.elapsed(date(2025, 1, 1)) == 1
    with pytest.raises(InputError):
        Period.parse("明天")
    with pytest.raises(InputError):
        Period.parse("下半年")  # no year anywhere


def test_catalogue_file_is_checked() -> None:
    with pytest.raises(RuleFileError, match="aggregate"):
        parse_catalogue('[[indicator]]\nid="x"\nlabel="x"\nunit="个"\naggregate="avg"\nphrases=["x"]\n')
    with pytest.raises(RuleFileError, match="status"):
        parse_catalogue(
            '[[indicator]]\nid="x"\nlabel="x"\nunit="个"\naggregate="count"\nstatus=["完成"]\nphrases=["x"]\n'
        )
    with pytest.raises(RuleFileError, match="narrows"):
        parse_catalogue(
            '[[indicator]]\nid="x"\nlabel="x"\nunit="个"\naggregate="count"\nnarrows=["y"]\nphrases=["x"]\n'
        )
    ids = [i.id for i in catalogue()]
    assert len(ids) == len(set(ids))
