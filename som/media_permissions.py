"""Who may change or delete an image or a document (issue 17, item 3).

Wagtail's own rule for images and documents (`CollectionOwnershipPermissionPolicy`): whoever has
"change" on a collection changes and deletes every item in it; whoever has only "add" changes and
deletes the items they uploaded themselves. That would let the Redactie swap the file of its own
photo on a live page, public at once and never reviewed.

This policy adds one rule: once an item is in use (Wagtail's reference index knows a page, snippet
or setting that refers to it, as on the item's "Gebruik" tab), having uploaded it is no longer
enough; only "change" on its collection (the Eindredactie) is. Everything else is Wagtail's
policy unchanged, and because every admin view, bulk action and action class asks the registered
policy, the rule holds everywhere: the edit, delete and usage views, multiple upload, the bulk
actions and the listing (which shows a Redactie member only what they may still change).

A refused edit or delete gets Wagtail's own answer: back to the dashboard with "Sorry, je hebt geen
toegang tot dit gedeelte." (a 403 for a request from a script).

Wagtail internals relied on (for correctness, not speed): three underscore helpers of Wagtail's
CollectionPermissionLookupMixin, inherited through CollectionOwnershipPermissionPolicy and called
with these signatures, so the added rule asks exactly what Wagtail's own policy asks:
`_check_perm(user, actions, collection=None)` -> bool, `_collections_with_perm(user, actions)` ->
Collection queryset, `_users_with_perm_filter(actions, collection=None)` -> Q on the user model.
tests/test_wagtail_patches.py fails when an upgrade removes them or changes their signature or
what they answer; then rewrite this policy against what Wagtail offers instead.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

MODIFYING = {"change", "delete"}


def is_in_use(instance):
    """True when a page, snippet or setting refers to the image or document."""
    return ReferenceIndex.get_references_to(instance).exists()


class InUseMediaPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's ownership policy, except that owning an item in use no longer lets you change
    or delete it."""

    def _may_change_any(self, user, collection=None):
        # "change" on the collection (or an ancestor): the Eindredactie, and superusers.
        return self._check_perm(user, ["change"], collection=collection)

    def _in_use_q(self):
        return Exists(
            ReferenceIndex.objects.filter(
                to_content_type=ContentType.objects.get_for_model(self.model),
                to_object_id=Cast(OuterRef("pk"), output_field=CharField()),
            )
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        others = actions - MODIFYING
        if others and super().user_has_any_permission_for_instance(user, others, instance):
            return True
        if not actions & MODIFYING:
            return False
        if self._may_change_any(user, collection=instance.collection):
            return True
        # Allowed by ownership alone: only while nothing uses the item.
        return super().user_has_any_permission_for_instance(user, actions & MODIFYING, instance) and not is_in_use(
            instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if not set(actions) & MODIFYING or not user.is_authenticated or (user.is_active and user.is_superuser):
            return instances
        # Wagtail gives: items in collections where the user may change (or choose, when asked)
        # OR the user's own items in collections where they may add. Keep the first part whole;
        # keep the user's own items only while they are unused.
        granted = set(actions) & {"change", "choose"} | {"change"}
        return instances.filter(Q(collection__in=self._collections_with_perm(user, granted)) | ~self._in_use_q())

    def users_with_any_permission_for_instance(self, actions, instance):
        if not set(actions) & MODIFYING or not is_in_use(instance):
            return super().users_with_any_permission_for_instance(actions, instance)
        # In use: the owner no longer counts through ownership alone.
        granted = set(actions) & {"change", "choose"} | {"change"}
        return (
            get_user_model()
            .objects.filter(self._users_with_perm_filter(granted, collection=instance.collection))
            .distinct()
        )


def image_permission_policy():
    # Wagtail checks the permissions of wagtailimages.Image, also for a custom image model.
    return InUseMediaPermissionPolicy(
        get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
    )


def document_permission_policy():
    return InUseMediaPermissionPolicy(
        get_document_model(), auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user"
    )


def register():
    """Put these policies in place of Wagtail's (called from som/wagtail_hooks.py).

    `exact_class=True` wins over the policy wagtail.images and wagtail.documents register for
    the same model in their ready(), whichever runs first."""
    register_permission_policy(get_image_model(), image_permission_policy(), exact_class=True)
    register_permission_policy(get_document_model(), document_permission_policy(), exact_class=True)
