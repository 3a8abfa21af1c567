"""No page prints markup as text: every HTML page the shop serves, for every role that may open it, is read
for escaped tags (``&lt;div``), as a pre-rendered string printed into a template shows (the till's cart
did, issue 19). The shop is the role matrix's, with a line in the till's cart."""

import re

import pytest

from boutique.extensions import db
from tests.test_role_matrix import MATRIX, ROLES, shop  # noqa: F401  (shop: the matrix's seeded shop, a fixture)

ESCAPED_MARKUP = re.compile(r"&lt;/?[a-z][a-z0-9-]*[\s&/>]|&amp;(?:lt|gt|quot|amp|#\d+);")


def _pages():
    for (method, rule), row in sorted(MATRIX.items()):
        if method != "GET" or rule.startswith(("/api/", "/static/")) or rule in ("/logout",):
            continue
        answers = zip(ROLES, row.split(), strict=True)
        allowed = [role for role, answer in answers if answer == "ok" and role != "anonymous"]
        if allowed:
            yield pytest.param(rule, allowed, id=rule)


@pytest.fixture(scope="module")
def cart_with_a_line(shop):  # noqa: F811
    """The open till SKH-1 with an item in its cart, so the till page draws a cart's table."""
    response = shop.client("participant", "session").post(
        "/till/SKH-1/scan", data={"code": shop.ids["item"]}, headers={"Accept": "application/json"})
    db.session.remove()
    assert response.status_code == 200 and response.json["ok"], response.get_data()[:300]


@pytest.mark.parametrize(("rule", "roles"), list(_pages()))
def test_no_page_shows_markup_as_text(shop, cart_with_a_line, rule, roles):  # noqa: F811
    for role in roles:
        response = shop.client(role, "session").get(shop.url(rule))
        db.session.remove()
        if response.mimetype != "text/html" or response.status_code != 200:
            continue
        text = response.get_data(as_text=True)
        found = ESCAPED_MARKUP.search(text)
        assert found is None, f"{rule} as {role}: …{text[found.start() - 80:found.end() + 80]}…"
        # A browser draws type="date" in its own locale's order (mm/dd/yyyy in an English one): dates are
        # typed as YYYY-MM-DD text (boutique/web/datefields.py), issue 19.
        assert 'type="date"' not in text, f"{rule} as {role}: a date field in the browser's own order"
