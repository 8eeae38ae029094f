"""A repeating event and the month grid in a real browser: no axe violations (WCAG 2.2 AA
rules) on the series' page, one moved date's page, the month grid with a busy day and that
day's list, at phone and desktop width; in a narrow grid cell a title wraps between words,
never inside one ("Netwerkmom|ent")."""

import datetime

import pytest
from django.utils import timezone

from tests.e2e.test_browser import AXE_RULES, describe

pytestmark = pytest.mark.browser

# Per word of each grid link: how many lines its letters take (1: not broken inside the word).
WORDS_ON_ONE_LINE = """
(links) => links.map((link) => {
  const text = link.firstChild;
  const words = [];
  const pattern = /\\S+/g;
  let match;
  while ((match = pattern.exec(text.data))) {
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    words.push([match[0], tops.size]);
  }
  return words;
})
"""


def test_a_series_and_the_month_grid_pass_axe_and_wrap_between_words(site, page_factory, screenshot_dir):
    from axe_playwright_python.sync_playwright import Axe

    from kalender.models import EventPage

    series = EventPage.objects.get(slug="maandelijks-netwerkmoment-voorbeeld")
    moved = series.occurrences.get(moved=True)
    upcoming = series.occurrences.filter(end__gte=timezone.now()).order_by("start").first()
    month = upcoming.date.strftime("%Y-%m")
    # A busy day: three more on the series' date, so its cell shows three and "+ 1 meer".
    calendar = series.get_parent()
    for hour in (20, 21, 22):  # after the series (19.00), which stays in the cell
        start = timezone.make_aware(datetime.datetime.combine(upcoming.date, datetime.time(hour)))
        busy = EventPage(
            title=f"Drukke dag {hour}u", slug=f"drukke-dag-{hour}", start=start, end=start + datetime.timedelta(hours=1)
        )
        calendar.add_child(instance=busy)
        busy.save_revision().publish()
    paths = {
        "reeks": series.url,
        "verplaatste-datum": f"{series.url}?datum={moved.date.isoformat()}",
        "maandkalender": f"/kalender/?weergave=maand&maand={month}",
        "dag": f"/kalender/?weergave=dag&dag={upcoming.date.isoformat()}",
    }
    axe = Axe()
    failures = []
    for width in (1280, 375):
        page = page_factory(width=width)
        for name, path in paths.items():
            response = page.goto(site + path)
            assert response.status == 200, path
            page.screenshot(path=str(screenshot_dir / f"kalender-{name}-{width}.png"), full_page=True)
            violations = axe.run(page, options=AXE_RULES).response["violations"]
            if violations:
                failures.append(f"{path} @ {width}px axe:\n{describe(violations)}")
        assert not page.console_errors
    assert not failures, "\n\n".join(failures)

    # The grid as a table beside the filters, cells of about 8rem (a grid narrower than 50rem
    # is a list of days).
    page = page_factory(width=1280)
    page.goto(site + paths["maandkalender"])
    grid = page.locator(".month-grid")
    assert grid.evaluate("(table) => getComputedStyle(table).display") == "table"
    grid.screenshot(path=str(screenshot_dir / "kalender-maandkalender-smal.png"))
    more = page.locator(".month-grid__more").all_inner_texts()
    assert len(more) == 1 and more[0].startswith("+ 1 meer"), more
    words = dict(
        word for link in page.locator(".month-grid__events a").evaluate_all(WORDS_ON_ONE_LINE) for word in link
    )
    assert "Netwerkmoment" in words or "netwerkmoment" in words, words
    broken = {word: lines for word, lines in words.items() if lines > 1}
    assert not broken, f"woorden over twee regels gebroken: {broken}"
    # And no title runs out of its day into the next.
    outside = page.locator(".month-grid__events a").evaluate_all(
        "(links) => links.filter((a) => a.getBoundingClientRect().right > a.closest('td').getBoundingClientRect().right + 1)"
        ".map((a) => a.textContent)"
    )
    assert not outside, outside
