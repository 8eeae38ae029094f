"""The outbox in the admin (issue 19: "a failed send is retried and visible to staff"): the
Eindredactie sees what the site sent or failed to send and sends a failed message again; the
Redactie does not see it (it holds addresses); nobody edits or deletes a message there."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from som import roles
from som.mail import OutgoingMail
from tests.helpers import soup, texts

LISTING = "/admin/uitgaande-email/"


@pytest.fixture
def messages_in_outbox(db):
    sent = OutgoingMail.objects.create(
        purpose="inschrijving-bevestigd",
        to="an.peeters@example.org",
        subject="Je bent ingeschreven: Netwerkmoment",
        text="Tot dan!",
        status=OutgoingMail.Status.SENT,
        attempts=1,
    )
    failed = OutgoingMail.objects.create(
        purpose="formulier-melding",
        to="info@example.org",
        subject="Nieuw bericht via Contacteer SOM",
        text="Een vraag",
        status=OutgoingMail.Status.FAILED,
        attempts=6,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    return sent, failed


@pytest.fixture
def login_as(client, django_user_model):
    def login(group_name=None, superuser=False):
        if superuser:
            user = django_user_model.objects.create_superuser("beheer", "beheer@example.org", "wachtwoord-123")
        else:
            user = django_user_model.objects.create_user(group_name, f"{group_name}@example.org", "wachtwoord-123")
            user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return client

    return login


@pytest.mark.django_db
def test_the_eindredactie_sees_the_outbox_and_sends_a_failed_message_again(
    login_as, messages_in_outbox, home, django_capture_on_commit_callbacks
):
    sent, failed = messages_in_outbox
    client = login_as(roles.EINDREDACTIE)
    listed = texts(client.get(LISTING), "table tbody tr")
    assert any("Nieuw bericht via Contacteer SOM" in row and "Mislukt" in row for row in listed)
    assert any("Je bent ingeschreven: Netwerkmoment" in row and "Verzonden" in row for row in listed)

    only_failed = texts(client.get(LISTING, {"status": "mislukt"}), "table tbody tr")
    assert len(only_failed) == 1 and "info@example.org" in only_failed[0]

    inspect = soup(client.get(f"{LISTING}inspect/{failed.pk}/"))
    assert "SMTPServerDisconnected" in inspect.get_text()
    retry_url = f"{LISTING}{failed.pk}/opnieuw/"
    assert inspect.select_one(f'a[href="{retry_url}"]').get_text(strip=True) == "Opnieuw versturen"
    # A sent message offers no second send.
    assert not soup(client.get(f"{LISTING}inspect/{sent.pk}/")).select(f'a[href$="/{sent.pk}/opnieuw/"]')

    assert "Ja, verstuur opnieuw" in client.get(retry_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url)
    assert response.status_code == 302
    failed.refresh_from_db()
    # Tests run tasks at once: the worker sent it.
    assert failed.status == OutgoingMail.Status.SENT and failed.attempts == 1
    assert [message.subject for message in mail.outbox] == ["Nieuw bericht via Contacteer SOM"]

    # Asking again for a sent message sends nothing.
    client.post(retry_url)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_redactie_does_not_see_the_outbox(login_as, messages_in_outbox, home):
    client = login_as(roles.REDACTIE)
    for url in (
        LISTING,
        f"{LISTING}inspect/{messages_in_outbox[1].pk}/",
        f"{LISTING}{messages_in_outbox[1].pk}/opnieuw/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.post(f"{LISTING}{messages_in_outbox[1].pk}/opnieuw/").status_code == 302
    assert OutgoingMail.objects.get(pk=messages_in_outbox[1].pk).status == OutgoingMail.Status.FAILED
    assert "Uitgaande e-mail" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_nobody_adds_edits_or_deletes_a_message(login_as, messages_in_outbox, home):
    client = login_as(superuser=True)
    pk = messages_in_outbox[0].pk
    for url in (f"{LISTING}new/", f"{LISTING}edit/{pk}/", f"{LISTING}delete/{pk}/"):
        assert client.get(url).status_code == 302, url
    assert client.post(f"{LISTING}delete/{pk}/").status_code == 302
    assert OutgoingMail.objects.filter(pk=pk).exists()
    listing = client.get(LISTING).content.decode()
    assert f"{LISTING}edit/" not in listing and f"{LISTING}new/" not in listing
