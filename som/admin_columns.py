"""Columns every flat page listing in the admin starts and ends with (the apps' listings in
<app>/viewsets.py): the title with bulk actions first, the last change and the status last."""

from wagtail.admin.views.pages.listing import IndexView

BASE_COLUMNS = [c for c in IndexView.base_columns if c.name in {"bulk_actions", "title"}]
UPDATED_AND_STATUS = [c for c in IndexView.base_columns if c.name in {"latest_revision_created_at", "status"}]
