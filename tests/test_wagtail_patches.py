"""The changes som/wagtail_patches.py makes to Wagtail still take effect. Each test fails
loudly when a Wagtail upgrade stops calling what a patch replaces."""

import datetime
import inspect

from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from som.models import StandardPage


def test_wagtail_still_filters_through_the_methods_we_replace():
    # `.live()` and `.public()` must go through live_q and private_q, or the patches do nothing.
    assert "self.live_q()" in inspect.getsource(PageQuerySet.live)
    assert "self.private_q()" in inspect.getsource(PageQuerySet.public)
    assert PageQuerySet._wagtail_live_q(Page.objects.all()).children == [("live", True)]


def test_live_leaves_out_pages_whose_expiry_time_has_passed(home):
    page = StandardPage(title="Verloopt", slug="verloopt", expire_at=timezone.now() + datetime.timedelta(hours=1))
    home.add_child(instance=page)
    page.save_revision().publish()
    assert Page.objects.live().filter(pk=page.pk).exists()
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    assert Page.objects.filter(pk=page.pk, live=True).exists()  # publish_scheduled has not run
    assert not Page.objects.live().filter(pk=page.pk).exists()
    assert Page.objects.not_live().filter(pk=page.pk).exists()
    # Searching live pages filters on the expiry time too.
    assert list(Page.objects.live().search("Verloopt")) == []


def test_public_leaves_out_aliases_of_private_pages(home):
    section = StandardPage(title="Afgeschermd", slug="afgeschermd")
    home.add_child(instance=section)
    section.save_revision().publish()
    private = StandardPage(title="Binnen", slug="binnen")
    section.add_child(instance=private)
    private.save_revision().publish()
    alias = private.create_alias(parent=home, update_slug="binnen-alias")
    assert Page.objects.public().filter(pk=alias.pk).exists()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD, password="x")
    public = Page.objects.public()
    assert not public.filter(pk__in=[section.pk, private.pk, alias.pk]).exists()
    assert public.filter(pk=home.pk).exists()
