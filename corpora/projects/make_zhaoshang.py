"""Write the team's fictional 招商引资 project table of 青禾县 (a county that does not exist).

    python corpora/projects/make_zhaoshang.py [OUT_DIR]

writes ``zhaoshang_2024.xlsx`` (sheet 项目台账, and a sheet 外出招商活动) and its CSV twin in GBK
``zhaoshang_2024_gbk.csv`` next to this script (or into OUT_DIR). Deterministic: a fixed seed, fixed
workbook timestamps; run it twice and the tables are the same. README.md beside it describes the table,
its deliberate mistakes and the figures the tests expect.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

SEED = 20240701
N_ROWS = 321  # data rows, one of them without a project name
TITLE = "青禾县2024年招商引资重点项目推进台账"
SUBTITLE = "填报单位：青禾县招商服务中心（盖章）          截至：2024年12月31日"
HEADER = [
    "序号",
    "项目 编号",
    "项目名称",
    "签约企业",
    "产业类别",
    "协议引资额\n（万元）",
    "亿元以上",
    "项目状态",
    "签约时间",
    "开工时间",
    "竣工投产时间",
    "所在地",
    "责任单位",
    "包联\n领导",
    "备注",
]
# Deliberate mistakes, by data row (0-based): the sheet row is index + 4 (title, subtitle, header).
NO_NAME, TBD_AMOUNT, BAD_DATE, BAD_STATUS = 57, 123, 188, 250
END = dt.date(2024, 12, 31)

# industry: (products, company kind, scales written before the product, the department in charge)
INDUSTRIES = {
    "新能源": (
        ["分布式光伏发电", "风电装备", "储能电池", "氢能产业园", "光伏组件", "充换电站", "生物质热电联产"],
        "新能源科技",
        ["100MW", "50MW", "年产2GWh", "一期", "二期"],
        "县发改委",
    ),
    "装备制造": (
        [
            "智能农机装备",
            "精密铸件",
            "数控机床零部件",
            "环保设备",
            "输变电设备",
            "汽车零部件",
            "工程机械配件",
        ],
        "机械制造",
        ["年产5000台套", "年产50万件", "一期", "二期"],
        "县工信局",
    ),
    "农产品加工": (
        ["优质稻米精深加工", "生猪屠宰及冷链", "果蔬冻干", "中药材初加工", "饲料加工", "茶叶精制", "预制菜"],
        "农业发展",
        ["年产10万吨", "年产2万吨", "年产5000吨"],
        "县农业农村局",
    ),
    "文旅": (
        ["乡村旅游综合体", "温泉康养", "古镇文旅街区", "研学实践基地", "露营地", "民宿集群"],
        "文化旅游",
        ["一期", "二期"],
        "县文旅局",
    ),
    "商贸物流": (
        ["农产品冷链物流园", "电商产业园", "城乡配送中心", "商贸综合体", "仓储物流基地"],
        "供应链管理",
        ["一期", "二期"],
        "县商务局",
    ),
    "新材料": (
        ["高性能纤维", "新型建材", "改性塑料", "碳化硅材料", "绿色涂料"],
        "新材料",
        ["年产10万吨", "年产2万吨", "年产5000吨"],
        "县工信局",
    ),
    "电子信息": (
        ["电子元器件", "智能终端组装", "线路板", "数据中心"],
        "电子科技",
        ["年产1000万只", "年产200万台", "一期"],
        "县工信局",
    ),
}
INDUSTRY_WEIGHTS = [22, 20, 18, 12, 12, 9, 7]
BRANDS = (
    "禾丰 瑞能 青源 金穗 鼎力 华越 恒拓 远航 星辰 绿野 润泽 嘉禾 盛达 天择 中易 汇通 昌隆 博远 润田 旭升 "
    "锦程 宏图 凯越 佳和 弘毅 沃土 德润 晨光 安泰 海川"
).split()
PLACES = "江苏 浙江 广东 上海 安徽 山东 湖北 福建 深圳 苏州 杭州 合肥".split()
LOCATIONS = [
    "青禾经济开发区",
    "青禾高新技术产业园",
    "城关镇",
    "柳河镇",
    "石桥镇",
    "东岭镇",
    "白沙乡",
    "南湖农业科技园",
    "云溪镇",
    "北山乡",
]
OWNER_UNITS = ["经开区管委会", "县招商服务中心"]  # besides the department of the industry
LEADERS = ["周明远", "陈立华", "刘志强", "赵文静", "孙建平", "吴海涛", "郑秀英", "何振东"]
REMARKS = ["", "", "", "", "省重点项目", "市重点项目", "需协调用地指标", "环评审批中", "已纳入县“双千”工程"]
# Exact numbers of each status among the 321 rows, in lifecycle order.
STATUS_COUNTS = {
    "洽谈": 30,
    "签约": 50,
    "注册": 25,
    "开工": 45,
    "在建": 71,
    "竣工": 30,
    "投产": 40,
    "停工": 15,
    "流失": 15,
}
# How each status is written: offices mix the canonical word and its synonyms.
STATUS_WORDS = {
    "洽谈": ["洽谈", "在谈", "对接中", "洽谈中"],
    "签约": ["签约", "已签约", "签约落地"],
    "注册": ["注册", "已注册"],
    "开工": ["开工", "新开工", "已开工"],
    "在建": ["在建", "续建", "建设中", "在建中"],
    "竣工": ["竣工", "已竣工", "完工", "建成"],
    "投产": ["投产", "已投产", "达产", "运营"],
    "停工": ["停工", "暂停", "停建", "缓建"],
    "流失": ["流失", "终止", "退出", "撤资"],
}
NEEDS_SIGNED = {"签约", "注册", "开工", "在建", "竣工", "投产", "停工", "流失"}
NEEDS_STARTED = {"开工", "在建", "竣工", "投产", "停工"}
NEEDS_FINISHED = {"竣工", "投产"}
# Date styles (name, weight); see render_date.
DATE_STYLES = [
    ("iso", 20),
    ("dots", 15),
    ("slash", 10),
    ("cn_day", 10),
    ("cn_month", 8),
    ("dot_month", 8),
    ("compact", 5),
    ("excel", 15),
    ("serial", 5),
    ("no_year", 4),
]


def render_date(rng: random.Random, d: dt.date) -> tuple[object, dt.date]:
    """A date as an office writes it, and the date a reader should get back (a month → its 1st)."""
    styles = [s for s, _ in DATE_STYLES if s != "no_year" or d.year == 2024]
    weights = [w for s, w in DATE_STYLES if s in styles]
    style = rng.choices(styles, weights)[0]
    if style == "iso":
        return d.isoformat(), d
    if style == "dots":
        return d.strftime("%Y.%m.%d"), d
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}", d
    if style == "cn_day":
        return f"{d.year}年{d.month}月{d.day}日", d
    if style == "cn_month":
        return f"{d.year}年{d.month}月", d.replace(day=1)
    if style == "dot_month":
        return f"{d.year}.{d.month}", d.replace(day=1)
    if style == "compact":
        return d.strftime("%Y%m%d"), d
    if style == "excel":
        return dt.datetime(d.year, d.month, d.day), d
    if style == "serial":
        return (d - dt.date(1899, 12, 30)).days, d
    return f"{d.month}月{d.day}日", d  # no_year: the title says 2024


def render_amount(rng: random.Random, wan: float) -> tuple[object, float]:
    """An amount in 万元 as written, and its value in 万元 a reader should get back."""
    r = rng.random()
    if wan >= 10000 and r < 0.22:
        yi = round(wan / 10000, 1)
        return f"{yi:g}亿元", yi * 10000
    if wan >= 10000 and r < 0.27:
        yi = round(wan / 10000)
        return f"约{yi}亿", yi * 10000.0
    value = int(round(wan, -1))
    if r > 0.92 and value >= 1000:
        return f"{value:,}", float(value)
    return value, float(value)


def day_between(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=rng.randint(0, max((b - a).days, 0)))


def make_projects(rng: random.Random) -> list[dict]:
    statuses = [s for s, n in STATUS_COUNTS.items() for _ in range(n)]
    assert len(statuses) == N_ROWS
    rng.shuffle(statuses)
    names: set[str] = set()
    projects = []
    for i, status in enumerate(statuses):
        industry = rng.choices(list(INDUSTRIES), INDUSTRY_WEIGHTS)[0]
        products, company_kind, scales, department = INDUSTRIES[industry]
        brand = rng.choice(BRANDS)
        scale = rng.choice(scales) if rng.random() < 0.5 else ""
        name = f"{brand}{scale}{rng.choice(products)}项目"
        while name in names:
            name = name.replace("项目", "扩建项目", 1) if "扩建" not in name else f"{brand}{name}"
        names.add(name)
        company = f"{rng.choice(PLACES)}{brand}{company_kind}有限公司"
        wan = 10 ** rng.uniform(2.7, 5.0)  # 500 万元 … 10 亿元, log-uniform
        signed = started = finished = None
        if status in NEEDS_SIGNED:
            signed = day_between(rng, dt.date(2023, 3, 1), dt.date(2024, 12, 20))
        if status in NEEDS_STARTED:
            signed = day_between(rng, dt.date(2023, 1, 1), dt.date(2024, 10, 31))
            started = min(signed + dt.timedelta(days=rng.randint(15, 200)), dt.date(2024, 12, 25))
        if status in NEEDS_FINISHED:
            signed = day_between(rng, dt.date(2023, 1, 1), dt.date(2024, 3, 31))
            started = signed + dt.timedelta(days=rng.randint(15, 120))
            finished = min(started + dt.timedelta(days=rng.randint(90, 420)), dt.date(2024, 12, 28))
        projects.append(
            {
                "index": i,
                "id": f"QH2024-{i + 1:03d}",
                "name": name,
                "company": company,
                "industry": industry,
                "wan": wan,
                "status": status,
                "word": rng.choice(STATUS_WORDS[status]),
                "signed": signed,
                "started": started,
                "finished": finished,
                "location": rng.choice(LOCATIONS),
                "owner_unit": department if rng.random() < 0.7 else rng.choice(OWNER_UNITS),
                "leader": rng.choice(LEADERS),
                "remark": rng.choice(REMARKS),
            }
        )
    return projects


def sheet_rows(rng: random.Random, projects: list[dict]) -> list[list[object]]:
    """The cells of the 项目台账 sheet: title, subtitle, header, the data rows and a 合计 row."""
    width = len(HEADER)
    rows: list[list[object]] = [
        [TITLE] + [None] * (width - 1),
        [SUBTITLE] + [None] * (width - 1),
        list(HEADER),
    ]
    total = 0.0
    for p in projects:
        amount, value = render_amount(rng, p["wan"])
        dates = [render_date(rng, p[k])[0] if p[k] else None for k in ("signed", "started", "finished")]
        name, word = p["name"], p["word"]
        if p["index"] == NO_NAME:
            name = None
        if p["index"] == TBD_AMOUNT:
            amount, value = "待定", 0.0
        if p["index"] == BAD_DATE:
            dates[0] = "2024.13.08"
        if p["index"] == BAD_STATUS:
            word = "协调中"
        total += value
        rows.append(
            [
                p["index"] + 1,
                p["id"],
                name,
                p["company"],
                p["industry"],
                amount,
                "是" if value >= 10000 else None,
                word,
                *dates,
                p["location"],
                p["owner_unit"],
                p["leader"],
                p["remark"] or None,
            ]
        )
    rows.append(["合计", None, f"{len(projects)}个", None, None, round(total, 1)] + [None] * (width - 6))
    return rows


def trip_rows(rng: random.Random) -> list[list[object]]:
    """外出招商活动: 24 trips of 2024 with the leading official, the place and the companies met."""
    rows: list[list[object]] = [["日期", "带队领导", "地点", "对接企业数"]]
    for month in range(1, 13):
        for _ in range(2):
            day = dt.date(2024, month, rng.randint(1, 28))
            rows.append(
                [
                    dt.datetime(day.year, day.month, day.day),
                    rng.choice(LEADERS),
                    rng.choice(PLACES),
                    rng.randint(2, 12),
                ]
            )
    rows[1:] = sorted(rows[1:], key=lambda r: r[0])
    return rows


def csv_cell(value: object) -> str:
    """A cell as Excel's 另存为 CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value.year}/{value.month}/{value.day}"
    return str(value)


