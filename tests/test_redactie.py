"""Editors: the Redactie and Eindredactie roles, the moderation workflow, where pages may be
created, Dutch validation and previews of every page type."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow, get_page_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from kalender.models import EventPage, KalenderPage
from nieuws.models import NewsPage, NieuwsIndexPage
from onderwijsmakers.models import OnderwijsmakersIndexPage, ProfilePage
from som import roles
from som.models import Fase, HomePage, StandardPage
from werkingen.models import ProjectPage, WerkingIndexPage, WerkingPage


def project_form(fase, **extra):
    return nested_form_data(
        {
            "title": "Labo leesplezier",
            "slug": "labo-leesplezier",
            "question": "Hoe kunnen we leesplezier aanwakkeren?",
            "intro": "",
            "date": "2025-01-15",
            "fase": fase.pk,
            "body": streamfield([]),
            "tags": "",
            "phase_history": inline_formset([]),
            "partners": inline_formset([]),
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_roles_and_workflow_exist_after_migrate(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {roles.REDACTIE, roles.EINDREDACTIE}
    workflow = Workflow.objects.get(name=roles.WORKFLOW)
    root = Page.get_first_root_node()
    assert root.get_workflow() == workflow
    assert [t.specific.groups.get().name for t in workflow.tasks] == [roles.EINDREDACTIE]


def test_redactie_can_draft_and_submit_but_not_publish(client, demo, make_editor):
    editor = make_editor(roles.REDACTIE)
    laboratorium = WerkingPage.objects.get(kind="laboratorium")
    permissions = laboratorium.permissions_for_user(editor)
    assert permissions.can_add_subpage()
    assert not permissions.can_publish()

    client.force_login(editor)
    fase = Fase.objects.get(slug="opstartfase")
    url = f"/admin/pages/add/werkingen/projectpage/{laboratorium.pk}/"
    response = client.post(url, project_form(fase, **{"action-publish": "publish"}))
    assert response.status_code == 302
    project = ProjectPage.objects.get(slug="labo-leesplezier")
    assert not project.live  # a publish attempt by the Redactie saves a draft only

    response = client.post(f"/admin/pages/{project.pk}/edit/", project_form(fase, **{"action-submit": "submit"}))
    assert response.status_code == 302
    project.refresh_from_db()
    assert not project.live
    assert project.current_workflow_state.status == "in_progress"


def test_eindredactie_can_publish(client, demo, make_editor):
    chief = make_editor(roles.EINDREDACTIE)
    laboratorium = WerkingPage.objects.get(kind="laboratorium")
    assert laboratorium.permissions_for_user(chief).can_publish_subpage()
    client.force_login(chief)
    fase = Fase.objects.get(slug="opstartfase")
    response = client.post(
        f"/admin/pages/add/werkingen/projectpage/{laboratorium.pk}/",
        project_form(fase, **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    project = ProjectPage.objects.get(slug="labo-leesplezier")
    assert project.live
    assert client.get(project.url).status_code == 200


@pytest.mark.parametrize(
    "model, allowed_parent",
    [
        (ProjectPage, WerkingPage),
        (EventPage, KalenderPage),
        (ProfilePage, OnderwijsmakersIndexPage),
        (NewsPage, NieuwsIndexPage),
        (WerkingPage, WerkingIndexPage),
    ],
)
def test_each_page_type_can_only_be_created_where_it_belongs(demo, model, allowed_parent):
    for page in Page.objects.filter(depth__gt=1).specific():
        expected = isinstance(page, allowed_parent)
        assert model.can_create_at(page) == expected, (model.__name__, page)


def test_singletons_stay_single(demo):
    home = HomePage.objects.get()
    for model in (WerkingIndexPage, KalenderPage, OnderwijsmakersIndexPage, NieuwsIndexPage, HomePage):
        assert not model.can_create_at(home)
    assert StandardPage.can_create_at(home)


def test_admin_refuses_a_project_outside_a_werking(client, demo, make_editor):
    client.force_login(make_editor(roles.EINDREDACTIE))
    kalender = KalenderPage.objects.get()
    response = client.get(f"/admin/pages/add/werkingen/projectpage/{kalender.pk}/")
    # Wagtail sends the editor back to the dashboard with a "no permission" message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_anonymous_visitors_cannot_reach_the_admin(client, demo):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_validation_errors_are_dutch(client, demo, make_editor):
    client.force_login(make_editor(roles.EINDREDACTIE))
    laboratorium = WerkingPage.objects.get(kind="laboratorium")
    fase = Fase.objects.get(slug="opstartfase")
    data = project_form(fase, title="", date="")
    response = client.post(f"/admin/pages/add/werkingen/projectpage/{laboratorium.pk}/", data)
    assert response.status_code == 200
    assert "Dit is een verplicht veld." in response.content.decode()
    assert not ProjectPage.objects.filter(slug="labo-leesplezier").exists()


def test_backwards_phase_history_is_refused_in_dutch(client, demo, make_editor):
    client.force_login(make_editor(roles.EINDREDACTIE))
    laboratorium = WerkingPage.objects.get(kind="laboratorium")
    start, design = Fase.objects.get(slug="opstartfase"), Fase.objects.get(slug="ontwerpfase")
    history = inline_formset(
        [{"fase": design.pk, "start_date": "2025-03-01"}, {"fase": start.pk, "start_date": "2025-02-01"}]
    )
    response = client.post(
        f"/admin/pages/add/werkingen/projectpage/{laboratorium.pk}/",
        project_form(start, phase_history=history, **{"action-publish": "publish"}),
    )
    assert response.status_code == 200
    assert "gaat terug in de tijd" in response.content.decode()
    assert not ProjectPage.objects.filter(slug="labo-leesplezier").exists()


def test_every_page_type_has_a_working_preview(demo):
    seen = set()
    for page in Page.objects.filter(depth__gt=1).specific():
        if type(page) in seen:
            continue
        seen.add(type(page))
        for mode, _label in page.preview_modes:
            response = page.make_preview_request(original_request=None, preview_mode=mode)
            assert response.status_code == 200, (type(page).__name__, mode)
    # Every page type an editor can make is in the demo, and was previewed above.
    assert seen == {model for model in get_page_models() if model is not Page}


def test_new_news_items_default_to_today(db):
    from django.utils import timezone

    assert NewsPage().date == timezone.localdate()


def test_dashboard_shows_upcoming_events_and_projects_per_fase(client, demo, make_editor):
    client.force_login(make_editor(roles.REDACTIE))
    response = client.get("/admin/")
    html = response.content.decode()
    assert "SOM in één oogopslag" in html
    assert "Netwerkmoment community (voorbeeld)" in html
    assert "Kick-off labo zij-instromers" not in html  # past events stay off the dashboard
    assert "Opstartfase" in html


def test_admin_listings_filter_events_projects_and_people(client, demo, make_editor):
    client.force_login(make_editor(roles.REDACTIE))
    upcoming = client.get("/admin/activiteiten/", {"periode": "komend"}).content.decode()
    assert "Netwerkmoment community (voorbeeld)" in upcoming
    assert "Kick-off labo zij-instromers" not in upcoming
    assert "Wanneer" in upcoming and "dinsdag" in client.get("/admin/activiteiten/").content.decode()
    lab = WerkingPage.objects.get(kind="laboratorium")
    afgerond = Fase.objects.get(slug="afgerond")
    projects = client.get("/admin/projecten/", {"werking": lab.pk, "fase": afgerond.pk}).content.decode()
    assert "zerotolerantie tegen schooluitval" in projects
    assert "FTI by and" not in projects and "Labo onderwijs x cultuur" not in projects
    people = client.get("/admin/onderwijsmakers-overzicht/", {"in_de_kijker": "true"}).content.decode()
    assert "Kobe Vaes" in people and "nu in de kijker" in people and "Jan Elen" not in people


@pytest.mark.parametrize(
    "slug",
    ["labo-onderwijs-x-cultuur", "kick-off-labo-zij-instromers", "kobe-vaes", "volgende-vijf-jaar-samen-onderwijs"],
)
def test_editors_can_preview_the_card_as_it_appears_in_listings(demo, slug):
    page = Page.objects.get(slug=slug).specific
    assert ("kaart", "Kaart in overzichten") in page.preview_modes
    response = page.make_preview_request(preview_mode="kaart")
    assert response.status_code == 200
    html = response.content.decode()
    assert page.title.replace("&", "&amp;") in html
    assert "Zo verschijnt deze pagina in overzichten" in html


def test_concurrent_editors_are_warned_about_each_other(client, demo, make_editor):
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client
    from wagtail.admin.models import EditingSession

    anna, bart = make_editor(roles.REDACTIE), make_editor(roles.EINDREDACTIE)
    project = Page.objects.get(slug="labo-onderwijs-x-cultuur")
    content_type = ContentType.objects.get_for_model(Page)
    for user in (anna, bart):
        browser = Client()
        browser.force_login(user)
        assert browser.get(f"/admin/pages/{project.pk}/edit/").status_code == 200
    sessions = {
        s.user_id: s for s in EditingSession.objects.filter(content_type=content_type, object_id=str(project.pk))
    }
    assert set(sessions) == {anna.pk, bart.pk}
    client.force_login(anna)
    response = client.post(
        f"/admin/editing-sessions/ping/wagtailcore/page/{project.pk}/{sessions[anna.pk].pk}/", {"is_editing": "1"}
    )
    assert response.status_code == 200
    assert "eindredactie" in response.content.decode()  # Bart shows up in Anna's editor


def test_a_refused_save_keeps_the_editors_work_and_the_earlier_revisions(client, demo, make_editor):
    client.force_login(make_editor(roles.EINDREDACTIE))
    project = ProjectPage.objects.get(slug="labo-onderwijs-x-cultuur")
    revisions_before = project.revisions.count()
    fase = Fase.objects.get(slug="opstartfase")
    data = project_form(fase, title="Labo onderwijs x cultuur, herwerkt", slug=project.slug, date="")
    response = client.post(f"/admin/pages/{project.pk}/edit/", data)
    assert response.status_code == 200  # the form comes back …
    assert 'value="Labo onderwijs x cultuur, herwerkt"' in response.content.decode()  # … with what was typed
    project.refresh_from_db()
    assert project.title == "Labo onderwijs x cultuur" and project.revisions.count() == revisions_before
