"""Images and documents for the editorial roles (issue 17, items 2 and 3).

The Redactie uploads and chooses images and documents; it changes or deletes only what it uploaded
itself and nothing uses yet. Changing or deleting someone else's media, or media already in use,
stays with the Eindredactie (som/media_permissions.py, som/roles.py)."""

import importlib
import io

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.models import Collection, GroupCollectionPermission, ReferenceIndex
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from som import roles
from som.models import Fase, SomImage
from werkingen.models import ProjectPage, WerkingPage

NO_ACCESS = "Sorry, je hebt geen toegang tot dit gedeelte."


def png_bytes(colour=(11, 92, 107), size=(64, 48)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def make_image(owner=None, title="Leerkrachten in STUK"):
    return SomImage.objects.create(
        title=title,
        description="Leerkrachten rond een tafel",
        file=ImageFile(io.BytesIO(png_bytes()), name="foto.png"),
        uploaded_by_user=owner,
    )


def make_document(owner=None, title="Verslag SOM-raad"):
    return Document.objects.create(
        title=title, file=ContentFile(b"eerste versie", name="verslag.txt"), uploaded_by_user=owner
    )


def file_bytes(item):
    item.refresh_from_db()
    with item.file.open("rb") as handle:
        return handle.read()


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


def put_on_live_project(image=None, document=None):
    """Use the image (as the project's picture) and/or the document (linked from the text) on a
    live page, as a published edit does."""
    project = ProjectPage.objects.live().get(slug="labo-onderwijs-x-cultuur")
    if image is not None:
        project.image = image
    if document is not None:
        project.body = [("paragraph", f'<p>Lees het <a linktype="document" id="{document.pk}">verslag</a>.</p>')]
    project.save_revision().publish()
    for item in (image, document):
        if item is not None:
            assert ReferenceIndex.get_references_to(item).exists()  # Wagtail now calls it in use
    return project


def image_edit_data(image, **extra):
    return {
        "title": image.title,
        "description": image.description,
        "credit": "",
        "collection": image.collection_id,
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        **extra,
    }


def document_edit_data(document, **extra):
    return {"title": document.title, "collection": document.collection_id, "tags": "", **extra}


def refused(response):
    """Wagtail's answer to an admin request without permission: back to the dashboard with a
    Dutch message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


# --- Item 2: the Redactie uploads an image, chooses it on a page and submits the page ---------


def test_redactie_uploads_an_image_chooses_it_on_a_project_and_submits(client, demo, make_editor):
    editor = make_editor(roles.REDACTIE)
    client.force_login(editor)

    response = client.get("/admin/images/")
    assert response.status_code == 200  # was: sent back to the dashboard
    assert "Voeg een afbeelding toe" in response.content.decode()

    # "Voeg een afbeelding toe" opens the multiple upload; the alternative text is required, so the
    # file waits until the editor fills it in.
    upload = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("leesplezier.png", png_bytes(), content_type="image/png")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert upload.status_code == 200
    upload_id = upload.json()["uploaded_file_id"]
    prefix = f"uploaded-image-{upload_id}"
    created = client.post(
        f"/admin/images/multiple/create_from_uploaded_image/{upload_id}/",
        {
            f"{prefix}-title": "Leesplezier in de klas",
            f"{prefix}-description": "Kinderen lezen samen in een zetel",
            f"{prefix}-credit": "Stad Leuven",
            f"{prefix}-collection": Collection.get_first_root_node().pk,
            f"{prefix}-tags": "",
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert created.status_code == 200 and created.json()["success"], created.content
    image = SomImage.objects.get(title="Leesplezier in de klas")
    assert image.uploaded_by_user == editor

    # The image chooser on a page lists it and hands it over.
    chooser = client.get("/admin/images/chooser/")
    assert chooser.status_code == 200
    assert "Leesplezier in de klas" in chooser.json()["html"]
    chosen = client.get(f"/admin/images/chooser/chosen/{image.pk}/")
    assert chosen.status_code == 200
    assert chosen.json()["step"] == "chosen" and str(chosen.json()["result"]["id"]) == str(image.pk)

    # A new project with that image, submitted for moderation.
    laboratorium = WerkingPage.objects.get(kind="laboratorium")
    fase = Fase.objects.get(slug="opstartfase")
    response = client.post(
        f"/admin/pages/add/werkingen/projectpage/{laboratorium.pk}/",
        project_form(fase, image=image.pk, **{"action-submit": "submit"}),
    )
    assert response.status_code == 302
    project = ProjectPage.objects.get(slug="labo-leesplezier")
    assert project.image == image and not project.live
    assert project.current_workflow_state.status == "in_progress"


def test_redactie_uploads_an_image_with_the_single_form(client, demo, make_editor):
    editor = make_editor(roles.REDACTIE)
    client.force_login(editor)
    assert client.get("/admin/images/add/").status_code == 200
    data = image_edit_data(
        SomImage(title="Charter in STUK", description="Handtekeningen onder het charter"),
        collection=Collection.get_first_root_node().pk,
        file=SimpleUploadedFile("charter.png", png_bytes(), content_type="image/png"),
    )
    response = client.post("/admin/images/add/", data)
    assert response.status_code == 302 and response["Location"] == "/admin/images/"
    assert SomImage.objects.get(title="Charter in STUK").uploaded_by_user == editor


def test_redactie_uploads_an_image_from_the_chooser_on_a_page(client, demo, make_editor):
    editor = make_editor(roles.REDACTIE)
    client.force_login(editor)
    prefix = "image-chooser-upload"
    response = client.post(
        "/admin/images/chooser/create/",
        {
            f"{prefix}-title": "Netwerkmoment",
            f"{prefix}-description": "Mensen in gesprek aan statafels",
            f"{prefix}-credit": "",
            f"{prefix}-collection": Collection.get_first_root_node().pk,
            f"{prefix}-tags": "",
            f"{prefix}-file": SimpleUploadedFile("netwerk.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 200
    image = SomImage.objects.get(title="Netwerkmoment")
    assert response.json()["step"] == "chosen" and str(response.json()["result"]["id"]) == str(image.pk)
    assert image.uploaded_by_user == editor


def test_redactie_can_choose_every_image_and_document(client, demo, make_editor):
    chief = make_editor(roles.EINDREDACTIE)
    theirs, their_document = make_image(chief, title="Foto van de eindredactie"), make_document(chief)
    put_on_live_project(image=theirs)
    client.force_login(make_editor(roles.REDACTIE))
    assert "Foto van de eindredactie" in client.get("/admin/images/chooser/").json()["html"]
    assert client.get(f"/admin/images/chooser/chosen/{theirs.pk}/").json()["result"]["id"] == str(theirs.pk)
    assert "Verslag SOM-raad" in client.get("/admin/documents/chooser/").json()["html"]
    chosen = client.get(f"/admin/documents/chooser/chosen/{their_document.pk}/").json()
    assert chosen["result"]["id"] == str(their_document.pk)


# --- Item 3: changing or deleting media that is someone else's or in use ---------------------


def test_redactie_edits_and_deletes_its_own_unused_image(client, demo, make_editor):
    editor = make_editor(roles.REDACTIE)
    image = make_image(editor)
    client.force_login(editor)
    assert f"/admin/images/{image.pk}/" in client.get("/admin/images/").content.decode()
    assert client.get(f"/admin/images/{image.pk}/").status_code == 200
    new_file = SimpleUploadedFile("nieuw.png", png_bytes((200, 40, 40)), content_type="image/png")
    response = client.post(f"/admin/images/{image.pk}/", image_edit_data(image, title="Nieuwe titel", file=new_file))
    assert response.status_code == 302 and response["Location"] == "/admin/images/"
    assert file_bytes(image) == png_bytes((200, 40, 40)) and image.title == "Nieuwe titel"

    assert client.get(f"/admin/images/{image.pk}/delete/").status_code == 200
    assert client.post(f"/admin/images/{image.pk}/delete/").status_code == 302
    assert not SomImage.objects.filter(pk=image.pk).exists()


def test_redactie_cannot_replace_or_delete_its_own_image_once_in_use(client, demo, make_editor):
    editor = make_editor(roles.REDACTIE)
    image = make_image(editor)
    put_on_live_project(image=image)
    original = file_bytes(image)
    client.force_login(editor)

    response = client.get(f"/admin/images/{image.pk}/")
    assert refused(response)
    assert NO_ACCESS in client.get(response["Location"]).content.decode()

    new_file = SimpleUploadedFile("nieuw.png", png_bytes((200, 40, 40)), content_type="image/png")
    assert refused(client.post(f"/admin/images/{image.pk}/", image_edit_data(image, file=new_file)))
    assert file_bytes(image) == original  # the live page still shows what was approved
    assert refused(client.post(f"/admin/images/{image.pk}/delete/"))
    # The multiple-upload form and the bulk delete ask the same question.
    from_script = {"x-requested-with": "XMLHttpRequest"}
    assert client.post(f"/admin/images/multiple/{image.pk}/delete/", headers=from_script).status_code == 403
    client.post(f"/admin/bulk/som/somimage/delete/?id={image.pk}")
    assert SomImage.objects.filter(pk=image.pk).exists()

    # The listing only offers what the editor may still change.
    listing = client.get("/admin/images/").content.decode()
    assert f"/admin/images/{image.pk}/" not in listing


def test_redactie_cannot_change_someone_elses_image(client, demo, make_editor):
    chief = make_editor(roles.EINDREDACTIE)
    image = make_image(chief)  # not in use
    original = file_bytes(image)
    client.force_login(make_editor(roles.REDACTIE))
    assert refused(client.get(f"/admin/images/{image.pk}/"))
    new_file = SimpleUploadedFile("nieuw.png", png_bytes((200, 40, 40)), content_type="image/png")
    assert refused(client.post(f"/admin/images/{image.pk}/", image_edit_data(image, file=new_file)))
    assert file_bytes(image) == original
    assert refused(client.post(f"/admin/images/{image.pk}/delete/"))
    assert SomImage.objects.filter(pk=image.pk).exists()
    assert f"/admin/images/{image.pk}/" not in client.get("/admin/images/").content.decode()


def test_redactie_edits_its_own_unused_document_but_not_once_it_is_linked(client, demo, make_editor):
    editor = make_editor(roles.REDACTIE)
    document = make_document(editor)
    client.force_login(editor)
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        document_edit_data(document, file=SimpleUploadedFile("verslag.txt", b"tweede versie")),
    )
    assert response.status_code == 302 and response["Location"] == "/admin/documents/"
    assert file_bytes(document) == b"tweede versie"

    put_on_live_project(document=document)
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        document_edit_data(document, file=SimpleUploadedFile("verslag.txt", b"vervalst")),
    )
    assert refused(response)
    assert NO_ACCESS in client.get(response["Location"]).content.decode()
    assert file_bytes(document) == b"tweede versie"
    assert refused(client.post(f"/admin/documents/delete/{document.pk}/"))
    assert Document.objects.filter(pk=document.pk).exists()


def test_redactie_cannot_replace_someone_elses_document(client, demo, make_editor):
    chief = make_editor(roles.EINDREDACTIE)
    document = make_document(chief)
    put_on_live_project(document=document)
    client.force_login(make_editor(roles.REDACTIE))
    assert refused(client.get(f"/admin/documents/edit/{document.pk}/"))
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        document_edit_data(document, file=SimpleUploadedFile("verslag.txt", b"vervalst")),
    )
    assert refused(response)
    assert file_bytes(document) == b"eerste versie"
    assert refused(client.post(f"/admin/documents/delete/{document.pk}/"))
    assert Document.objects.filter(pk=document.pk).exists()


def test_eindredactie_changes_and_deletes_all_media_in_use(client, demo, make_editor):
    editor = make_editor(roles.REDACTIE)
    image, document = make_image(editor), make_document(editor)
    put_on_live_project(image=image, document=document)
    client.force_login(make_editor(roles.EINDREDACTIE))

    listing = client.get("/admin/images/").content.decode()
    assert f"/admin/images/{image.pk}/" in listing
    new_file = SimpleUploadedFile("nieuw.png", png_bytes((200, 40, 40)), content_type="image/png")
    response = client.post(f"/admin/images/{image.pk}/", image_edit_data(image, file=new_file))
    assert response.status_code == 302 and response["Location"] == "/admin/images/"
    assert file_bytes(image) == png_bytes((200, 40, 40))
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        document_edit_data(document, file=SimpleUploadedFile("verslag.txt", b"nagelezen versie")),
    )
    assert response.status_code == 302
    assert file_bytes(document) == b"nagelezen versie"

    assert client.post(f"/admin/images/{image.pk}/delete/").status_code == 302
    assert client.post(f"/admin/documents/delete/{document.pk}/").status_code == 302
    assert not SomImage.objects.filter(pk=image.pk).exists()
    assert not Document.objects.filter(pk=document.pk).exists()


# --- The permissions themselves, and existing databases -----------------------------------------


def collection_permissions(group_name):
    return {
        f"{p.permission.content_type.app_label}.{p.permission.codename}"
        for p in GroupCollectionPermission.objects.filter(group__name=group_name).select_related(
            "permission__content_type"
        )
    }


def test_roles_grant_the_image_permissions_wagtail_checks(db):
    assert collection_permissions(roles.REDACTIE) == {
        "wagtailimages.add_image", "wagtailimages.choose_image",
        "wagtaildocs.add_document", "wagtaildocs.choose_document",
    }  # fmt: skip
    assert collection_permissions(roles.EINDREDACTIE) == {
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
        "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
    }  # fmt: skip


def test_migration_fixes_the_permissions_of_an_existing_install(db):
    """An install migrated with the earlier roles: som.*_somimage (never checked by Wagtail) and
    change_document for the Redactie. The new migration replaces them."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    root = Collection.get_first_root_node()
    GroupCollectionPermission.objects.all().delete()
    for group_name, codenames in {
        roles.REDACTIE: ["som.add_somimage", "som.change_somimage", "som.choose_image", "wagtaildocs.change_document"],
        roles.EINDREDACTIE: ["som.delete_somimage", "wagtaildocs.delete_document", "wagtaildocs.change_document"],
    }.items():
        for label in codenames:
            app_label, codename = label.split(".")
            GroupCollectionPermission.objects.create(
                group=Group.objects.get(name=group_name),
                collection=root,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )
    importlib.import_module("som.migrations.0005_media_permissions").forwards(apps, None)
    test_roles_grant_the_image_permissions_wagtail_checks(None)


def test_a_refusal_from_a_script_is_a_403_not_a_500(client, demo, make_editor):
    chief = make_editor(roles.EINDREDACTIE)
    image = make_image(chief)
    client.force_login(make_editor(roles.REDACTIE))
    response = client.get(f"/admin/images/{image.pk}/", headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 403
