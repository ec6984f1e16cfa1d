"""Walking the paged lists of MSX (getTenantsPage, getUsersPage)."""

PAGE_SIZE = 100


def all_items(get_page, **filters):
    """Every item of a *Page operation, page after page."""
    page = 0
    while True:
        result = get_page(page=page, page_size=PAGE_SIZE, **filters)
        yield from result.contents
        if not result.has_next:
            return
        page += 1


def find_in_pages(get_page, item_id, **filters):
    """The item with that id as found by paging through a *Page operation, else None."""
    return next((item for item in all_items(get_page, **filters) if item.id == item_id), None)
