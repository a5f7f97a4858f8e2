"""The HTML report in a real browser: headless Chromium loads the file, runs its script, and the DOM
it leaves behind is checked (the filters work, the counts are written, the aligned rows are there,
the hostile text stayed text).

Skipped when no Chromium is installed (`apt-get install chromium`; .ci/run installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from aligner.report import render_check
from test_render_formats import HOSTILE_TARGET, NAMES, golden_reports, hostile_report  # the same reports


def find_chromium() -> Optional[str]:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium installed "
                                                          "(apt-get install chromium, or see .ci/run)")


# --- a small DOM, enough to ask what the browser left behind ---------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: Dict[str, Optional[str]]
    children: List["Element"] = field(default_factory=list)
    texts: List[str] = field(default_factory=list)  # text directly and in descendants, in order

    @property
    def text(self) -> str:
        return "".join(self.texts)

    @property
    def classes(self) -> List[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def hidden(self) -> bool:
        return "hidden" in self.attrs

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str, cls: Optional[str] = None) -> List["Element"]:
        return [e for e in self.iter() if e.tag == tag and (cls is None or cls in e.classes)]

    def by_id(self, element_id: str) -> "Element":
        return next(e for e in self.iter() if e.attrs.get("id") == element_id)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                return

    def handle_data(self, data):
        for element in self.stack:
            element.texts.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def dump_dom(page: Path, profile: Path, fragment: str = "") -> Element:
    """The DOM after the page's scripts ran, as headless Chromium serialises it."""
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               "--dump-dom", page.as_uri() + fragment]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and "<html" in done.stdout, f"chromium failed ({done.returncode}): {done.stderr[-2000:]}"
    return parse(done.stdout)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_check("html", golden_reports() + [hostile_report()], names=NAMES), encoding="utf-8")
    return path


def visible_rows(dom: Element) -> List[str]:
    return [row.attrs["id"] for section in dom.find_all("section", "report") if not section.hidden
            for row in section.find_all("tr", "pair") if not row.hidden]


def test_script_runs_and_writes_the_counts(page, tmp_path):
    dom = dump_dom(page, tmp_path)
    html = dom.find_all("html")[0]
    assert html.attrs.get("data-filters") == "ready"  # the script ran to its end
    assert not dom.by_id("filters").hidden  # the filters appear only with JavaScript
    assert dom.by_id("shown-count").text == "7 of 7 findings shown"
    assert dom.by_id("filters").attrs["data-kinds"] == "omission addition mistranslation untranslated"
    assert [s.find_all("span", "shown")[0].text for s in dom.find_all("section", "report")] == [
        "4 of 4 findings shown", "2 of 2 findings shown", "1 of 1 findings shown"]
    # Every aligned pair is a row, source beside target, and all are shown by default.
    assert len(visible_rows(dom)) == 5 + 3 + 1
    row = dom.by_id("r1-p4")
    source, target = row.find_all("td")[1:3]
    assert source.attrs.get("lang") == "en" and target.attrs.get("lang") == "de"
    marks = source.find_all("mark")
    assert [m.text for m in marks] == ["and the press too"] and "k-omission" in marks[0].classes
    assert not any("muted" in m.classes for m in dom.find_all("mark"))


def test_fragment_filters_by_kind_and_hides_clean_pairs(page, tmp_path):
    dom = dump_dom(page, tmp_path, "#kinds=omission&only=1")
    assert dom.by_id("shown-count").text == "2 of 7 findings shown"
    filters = dom.by_id("filters")  # the script mirrors the boxes' state here (DOM dumps omit .checked)
    assert (filters.attrs["data-kinds"], filters.attrs["data-only"]) == ("omission", "1")
    assert visible_rows(dom) == ["r1-p4", "r2-p2"]  # only the pairs with an omission
    assert dom.by_id("r3").hidden  # a report with no omission disappears altogether
    findings = [li for li in dom.find_all("li", "finding") if not li.hidden]
    assert [li.attrs["data-kinds"] for li in findings] == ["omission", "omission"]
    for mark in dom.find_all("mark"):  # marks of the kinds filtered out lose their colour
        assert ("muted" in mark.classes) == ("omission" not in mark.attrs["data-kinds"].split())


def test_hostile_text_stays_text(page, tmp_path):
    dom = dump_dom(page, tmp_path)
    assert len(dom.find_all("script")) == 1  # only the report's own script
    target_cell = dom.by_id("r3-p1").find_all("td")[2]
    assert target_cell.text == HOSTILE_TARGET
    assert [m.text for m in target_cell.find_all("mark")] == ["<script>alert('x')</script>"]