def stable_zip(wb: Workbook, stamp: dt.datetime) -> bytes:
    """The workbook's bytes with fixed zip entry times and a fixed 'modified' date, so reruns match."""
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.isoformat().encode() + b"Z", data
                )
            dst.writestr(
                zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6]), data, zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


def write(out: Path) -> tuple[Path, Path]:
    rng = random.Random(SEED)
    projects = make_projects(rng)
    rows = sheet_rows(rng, projects)
    trips = trip_rows(rng)

    wb = Workbook()
    ws = wb.active
    ws.title = "项目台账"
    for r in rows:
        ws.append(r)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADER))
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy/m/d"
    ws2 = wb.create_sheet("外出招商活动")
    for r in trips:
        ws2.append(r)
    for row in ws2.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "yyyy-mm-dd"
    stamp = dt.datetime(2025, 1, 6, 9, 0, 0)
    wb.properties.creator = "青禾县招商服务中心"
    wb.properties.created = wb.properties.modified = stamp
    xlsx = out / "zhaoshang_2024.xlsx"
    xlsx.write_bytes(stable_zip(wb, stamp))

    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    for r in rows:
        writer.writerow([csv_cell(v) for v in r])
    gbk = out / "zhaoshang_2024_gbk.csv"
    gbk.write_bytes(buf.getvalue().encode("gbk"))
    return xlsx, gbk


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    for path in write(target):
        print(path)
