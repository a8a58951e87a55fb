"""Layout in a real browser: a width that does not jump, a phone viewport where nothing
overflows and the article panel opens and closes, a dark theme switch that is remembered."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import open_tab, wait_ready

pytestmark = pytest.mark.timeout(300)

PHONE = {"width": 390, "height": 844}
WIDTH_JS = "() => document.querySelector('#cq-tabs').getBoundingClientRect().width"
OVERFLOW_JS = """() => {
    const w = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('#cq-tabs *, #cq-header *')]
        .filter(e => e.offsetParent !== null)
        .filter(e => {
            const r = e.getBoundingClientRect();
            return r.right > w + 1 || r.left < -1;
        })
        .map(e => (e.id || e.className || e.tagName).toString().slice(0, 60));
    return {scroll: document.scrollingElement.scrollWidth, client: w, wide: wide.slice(0, 8)};
}"""


def test_width_does_not_jump_between_states(page: Any, ask_in: Any) -> None:
    widths = [page.evaluate(WIDTH_JS)]
    ask_in(page, "How much did the Kessling Harbour Bridge repairs cost?")
    page.locator("#cq-chat a.cq-cite").first.click()
    page.locator("#cq-panel mark#cq-active").wait_for()
    widths.append(page.evaluate(WIDTH_JS))
    page.get_by_role("tab", name="Library").click()
    page.locator("#cq-library table").wait_for()
    widths.append(page.evaluate(WIDTH_JS))
    assert max(widths) - min(widths) <= 2, widths


def _no_overflow(page: Any) -> None:
    got = page.evaluate(OVERFLOW_JS)
    assert got["scroll"] <= got["client"] and not got["wide"], got


def test_phone_nothing_overflows_and_the_panel_opens_and_closes(
    browser: Any, server: str, ask_in: Any, shoot: Any
) -> None:
    page = open_tab(browser, server, **PHONE, is_mobile=True, has_touch=True)
    assert page.evaluate("window.scrollY") == 0  # the header is not scrolled away
    assert page.locator("#cq-header h1").bounding_box()["y"] >= 0
    _no_overflow(page)
    shoot(page, "phone_home")
    bubble = ask_in(page, "When was the dam at Lake Varn built?")
    _no_overflow(page)
    shoot(page, "phone_answer")
    panel = page.locator("#cq-panel-col")
    assert not panel.is_visible()  # on a phone the panel is not under the chat, taking space
    bubble.locator("a.cq-cite").first.click()
    page.locator("#cq-panel mark#cq-active").wait_for()
    assert panel.is_visible()
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
    back = page.locator("#cq-panel .cq-back")
    page.wait_for_timeout(800)  # the panel has scrolled to the passage; the control stays
    top = back.bounding_box()["y"]
    assert back.is_visible() and 0 <= top < PHONE["height"] / 4, top
    shoot(page, "phone_panel")
    back.click()
    page.wait_for_function("!document.querySelector('#cq-panel-col').classList.contains('cq-open')")
    assert not panel.is_visible()
    assert bubble.locator("a.cq-cite").first.is_visible()  # back at the answer
    page.get_by_role("tab", name="Library").click()
    page.locator("#cq-library table").wait_for()
    _no_overflow(page)
    shoot(page, "phone_library")
    page.context.close()


def test_dark_theme_switch_is_a_control_and_is_remembered(
    browser: Any, server: str, shoot: Any
) -> None:
    page = open_tab(browser, server)
    bg = "() => getComputedStyle(document.querySelector('#cq-header h1')).color"
    light = page.evaluate(bg)
    assert not page.evaluate("document.body.classList.contains('dark')")
    page.locator("#cq-theme").click()
    page.wait_for_function("document.body.classList.contains('dark')")
    page.wait_for_timeout(300)
    assert page.evaluate(bg) != light
    shoot(page, "dark_theme")
    page.reload()
    wait_ready(page)
    page.wait_for_function("document.body.classList.contains('dark')")
    page.locator("#cq-theme").click()
    page.wait_for_function("!document.body.classList.contains('dark')")
    page.context.close()
