"""The editorial roles and the moderation workflow, set up by a data migration.

- Redactie: create and edit pages and "in de kijker"; upload and choose images and documents;
  submit for moderation; cannot publish. It changes or deletes only images and documents it
  uploaded itself and that nothing uses yet (som/media_permissions.py): a file on a live page is
  not replaced without review.
- Eindredactie: everything Redactie can, plus approve and publish pages, change and delete every
  image and document, and manage the taxonomy, the site settings, redirects and search promotions.

Superusers are for technical staff only.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q

from .plugins import plugins

REDACTIE = "Redactie"
EINDREDACTIE = "Eindredactie"
WORKFLOW = "Nalezen en publiceren"
TASK = "Nalezen door de eindredactie"

PAGE_PERMISSIONS = {
    REDACTIE: ["add_page", "change_page", "lock_page", "unlock_page"],
    EINDREDACTIE: ["add_page", "change_page", "lock_page", "unlock_page", "publish_page", "bulk_delete_page"],
}
# Images and documents, on the root collection. Wagtail checks the permissions of its own models
# (wagtailimages.Image, also for the custom som.SomImage; wagtaildocs.Document), the three its group
# editor shows: "add" (upload, and change or delete what you uploaded yourself), "change" (change
# and delete any item; Wagtail has no separate delete permission here) and "choose".
COLLECTION_PERMISSIONS = {
    REDACTIE: ["add_image", "choose_image", "add_document", "choose_document"],
    EINDREDACTIE: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
}
MEDIA_MODELS = [("wagtailimages", "image"), ("wagtaildocs", "document"), ("som", "somimage")]
# The kernel's taxonomy; the apps add theirs (som.plugins: Plugin.taxonomy_viewsets). Redactie
# reads it, Eindredactie manages it.
TAXONOMY = [("som", "speerpunt"), ("som", "fase"), ("som", "onderwijsniveau"), ("som", "onderwijsnet")]
BASE_MODEL_PERMISSIONS = {
    REDACTIE: [("wagtailadmin", "admin", ["access"])],
    EINDREDACTIE: [
        ("wagtailadmin", "admin", ["access"]),
        ("som", "sitesettings", ["change"]),
        # The outbox (som/outbox_admin.py): addresses, so the Eindredactie only; read-only.
        ("som", "outgoingmail", ["view"]),
        ("wagtailredirects", "redirect", ["add", "change", "delete"]),
        ("wagtailsearchpromotions", "query", ["add", "change", "delete"]),
    ],
}


def model_permissions():
    """Role → [(app label, model name, actions)]: the kernel's and what the apps declare."""
    taxonomy = list(TAXONOMY)
    declared = {REDACTIE: [], EINDREDACTIE: []}
    for installed in plugins():
        plugin = installed.plugin
        if plugin.taxonomy_viewsets:
            taxonomy += [(v.model._meta.app_label, v.model._meta.model_name) for v in plugin.taxonomy_viewsets()]
        for role, grants in plugin.editor_permissions.items():
            declared[role] += [(*label.split("."), actions) for label, actions in grants]
    return {
        REDACTIE: BASE_MODEL_PERMISSIONS[REDACTIE]
        + declared[REDACTIE]
        + [(app, model, ["view"]) for app, model in taxonomy],
        EINDREDACTIE: BASE_MODEL_PERMISSIONS[EINDREDACTIE]
        + declared[EINDREDACTIE]
        + [(app, model, ["add", "change", "delete", "view"]) for app, model in taxonomy],
    }


def setup_after_migrate(sender, apps=None, **kwargs):
    """After every `migrate` (and a test database's flush, which passes no `apps`): the roles as
    the code declares them, so an app added later gets its permissions without a data migration
    of its own."""
    setup(apps or global_apps)


def setup(apps):
    # On a fresh database Django creates permissions only after all migrations; make them now.
    # (Only the content type and permission tables are touched, which exist at this point.)
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    def permission_for(app_label, codename):
        try:
            return Permission.objects.get(content_type__app_label=app_label, codename=codename)
        except Permission.DoesNotExist as error:
            raise LookupError(f"Permission {app_label}.{codename} does not exist") from error

    # Wagtail's image migration 0023 gives every group with admin access the image "choose"
    # permission on the root collection with a plain create(): on a fresh database where this runs
    # first (0003), granting it here would make that migration fail. The image permissions then
    # come from 0005, which runs after Wagtail's image migrations.
    images_migrated = ("wagtailimages", "0023_add_choose_permissions") in MigrationRecorder(
        connection
    ).applied_migrations()

    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    permissions_by_role = model_permissions()
    groups = {}
    for name in (REDACTIE, EINDREDACTIE):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        if root is not None:
            for codename in PAGE_PERMISSIONS[name]:
                permission = permission_for("wagtailcore", codename)
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        if root_collection is not None:
            granted = []
            for codename in COLLECTION_PERMISSIONS[name]:
                app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
                if app_label == "wagtailimages" and not images_migrated:
                    continue
                permission = permission_for(app_label, codename)
                granted.append(permission.pk)
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
            # What an earlier version granted and no longer applies: som.*_somimage (which Wagtail
            # never checks), the Redactie's change_* and the delete_* permissions.
            media = Q()
            for app_label, model in MEDIA_MODELS:
                if app_label != "wagtaildocs" and not images_migrated:
                    continue
                media |= Q(permission__content_type__app_label=app_label, permission__content_type__model=model)
            GroupCollectionPermission.objects.filter(media, group=group, collection=root_collection).exclude(
                permission__in=granted
            ).delete()
        for app_label, model, actions in permissions_by_role[name]:
            for action in actions:
                permission = permission_for(app_label, f"{action}_{model}")
                group.permissions.add(permission)

    # One workflow for the whole site: the Eindredactie approves what the Redactie submits.
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([groups[EINDREDACTIE]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    # Wagtail's own example groups and workflow would only confuse; remove them when unused.
    for name in ("Moderators", "Editors"):
        Group.objects.filter(name=name, user__isnull=True).delete()
    Workflow.objects.filter(name="Moderators approval").exclude(pk=workflow.pk).filter(
        workflow_pages__isnull=True
    ).update(active=False)
