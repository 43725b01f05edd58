"""HTML: main text kept, site chrome dropped, blocks become lines."""

from __future__ import annotations

import pytest

from speechkit.readers import read_raw
from speechkit.readers.html import html_to_text

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>国务院关于促进就业的若干意见_政府信息公开</title>
<meta name="PubDate" content="2018-12-05 17:00">
<style>p { color: red }</style><script>var menu = "首页 导航";</script></head>
<body>
<div id="header"><a href="/">首页</a> <a href="/zc">政策</a> 网站导航栏目</div>
<div class="breadcrumb">当前位置：首页 &gt; 政策 &gt; 国务院文件</div>
<nav><ul><li>要闻</li><li>政策解读</li></ul></nav>
<div id="wrapper">
  <div class="article">
    <h1>国务院关于促进就业的若干意见</h1>
    <div id="UCAP-CONTENT" class="pages_content">
      <p style="text-align:center">国发〔2018〕39号</p>
      <p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
      <p>　　就业是最大的民生。为做好当前和今后一个时期促进就业工作，现提出以下意见。</p>
      <p>　　一、支持企业稳定岗位</p>
      <p>　　（一）加大稳岗支持力度。对不裁员或少裁员的参保企业，可返还其上年度实际缴纳失业保险费的50%。<br>（人力资源社会保障部、财政部负责）</p>
      <p>　　（二）发挥政府性融资担保作用&amp;nbsp;支持小微企业。</p>
      <table><tr><td>指标</td><td>目标</td></tr><tr><td>城镇新增就业</td><td>1100万人以上</td></tr></table>
      <p>国务院</p>
      <p>2018年11月16日</p>
    </div>
  </div>
  <div class="sidebar"><h3>相关文件</h3><ul>
    <li><a href="/1">国务院关于做好当前和今后一个时期促进就业工作的若干意见解读文章一</a></li>
    <li><a href="/2">人社部就稳就业政策答记者问全文实录</a></li></ul></div>
  <div class="share">分享到：微信 微博</div>
</div>
<div class="footer">版权所有：中国政府网 主办单位：国务院办公厅 京ICP备05070218号</div>
<aside>广告位招租</aside>
</body></html>"""


def test_page_main_text() -> None:
    raw = read_raw(PAGE.encode(), name="page.html")
    assert raw.format == "html"
    assert raw.text.split("\n") == [
        "国务院关于促进就业的若干意见",
        "国发〔2018〕39号",
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "　　就业是最大的民生。为做好当前和今后一个时期促进就业工作，现提出以下意见。",
        "　　一、支持企业稳定岗位",
        "　　（一）加大稳岗支持力度。对不裁员或少裁员的参保企业，可返还其上年度实际缴纳失业保险费的50%。",
        "（人力资源社会保障部、财政部负责）",
        "　　（二）发挥政府性融资担保作用\xa0支持小微企业。",
        "指标\t目标",
        "城镇新增就业\t1100万人以上",
        "国务院",
        "2018年11月16日",
    ]
    assert raw.meta["title"] == "国务院关于促进就业的若干意见"
    assert raw.meta["date"] == "2018-12-05 17:00"


@pytest.mark.parametrize(
    "junk",
    ["首页", "当前位置", "var menu", "color", "要闻", "相关文件", "答记者问", "分享到", "版权所有", "广告位"],
)
def test_chrome_is_dropped(junk: str) -> None:
    assert junk not in read_raw(PAGE.encode()).text


def test_gov_cn_fragment() -> None:
    fragment = (
        '<tbody> \n <tr> \n  <td class="b12c" id="UCAP-CONTENT"><p style="text-align: center;">'
        '<span style="font-weight: bold;">国务院关于促进综合保税区</span></p> <p><span>高水平开放的若干意见</span></p>'
        "<p><br> </p><p>一、指导思想</p><p>以习近平新时代中国特色社会主义思想为指导。</p>"
        "<p>（一）坚持深化改革，简政放权。</p></td></tr></tbody>"
    )
    assert html_to_text(fragment)[0].split("\n") == [
        "国务院关于促进综合保税区",
        "高水平开放的若干意见",
        "一、指导思想",
        "以习近平新时代中国特色社会主义思想为指导。",
        "（一）坚持深化改革，简政放权。",
    ]


def test_jsp_wrapper_and_entities() -> None:
    page = (
        '<%@ page pageEncoding="UTF-8"%><%@ include file="/common/taglibs.jsp"%>\n<html><head>'
        '<title>工程开工</title><c:import url="/init.jsp"><c:param name="x">true</c:param></c:import></head>'
        '<body><div class="frameNews"><p><p>困扰多年的&ldquo;北大门&rdquo;交通&mdash;&mdash;大修工程'
        "将在5月全面开工。</p><p>预算4402万元。</p></p></div></body></html>"
    )
    raw = read_raw(page.encode())
    assert raw.text == "困扰多年的“北大门”交通——大修工程将在5月全面开工。\n预算4402万元。"
    assert "true" not in raw.text


def test_gbk_page_with_meta_charset() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
    page += "<body><p>一、总体要求</p><p>（一）指导思想</p></body></html>"
    raw = read_raw(page.encode("gbk"))
    assert raw.text == "一、总体要求\n（一）指导思想"
    assert raw.meta["encoding"] == "gb18030"


def test_utf8_page_declared_as_gb2312() -> None:
    page = '<meta charset="gb2312"><p>一、总体要求</p>'
    assert read_raw(page.encode()).text == "一、总体要求"


def test_short_sibling_paragraph_is_kept() -> None:
    page = "<html><body><div><p>　　（一）扩大有效投资，全区重大项目加速推进。</p><p>附件：1.</p></div></body></html>"
    assert read_raw(page.encode()).text.endswith("附件：1.")


def test_hidden_elements_are_dropped() -> None:
    page = '<div><p>正文第一段。</p><p style="display:none">隐藏的统计代码</p><p>正文第二段。</p></div>'
    assert read_raw(page.encode()).text == "正文第一段。\n正文第二段。"


def test_page_without_text_is_an_error() -> None:
    from speechkit.errors import InputError

    with pytest.raises(InputError, match="no text"):
        read_raw(b"<html><body><script>var a=1;</script><div></div></body></html>", name="x.html")
