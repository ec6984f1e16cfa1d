"""Finding one item in the paged lists of MSX (getTenantsPage, getUsersPage)."""


def find_in_pages(get_page, item_id, **filters):
    """The item with that id as found by paging through a *Page operation, else None."""
    page = 0
    while True:
        result = get_page(page=page, page_size=100, **filters)
        found = [item for item in result.contents if item.id == item_id]
        if found or not result.has_next:
            return found[0] if found else None
        page += 1
