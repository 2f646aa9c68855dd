"""Every page size in one place: public pages, the admin, the API and the partners' changes feed.

Values only (no Django or DRF imports), so any layer may read them. Each audience has its own
size because each pays differently for a row: a reader's page renders HTML, an API page
serializes nested children, a changes page is two cheap queries over the journal.
"""

from __future__ import annotations

# Public list pages (people, events, issues, sources): rows per `?page=`.
WEB_PAGE_SIZE = 25
# Lists on a detail page (a person's events, an issue's events, what cites a source): the latest
# this many, with a link to the whole filtered timeline.
DETAIL_LIST_ROWS = 25
# Editors' change lists in the admin.
ADMIN_PAGE_SIZE = 50
# API lists: `?page_size=` from 1 to API_MAX_PAGE_SIZE, API_DEFAULT_PAGE_SIZE without it.
API_DEFAULT_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 200
# The partners' changes feed (/api/v1/changes/): journal rows are small, so pages are larger.
CHANGES_DEFAULT_PAGE_SIZE = 100
CHANGES_MAX_PAGE_SIZE = 1000
