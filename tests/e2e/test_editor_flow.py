"""The editors' guide, followed in a real browser: a Redactie member adds an event and submits
it, the Eindredactie approves and publishes it, and it shows on the public calendar."""

import datetime
import time

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from som import roles

pytestmark = pytest.mark.browser


def eventually(check, timeout=15):
    """Poll until the server has handled the form (the browser may still be redirecting)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def login(page, site, username):
    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "wachtwoord-voor-de-gids")
    page.click("button[type=submit]")
    page.wait_for_url(site + "/admin/")


def test_redactie_submits_an_event_and_eindredactie_publishes_it(site, page_factory, django_user_model):
    from kalender.models import EventPage, KalenderPage

    for name in (roles.REDACTIE, roles.EINDREDACTIE):
        user = django_user_model.objects.create_user(name.lower(), f"{name}@example.org", "wachtwoord-voor-de-gids")
        user.groups.add(Group.objects.get(name=name))
    calendar = KalenderPage.objects.get()
    day = timezone.localdate() + datetime.timedelta(days=5)

    editor = page_factory(width=1280)
    login(editor, site, "redactie")
    editor.goto(site + f"/admin/pages/add/kalender/eventpage/{calendar.pk}/")
    editor.fill("#id_title", "Leesclub voor leerkrachten")
    editor.fill("#id_start", f"{day:%d-%m-%Y} 16:00")
    editor.fill("#id_end", f"{day:%d-%m-%Y} 18:00")
    editor.fill("#id_intro", "We lezen samen en wisselen tips uit.")
    editor.locator("footer [data-w-dropdown-target='toggle'], footer .w-dropdown__toggle").last.click()
    editor.get_by_role("button", name="Stuur door naar Nalezen en publiceren").click()
    eventually(
        lambda: any(e.current_workflow_state for e in EventPage.objects.filter(title="Leesclub voor leerkrachten"))
    )
    event = EventPage.objects.get(title="Leesclub voor leerkrachten")
    assert not event.live
    assert event.current_workflow_state.status == "in_progress"

    chief = page_factory(width=1280)
    login(chief, site, "eindredactie")
    chief.get_by_text("Leesclub voor leerkrachten").first.wait_for()  # waiting on the dashboard
    chief.goto(site + f"/admin/pages/{event.pk}/edit/")
    chief.locator("footer [data-w-dropdown-target='toggle'], footer .w-dropdown__toggle").last.click()
    chief.get_by_role("button", name="Goedkeuren").first.click()
    eventually(lambda: EventPage.objects.get(pk=event.pk).live)

    visitor = page_factory(width=1280)
    visitor.goto(site + "/kalender/")
    assert visitor.get_by_role("link", name="Leesclub voor leerkrachten").is_visible()
