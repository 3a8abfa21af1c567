"""The role matrix: who may call what, for every route, by page session, API token and API session; and
IDOR probes: people asking by numeric id for what is not theirs.

MATRIX is the policy as one table; a route missing from it fails the test, so a new route must be added.
Columns: anonymous, participant, student, supervisor, admin.
    ok   allowed: any answer but 401/403 or the sign-in redirect (a 404, 409 or 422 to an empty body is fine)
    in   sign in first: 302 to /login for a page, 401 for the API
    403  refused for this role (for a lot: the lot's team decides; the seeded lot has the participant and the
         student in its team, so they may work in it but not manage it)
Writes are sent with an empty body, so nothing real changes but the policy still answers first (403, not
400/422). Path parameters are real ids from the seeded shop."""

import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from boutique import create_app
from boutique.auth.models import User
from boutique.auth.services import create_token, create_user, revoke_token, set_active
from boutique.extensions import db
from boutique.photos.services import add_photo
from boutique.places.services import create_location, create_till
from boutique.production import work
from boutique.production.models import LotMember, ProductionLot
from boutique.production.services import add_member, create_lot
from boutique.sales.day_models import ZReport
from boutique.sales.models import Sale
from tests.conftest import ApiClient, _empty_database

ROLES = ("anonymous", "participant", "student", "supervisor", "admin")
PASSWORD = "role matrix password"

MATRIX = {
    # (method, rule)                                               anon part stud super admin
    ("GET", "/"):                                                  "in  ok  ok  ok  ok",
    ("GET", "/account/data"):                                      "in  ok  ok  ok  ok",
    ("GET", "/account/data.zip"):                                  "in  ok  ok  ok  ok",
    ("GET", "/account/password"):                                  "in  ok  ok  ok  ok",
    ("POST", "/account/password"):                                 "in  ok  ok  ok  ok",
    ("GET", "/api/v1/categories"):                                 "in  ok  ok  ok  ok",
    ("POST", "/api/v1/donations"):                                 "in  ok  403 ok  ok",
    ("GET", "/api/v1/donations/<int:donation_id>"):                "in  ok  ok  ok  ok",
    ("POST", "/api/v1/donations/<int:donation_id>/items"):         "in  ok  403 ok  ok",
    ("GET", "/api/v1/exports/sie"):                                "in  403 403 ok  ok",
    ("GET", "/api/v1/health"):                                     "ok  ok  ok  ok  ok",
    ("GET", "/api/v1/items"):                                      "in  ok  ok  ok  ok",
    ("GET", "/api/v1/items/<code>"):                               "in  ok  ok  ok  ok",
    ("POST", "/api/v1/items/<code>/price"):                        "in  ok  403 ok  ok",
    ("POST", "/api/v1/items/<code>/skip-wash"):                    "in  ok  403 ok  ok",
    ("POST", "/api/v1/items/<code>/sort"):                         "in  ok  403 ok  ok",
    ("GET", "/api/v1/items/<code>/suggestion"):                    "in  ok  ok  ok  ok",
    ("POST", "/api/v1/items/<code>/value"):                        "in  ok  403 ok  ok",
    ("POST", "/api/v1/items/<code>/wash"):                         "in  ok  403 ok  ok",
    ("GET", "/api/v1/locations"):                                  "in  ok  ok  ok  ok",
    ("GET", "/api/v1/lots"):                                       "in  ok  ok  ok  ok",
    ("POST", "/api/v1/lots"):                                      "in  ok  403 ok  ok",
    ("GET", "/api/v1/lots/<int:lot_id>"):                          "in  ok  ok  ok  ok",
    ("POST", "/api/v1/lots/<int:lot_id>/bulk-materials"):          "in  ok  ok  ok  ok",
    ("POST", "/api/v1/lots/<int:lot_id>/hours"):                   "in  ok  ok  ok  ok",
    ("POST", "/api/v1/lots/<int:lot_id>/materials"):               "in  ok  ok  ok  ok",
    # the team and status: managers only
    ("POST", "/api/v1/lots/<int:lot_id>/members"):                 "in  403 403 ok  ok",
    ("POST", "/api/v1/lots/<int:lot_id>/photos"):                  "in  ok  ok  ok  ok",
    ("POST", "/api/v1/lots/<int:lot_id>/products"):                "in  ok  ok  ok  ok",
    # (members may work in a lot, not manage it)
    ("POST", "/api/v1/lots/<int:lot_id>/status"):                  "in  403 403 ok  ok",
    ("GET", "/api/v1/me/data"):                                    "in  ok  ok  ok  ok",
    ("GET", "/api/v1/openapi.json"):                               "ok  ok  ok  ok  ok",
    ("GET", "/api/v1/reports/impact"):                             "in  ok  ok  ok  ok",
    ("GET", "/api/v1/reports/sales"):                              "in  ok  ok  ok  ok",
    ("POST", "/api/v1/returns"):                                   "in  ok  403 ok  ok",
    ("POST", "/api/v1/sales"):                                     "in  ok  403 ok  ok",
    ("POST", "/api/v1/stocktakes"):                                "in  ok  403 ok  ok",
    ("GET", "/api/v1/stocktakes/<int:stocktake_id>"):              "in  ok  ok  ok  ok",
    ("POST", "/api/v1/stocktakes/<int:stocktake_id>/finish"):      "in  ok  403 ok  ok",
    ("POST", "/api/v1/stocktakes/<int:stocktake_id>/lines/<int:line_id>/settle"): "in  ok  403 ok  ok",
    ("POST", "/api/v1/stocktakes/<int:stocktake_id>/pause"):       "in  ok  403 ok  ok",
    ("POST", "/api/v1/stocktakes/<int:stocktake_id>/resume"):      "in  ok  403 ok  ok",
    ("POST", "/api/v1/stocktakes/<int:stocktake_id>/scan"):        "in  ok  403 ok  ok",
    ("GET", "/api/v1/stocktakes/report"):                          "in  ok  ok  ok  ok",
    ("POST", "/api/v1/tills/<till>/close"):                        "in  ok  403 ok  ok",
    ("POST", "/api/v1/tills/<till>/open"):                         "in  ok  403 ok  ok",
    ("GET", "/api/v1/tills/<till>/receipts/<int:number>"):         "in  ok  403 ok  ok",
    ("GET", "/api/v1/tills/<till>/scan/<code>"):                   "in  ok  403 ok  ok",
    ("GET", "/api/v1/tills/<till>/x"):                             "in  ok  403 ok  ok",
    ("POST", "/api/v1/transfers"):                                 "in  ok  403 ok  ok",
    ("GET", "/api/v1/transfers/<int:transfer_id>"):                "in  ok  ok  ok  ok",
    ("POST", "/api/v1/transfers/<int:transfer_id>/finish"):        "in  ok  403 ok  ok",
    ("POST", "/api/v1/transfers/<int:transfer_id>/lines/<int:line_id>/settle"): "in  ok  403 ok  ok",
    ("POST", "/api/v1/transfers/<int:transfer_id>/scan-in"):       "in  ok  403 ok  ok",
    ("POST", "/api/v1/transfers/<int:transfer_id>/scan-out"):      "in  ok  403 ok  ok",
    ("POST", "/api/v1/transfers/<int:transfer_id>/send"):          "in  ok  403 ok  ok",
    ("GET", "/api/v1/users"):                                      "in  403 403 ok  ok",
    ("GET", "/api/v1/vouchers/<code>"):                            "in  ok  403 ok  ok",
    ("POST", "/api/v1/users"):                                     "in  403 403 ok  ok",
    ("GET", "/api/v1/users/<username>/data"):                      "in  403 403 ok  ok",
    ("POST", "/api/v1/users/<username>/erase"):                    "in  403 403 ok  ok",
    ("POST", "/api/v1/wash-loads"):                                "in  ok  403 ok  ok",
    ("GET", "/categories/"):                                       "in  ok  403 ok  ok",
    ("GET", "/categories/<code>"):                                 "in  403 403 ok  ok",
    ("POST", "/categories/<code>"):                                "in  403 403 ok  ok",
    ("GET", "/categories/new"):                                    "in  403 403 ok  ok",
    ("POST", "/categories/new"):                                   "in  403 403 ok  ok",
    ("GET", "/donations/"):                                        "in  ok  403 ok  ok",
    ("GET", "/donations/<int:donation_id>"):                       "in  ok  403 ok  ok",
    ("POST", "/donations/<int:donation_id>/done"):                 "in  ok  403 ok  ok",
    ("POST", "/donations/<int:donation_id>/items"):                "in  ok  403 ok  ok",
    ("GET", "/donations/new"):                                     "in  ok  403 ok  ok",
    ("POST", "/donations/new"):                                    "in  ok  403 ok  ok",
    ("GET", "/items/"):                                            "in  ok  ok  ok  ok",
    ("GET", "/items/<code>"):                                      "in  ok  ok  ok  ok",
    ("GET", "/labels/"):                                           "in  ok  403 ok  ok",
    ("GET", "/labels/badges"):                                     "in  403 403 ok  ok",
    ("GET", "/labels/badges.pdf"):                                 "in  403 403 ok  ok",
    ("GET", "/labels/badges/<int:user_id>.png"):                   "in  403 403 ok  ok",
    ("GET", "/labels/items/<code>.pdf"):                           "in  ok  403 ok  ok",
    ("GET", "/labels/items/<code>.png"):                           "in  ok  403 ok  ok",
    ("GET", "/labels/items/<code>.zpl"):                           "in  ok  403 ok  ok",
    ("GET", "/labels/queue"):                                      "in  ok  403 ok  ok",
    ("POST", "/labels/queue"):                                     "in  ok  403 ok  ok",
    ("GET", "/labels/reprint"):                                    "in  ok  403 ok  ok",
    ("GET", "/labels/sheet.pdf"):                                  "in  ok  403 ok  ok",
    ("POST", "/language"):                                         "ok  ok  ok  ok  ok",
    ("GET", "/login"):                                             "ok  ok  ok  ok  ok",
    ("GET", "/favicon.ico"):                                       "ok  ok  ok  ok  ok",
    ("POST", "/login"):                                            "ok  ok  ok  ok  ok",
    ("POST", "/logout"):                                           "in  ok  ok  ok  ok",
    ("GET", "/lots/"):                                             "in  ok  ok  ok  ok",
    ("GET", "/lots/<int:lot_id>"):                                 "in  ok  ok  ok  ok",
    ("POST", "/lots/<int:lot_id>/bulk"):                           "in  ok  ok  ok  ok",
    ("GET", "/lots/<int:lot_id>/edit"):                            "in  ok  ok  ok  ok",
    ("POST", "/lots/<int:lot_id>/edit"):                           "in  ok  ok  ok  ok",
    ("POST", "/lots/<int:lot_id>/hours"):                          "in  ok  ok  ok  ok",
    ("GET", "/lots/<int:lot_id>/instructions"):                    "in  ok  ok  ok  ok",
    ("POST", "/lots/<int:lot_id>/materials"):                      "in  ok  ok  ok  ok",
    ("POST", "/lots/<int:lot_id>/members"):                        "in  403 403 ok  ok",  # managers only
    ("POST", "/lots/<int:lot_id>/members/<int:member_id>/remove"): "in  403 403 ok  ok",  # managers only
    ("POST", "/lots/<int:lot_id>/products"):                       "in  ok  ok  ok  ok",
    ("GET", "/lots/<int:lot_id>/products/<code>"):                 "in  ok  ok  ok  ok",
    ("POST", "/lots/<int:lot_id>/products/<code>/rules"):          "in  ok  ok  ok  ok",
    ("POST", "/lots/<int:lot_id>/status"):                         "in  403 403 ok  ok",  # managers only
    ("POST", "/lots/<int:lot_id>/steps"):                          "in  ok  ok  ok  ok",
    ("GET", "/lots/<int:lot_id>/steps/<int:step_id>"):             "in  ok  ok  ok  ok",
    ("POST", "/lots/<int:lot_id>/steps/<int:step_id>"):            "in  ok  ok  ok  ok",
    ("POST", "/lots/<int:lot_id>/steps/<int:step_id>/delete"):     "in  ok  ok  ok  ok",
    ("POST", "/lots/<int:lot_id>/steps/<int:step_id>/move"):       "in  ok  ok  ok  ok",
    ("GET", "/lots/new"):                                          "in  ok  403 ok  ok",
    ("POST", "/lots/new"):                                         "in  ok  403 ok  ok",
    ("GET", "/people/"):                                           "in  403 403 ok  ok",
    ("GET", "/people/<int:user_id>"):                              "in  403 403 ok  ok",
    ("POST", "/people/<int:user_id>"):                             "in  403 403 ok  ok",
    ("GET", "/people/<int:user_id>/data"):                         "in  403 403 ok  ok",
    ("GET", "/people/<int:user_id>/data.zip"):                     "in  403 403 ok  ok",
    ("GET", "/people/<int:user_id>/erase"):                        "in  403 403 ok  ok",
    ("POST", "/people/<int:user_id>/erase"):                       "in  403 403 ok  ok",
    ("GET", "/people/new"):                                        "in  403 403 ok  ok",
    ("POST", "/people/new"):                                       "in  403 403 ok  ok",
    ("GET", "/photos/<int:photo_id>"):                             "in  ok  ok  ok  ok",
    ("POST", "/photos/<int:photo_id>/delete"):                     "in  ok  ok  ok  ok",
    ("GET", "/photos/<int:photo_id>/thumb"):                       "in  ok  ok  ok  ok",
    # students: only their lot's products
    ("POST", "/photos/items/<code>"):                              "in  ok  403 ok  ok",
    ("POST", "/photos/lots/<int:lot_id>"):                         "in  ok  ok  ok  ok",
    ("GET", "/pipeline/items/<code>"):                             "in  ok  403 ok  ok",
    ("POST", "/pipeline/items/<code>/price"):                      "in  ok  403 ok  ok",
    ("POST", "/pipeline/items/<code>/skip-wash"):                  "in  ok  403 ok  ok",
    ("POST", "/pipeline/items/<code>/sort"):                       "in  ok  403 ok  ok",
    ("POST", "/pipeline/items/<code>/value"):                      "in  ok  403 ok  ok",
    ("POST", "/pipeline/items/<code>/wash"):                       "in  ok  403 ok  ok",
    ("GET", "/pipeline/price"):                                    "in  ok  403 ok  ok",
    ("POST", "/pipeline/price"):                                   "in  ok  403 ok  ok",
    ("GET", "/pipeline/scan"):                                     "in  ok  403 ok  ok",
    ("GET", "/pipeline/sort"):                                     "in  ok  403 ok  ok",
    ("GET", "/pipeline/value"):                                    "in  ok  403 ok  ok",
    ("GET", "/pipeline/wash"):                                     "in  ok  403 ok  ok",
    ("POST", "/pipeline/wash"):                                    "in  ok  403 ok  ok",
    ("GET", "/pipeline/weigh-outs"):                               "in  ok  403 ok  ok",
    ("POST", "/pipeline/weigh-outs"):                              "in  ok  403 ok  ok",
    ("GET", "/places/"):                                           "in  403 403 ok  ok",
    ("POST", "/places/locations"):                                 "in  403 403 403 ok",
    ("GET", "/places/settings"):                                   "in  403 403 403 ok",
    ("POST", "/places/settings"):                                  "in  403 403 403 ok",
    ("POST", "/places/tills"):                                     "in  403 403 403 ok",
    ("GET", "/reports/"):                                          "in  ok  ok  ok  ok",
    ("GET", "/reports/lots/<int:lot_id>"):                         "in  ok  ok  ok  ok",
    ("GET", "/reports/participants"):                              "in  ok  403 ok  ok",
    ("GET", "/stock/"):                                            "in  ok  403 ok  ok",
    ("POST", "/stock/counts"):                                     "in  ok  403 ok  ok",
    ("GET", "/stock/counts/<int:stocktake_id>"):                   "in  ok  403 ok  ok",
    ("POST", "/stock/counts/<int:stocktake_id>/finish"):           "in  ok  403 ok  ok",
    ("POST", "/stock/counts/<int:stocktake_id>/lines/<int:line_id>/settle"): "in  ok  403 ok  ok",
    ("POST", "/stock/counts/<int:stocktake_id>/pause"):            "in  ok  403 ok  ok",
    ("POST", "/stock/counts/<int:stocktake_id>/resume"):           "in  ok  403 ok  ok",
    ("POST", "/stock/counts/<int:stocktake_id>/scan"):             "in  ok  403 ok  ok",
    ("GET", "/stock/report"):                                      "in  ok  ok  ok  ok",
    ("GET", "/stock/report.csv"):                                  "in  ok  ok  ok  ok",
    ("POST", "/stock/transfers"):                                  "in  ok  403 ok  ok",
    ("GET", "/stock/transfers/<int:transfer_id>"):                 "in  ok  403 ok  ok",
    ("POST", "/stock/transfers/<int:transfer_id>/finish"):         "in  ok  403 ok  ok",
    ("POST", "/stock/transfers/<int:transfer_id>/lines/<int:line_id>/settle"): "in  ok  403 ok  ok",
    ("POST", "/stock/transfers/<int:transfer_id>/scan-in"):        "in  ok  403 ok  ok",
    ("POST", "/stock/transfers/<int:transfer_id>/scan-out"):       "in  ok  403 ok  ok",
    ("POST", "/stock/transfers/<int:transfer_id>/send"):           "in  ok  403 ok  ok",
    # own, or the supervisor's own people
    ("GET", "/reports/participants/<int:user_id>"):                "in  ok  403 ok  ok",
    ("GET", "/reports/pipeline"):                                  "in  ok  ok  ok  ok",
    ("GET", "/reports/sales"):                                     "in  ok  ok  ok  ok",
    ("GET", "/reports/sie"):                                       "in  403 403 ok  ok",
    # a student is sent to their own page
    ("GET", "/reports/students"):                                  "in  403 ok  ok  ok",
    ("GET", "/reports/students/<int:user_id>"):                    "in  403 ok  ok  ok",  # the student and managers
    ("GET", "/reports/till"):                                      "in  ok  403 ok  ok",
    ("GET", "/reports/till/<int:z_report_id>"):                    "in  ok  403 ok  ok",
    ("GET", "/static/<path:filename>"):                            "ok  ok  ok  ok  ok",
    ("GET", "/till/"):                                             "in  ok  403 ok  ok",
    ("GET", "/till/<code>"):                                       "in  ok  403 ok  ok",
    ("GET", "/till/<code>/cashier"):                               "in  ok  403 ok  ok",
    ("POST", "/till/<code>/cashier"):                              "in  ok  403 ok  ok",
    ("POST", "/till/<code>/clear"):                                "in  ok  403 ok  ok",
    ("POST", "/till/<code>/language"):                             "in  ok  403 ok  ok",
    ("GET", "/till/<code>/close"):                                 "in  ok  403 ok  ok",
    ("POST", "/till/<code>/close"):                                "in  ok  403 ok  ok",
    ("POST", "/till/<code>/lines/<int:line_id>/discount"):         "in  ok  403 ok  ok",
    ("POST", "/till/<code>/lines/<int:line_id>/remove"):           "in  ok  403 ok  ok",
    ("POST", "/till/<code>/lines/<int:line_id>/undiscount"):       "in  ok  403 ok  ok",
    ("POST", "/till/<code>/manual"):                               "in  ok  403 ok  ok",
    ("POST", "/till/<code>/open"):                                 "in  ok  403 ok  ok",
    ("GET", "/till/<code>/pay"):                                   "in  ok  403 ok  ok",
    ("POST", "/till/<code>/pay"):                                  "in  ok  403 ok  ok",
    ("GET", "/till/<code>/pay/preview"):                           "in  ok  403 ok  ok",
    ("GET", "/till/<code>/receipts"):                              "in  ok  403 ok  ok",
    ("GET", "/till/<code>/receipts/<int:number>"):                 "in  ok  403 ok  ok",
    ("POST", "/till/<code>/receipts/<int:number>/copy"):           "in  ok  403 ok  ok",
    ("GET", "/till/<code>/returns"):                               "in  ok  403 ok  ok",
    ("POST", "/till/<code>/returns/<int:sale_id>"):                "in  ok  403 ok  ok",
    ("POST", "/till/<code>/scan"):                                 "in  ok  403 ok  ok",
    ("GET", "/till/<code>/swish.svg"):                             "in  ok  403 ok  ok",
    ("POST", "/till/<code>/training"):                             "in  ok  403 ok  ok",
    ("POST", "/till/<code>/voucher"):                              "in  ok  403 ok  ok",
    ("GET", "/till/<code>/x"):                                     "in  ok  403 ok  ok",
    ("GET", "/till/<code>/z/<int:number>"):                        "in  ok  403 ok  ok",
    ("GET", "/till/pin"):                                          "in  ok  403 ok  ok",
    ("POST", "/till/pin"):                                         "in  ok  403 ok  ok",
    ("GET", "/vouchers/<code>.pdf"):                               "in  ok  403 ok  ok",
}


# ---- the seeded shop -----------------------------------------------------------------------------


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 60)).save(out, format="PNG")
    return out.getvalue()


class Shop:
    """One seeded database for the module: people of every role, a till with a closed and an open day,
    items, a lot whose team holds the participant and the student, and a lot they are not in."""

    def __init__(self, app):
        self.app, self.ids, self._sessions = app, {}, {}
        users = {}
        for username, role in (("rm-admin", "admin"), ("rm-supervisor", "supervisor"),
                               ("rm-supervisor2", "supervisor"), ("rm-participant", "participant"),
                               ("rm-participant2", "participant"), ("rm-extra", "participant"),
                               ("rm-student", "student"), ("rm-student2", "student")):
            users[username] = create_user(db.session, username=username, role=role, password=PASSWORD,
                                          display_name=username.replace("rm-", "").title())
        users["rm-participant"].supervisor_id = users["rm-supervisor"].id
        users["rm-extra"].supervisor_id = users["rm-supervisor"].id
        create_location(db.session, code="SKH", name="Skärholmen", address=None)
        create_till(db.session, code="SKH-1", location_code="SKH")
        self.tokens = {user.role.value: create_token(db.session, user) for user in users.values()
                       if user.username in ("rm-admin", "rm-supervisor", "rm-participant", "rm-student")}
        db.session.commit()
        self.users = {username: user.id for username, user in users.items()}  # ids outlive the session
        self._seed_through_api(ApiClient(app.test_client(), self.tokens["supervisor"]))
        self._seed_lots()

    def _seed_through_api(self, api: ApiClient) -> None:
        def ok(response, status=200):
            assert response.status_code == status, response.get_data()[:300]
            return response.json

        donation = ok(api.post("/api/v1/donations", json={"source": "drop_off", "location": "SKH"}), 201)
        codes = [item["code"] for item in ok(api.post(f"/api/v1/donations/{donation['id']}/items", json={
            "items": [{"category": "women-dresses"}] * 3 + [{"category": "textiles"}]}), 201)["items"]]
        for code in codes[:3]:
            for step, body in (("wash", {}), ("sort", {"category": "women-dresses", "grade": "shop"}),
                               ("value", {"value_ore": 9000}), ("price", {"price_ore": 9900})):
                ok(api.post(f"/api/v1/items/{code}/{step}", json=body))
        ok(api.post(f"/api/v1/items/{codes[3]}/sort", json={"category": "textiles", "grade": "redesign"}))
        ok(api.post("/api/v1/tills/SKH-1/open", json={"float_ore": 0}), 201)
        ok(api.post("/api/v1/sales", json={"till": "SKH-1", "lines": [{"code": codes[2]}],
                                           "payments": [{"method": "card", "amount_ore": 9900}]}), 201)
        ok(api.post("/api/v1/tills/SKH-1/close", json={"counted_cash_ore": 0}), 201)
        ok(api.post("/api/v1/tills/SKH-1/open", json={"float_ore": 0}), 201)
        self.ids.update(donation_id=donation["id"], item=codes[0], material=codes[3],
                        sale_id=db.session.scalar(select(Sale.id).where(Sale.receipt_number == 1)),
                        z_report_id=db.session.scalar(select(ZReport.id).where(ZReport.z_number == 1)))

    def _seed_lots(self) -> None:
        supervisor = db.session.get(User, self.users["rm-supervisor"])
        for key in ("lot", "other_lot"):
            lot = create_lot(db.session, title=f"Matrix {key}", location_code="SKH", by_user=supervisor)
            step = work.add_step(db.session, lot=lot, text="Cut the panels", by_user=supervisor)
            photo = add_photo(db.session, data=_png(), kind="before", by_user=supervisor, lot=lot)
            db.session.flush()
            self.ids.update({key: lot.id, f"{key}_step": step.id, f"{key}_photo": photo.id})
        lot = db.session.get(ProductionLot, self.ids["lot"])
        for username, role in (("rm-participant", "participant"), ("rm-student", "student"),
                               ("rm-extra", "participant")):
            add_member(db.session, lot=lot, username=username, role=role)
        product = work.create_products(db.session, lot=lot, by_user=supervisor,
                                       products=[work.NewProduct(category="textiles", description="Tote")])[0]
        db.session.flush()
        self.ids["product"] = product.code
        self.ids["extra_member"] = db.session.scalar(select(LotMember.id).where(
            LotMember.lot_id == lot.id, LotMember.user_id == self.users["rm-extra"]))
        db.session.commit()

    # ---- clients ----

    def client(self, role: str, channel: str):
        """``role`` is a role (its rm- user) or a username; ``channel`` token, session or none."""
        if role == "anonymous":
            return self.app.test_client()
        if channel == "token":
            return ApiClient(self.app.test_client(), self.tokens[role])
        if role not in self._sessions:
            client = self.app.test_client()
            username = role if role.startswith("rm-") else f"rm-{role}"
            signed_in = client.post("/login", data={"username": username, "password": PASSWORD})
            assert signed_in.status_code == 302 and "/login" not in signed_in.headers["Location"]
            self._sessions[role] = client
        return self._sessions[role]

    def forget_session(self, role: str) -> None:
        self._sessions.pop(role, None)

    # ---- urls ----

    def value(self, rule: str, name: str):
        ids, users = self.ids, self.users
        if name == "code":
            if rule.startswith(("/till/", "/api/v1/tills/<till>/scan")) and "<code>" in rule:
                return ids["item"] if rule.endswith("scan/<code>") else "SKH-1"
            if rule.startswith("/categories/"):
                return "women-dresses"
            if rule.startswith("/lots/"):
                return ids["product"]
            return ids["item"]
        if name == "user_id":
            if rule.startswith("/reports/students/"):
                return users["rm-student"]
            if rule.startswith(("/reports/participants/", "/people/<int:user_id>/")):
                return users["rm-participant"]  # (the edit page's empty posts change rm-extra's details)
            return users["rm-extra"]
        return {"till": "SKH-1", "lot_id": ids["lot"], "donation_id": ids["donation_id"], "number": 1,
                "step_id": ids["lot_step"], "photo_id": ids["lot_photo"], "member_id": ids["extra_member"],
                "line_id": 1, "sale_id": ids["sale_id"], "z_report_id": ids["z_report_id"],
                "stocktake_id": 1, "transfer_id": 1,
                "filename": "favicon.svg", "username": "rm-extra"}[name]

    def url(self, rule: str) -> str:
        return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(self.value(rule, m.group(1))), rule)


@pytest.fixture(scope="module")
def shop(base_config, _schema):
    app = create_app(base_config)
    with app.app_context():
        _empty_database()
        yield Shop(app)
        db.session.remove()
        db.engine.dispose()


# ---- the matrix ----------------------------------------------------------------------------------


def _cases():
    for (method, rule), row in MATRIX.items():
        expected = dict(zip(ROLES, row.split(), strict=True))
        for role in ROLES:
            channels = ["none"] if role == "anonymous" else ["token", "session"] if rule.startswith("/api/") \
                else ["session"]
            for channel in channels:
                yield pytest.param(role, channel, method, rule, expected[role],
                                   id=f"{role}-{channel}-{method} {rule}")


def test_every_route_is_in_the_matrix(shop):
    routes = {(method, rule.rule) for rule in shop.app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert sorted(routes - set(MATRIX)) == [], "add these routes to MATRIX with the roles that may call them"
    assert sorted(set(MATRIX) - routes) == [], "these MATRIX rows name routes that no longer exist"


@pytest.mark.parametrize(("role", "channel", "method", "rule", "expected"), list(_cases()))
def test_role_matrix(shop, role, channel, method, rule, expected):
    client = shop.client(role, channel)
    body = ({"json": {}} if rule.startswith("/api/") else {"data": {}}) if method == "POST" else {}
    response = client.open(shop.url(rule), method=method, **body) if channel != "token" else \
        client.request(method, shop.url(rule), **body)
    db.session.remove()
    if rule == "/logout":
        shop.forget_session(role)
    status, location = response.status_code, response.headers.get("Location", "")
    to_sign_in = status == 302 and "/login?next=" in location  # the guard's redirect (not /logout's)
    if expected == "ok":
        assert status not in (401, 403) and status < 500 and not to_sign_in, (status, location)
    elif expected == "in":
        assert (status == 401) if rule.startswith("/api/") else to_sign_in, (status, location)
    else:
        assert status == int(expected), (status, location, response.get_data()[:200])


# ---- IDOR: asking by numeric id for what is not yours --------------------------------------------

# (who, channel, method, url with {placeholders} from the shop, what they get). "other_lot" has none of
# the rm- people in its team; "lot" has the participant and the student.
IDOR = [
    ("student", "session", "GET", "/lots/{other_lot}", {403}),
    ("student", "session", "GET", "/lots/{other_lot}/instructions", {403}),
    ("student", "session", "POST", "/lots/{other_lot}/steps/{other_lot_step}/delete", {403}),
    ("student", "session", "POST", "/lots/{lot}/steps/{other_lot_step}/delete", {403, 404}),
    ("student", "session", "GET", "/photos/{other_lot_photo}", {404}),
    ("student", "session", "GET", "/photos/{other_lot_photo}/thumb", {404}),
    ("student", "session", "POST", "/photos/{other_lot_photo}/delete", {404}),
    ("student", "session", "POST", "/photos/lots/{other_lot}", {403}),
    ("student", "session", "GET", "/reports/lots/{other_lot}", {403}),
    ("student", "session", "GET", "/reports/students/{rm-student2}", {403}),
    ("student", "session", "GET", "/reports/participants/{rm-participant}", {403}),
    ("student", "token", "GET", "/api/v1/lots/{other_lot}", {403}),
    ("student", "token", "POST", "/api/v1/lots/{other_lot}/materials", {403}),
    ("student", "token", "POST", "/api/v1/lots/{other_lot}/hours", {403}),
    ("student", "token", "POST", "/api/v1/lots/{other_lot}/photos", {403}),
    ("participant", "session", "GET", "/lots/{other_lot}", {403}),
    ("participant", "session", "POST", "/lots/{other_lot}/edit", {403}),
    ("participant", "session", "GET", "/reports/participants/{rm-participant2}", {403}),
    ("participant", "session", "GET", "/reports/participants/{rm-supervisor}", {403}),
    ("participant", "session", "GET", "/reports/students/{rm-student}", {403}),
    ("participant", "session", "GET", "/people/{rm-supervisor}", {403}),
    ("participant", "session", "POST", "/people/{rm-participant2}", {403}),
    ("participant", "session", "GET", "/labels/badges/{rm-supervisor}.png", {403}),
    ("participant", "token", "GET", "/api/v1/lots/{other_lot}", {403}),
    ("participant", "token", "POST", "/api/v1/lots/{other_lot}/bulk-materials", {403}),
    ("participant", "token", "POST", "/api/v1/lots/{other_lot}/products", {403}),
    ("rm-supervisor2", "session", "GET", "/reports/participants/{rm-participant}", {403}),
    ("supervisor", "session", "GET", "/reports/participants/{rm-participant2}", {403}),
    # a person's details: their own supervisor and admins only
    ("rm-supervisor2", "session", "GET", "/people/{rm-participant}", {403}),
    ("rm-supervisor2", "session", "POST", "/people/{rm-participant}", {403}),
    ("supervisor", "session", "GET", "/people/{rm-participant2}", {403}),
    ("rm-supervisor2", "session", "GET", "/people/{rm-participant}/data", {403}),
    ("rm-supervisor2", "session", "GET", "/people/{rm-participant}/data.zip", {403}),
    ("rm-supervisor2", "session", "POST", "/people/{rm-participant}/erase", {403}),
    ("supervisor", "token", "GET", "/api/v1/users/rm-participant2/data", {403}),
    ("supervisor", "token", "POST", "/api/v1/users/rm-participant2/erase", {403}),
    ("supervisor", "token", "GET", "/api/v1/users/rm-admin/data", {403}),
    # An id nobody has gets the same answer as someone else's: the answer does not tell who exists.
    ("participant", "session", "GET", "/reports/participants/2000000000", {403}),
    ("participant", "session", "GET", "/reports/students/2000000000", {403}),
    ("student", "session", "GET", "/reports/students/2000000000", {403}),
    ("student", "session", "GET", "/reports/participants/2000000000", {403}),
    ("student", "session", "GET", "/lots/2000000000", {403}),
    ("student", "session", "GET", "/lots/2000000000/instructions", {403}),
    ("student", "token", "GET", "/api/v1/lots/2000000000", {403}),
    ("student", "token", "POST", "/api/v1/lots/2000000000/hours", {403}),
    ("participant", "token", "POST", "/api/v1/lots/2000000000/members", {403}),
    ("participant", "session", "GET", "/reports/lots/2000000000", {403}),
    ("student", "session", "GET", "/photos/2000000000", {404}),
    ("student", "session", "GET", "/photos/2000000000/thumb", {404}),
    ("student", "session", "POST", "/photos/2000000000/delete", {404}),
    ("student", "session", "POST", "/photos/lots/2000000000", {403}),
]


def _same_refusal(first, second) -> None:
    """Two answers that must not tell apart what exists: same status, same error body."""
    assert first.status_code == second.status_code == 403, (first.status_code, second.status_code)
    assert first.get_data() == second.get_data()


def test_a_lot_member_cannot_tell_from_hours_which_usernames_exist(shop):
    api = shop.client("student", "token")
    url = f"/api/v1/lots/{shop.ids['lot']}/hours"
    for someone in ("rm-participant", "rm-admin", "RM-Supervisor2 "):
        _same_refusal(api.post(url, json={"day": "2025-03-03", "minutes": 60, "username": someone}),
                      api.post(url, json={"day": "2025-03-03", "minutes": 60, "username": "nobody-by-that-name"}))
    yourself = api.post(url, json={"day": "2025-03-03", "minutes": 0, "username": "RM-Student"})
    assert yourself.status_code == 200
    page = shop.client("student", "session")
    answers = [page.post(f"/lots/{shop.ids['lot']}/hours", data={"person": person, "day": "2025-03-03", "hours": "1"})
               for person in (shop.users["rm-participant"], shop.users["rm-admin"], 2_000_000_000)]
    assert [a.status_code for a in answers] == [403, 403, 403]
    db.session.remove()


def test_someone_who_sees_only_their_own_lots_cannot_tell_which_lots_exist(shop):
    api = shop.client("participant", "token")
    _same_refusal(api.get(f"/api/v1/lots/{shop.ids['other_lot']}"), api.get("/api/v1/lots/2000000000"))
    _same_refusal(api.post(f"/api/v1/lots/{shop.ids['other_lot']}/status", json={"status": "done"}),
                  api.post("/api/v1/lots/2000000000/status", json={"status": "done"}))
    page = shop.client("student", "session")
    answers = [page.get(f"/photos/{photo}").status_code for photo in (shop.ids["other_lot_photo"], 2000000000)]
    assert answers == [404, 404]  # a photo you may not see is, to you, no photo
    db.session.remove()


@pytest.mark.parametrize(("who", "channel", "method", "url", "expected"),
                         [pytest.param(*case, id=f"{case[0]}-{case[1]}-{case[2]} {case[3]}") for case in IDOR])
def test_asking_by_id_for_what_is_not_yours_is_refused(shop, who, channel, method, url, expected):
    values = {**shop.ids, **shop.users}
    target = re.sub(r"{([\w-]+)}", lambda m: str(values[m.group(1)]), url)
    body = ({"json": {}} if url.startswith("/api/") else {"data": {}}) if method == "POST" else {}
    client = shop.client(who, channel)
    response = client.request(method, target, **body) if channel == "token" else \
        client.open(target, method=method, **body)
    db.session.remove()
    assert response.status_code in expected, (target, response.status_code)


def test_a_student_lists_only_their_own_lots_and_sees_no_usernames(shop):
    api = shop.client("student", "token")
    listed = {lot["id"] for lot in api.get("/api/v1/lots").json}
    assert shop.ids["lot"] in listed and shop.ids["other_lot"] not in listed
    members = api.get(f"/api/v1/lots/{shop.ids['lot']}").json["members"]
    assert members and all("username" not in member for member in members)
    history = api.get(f"/api/v1/items/{shop.ids['item']}").json["history"]
    assert history and not any(entry["by"] and entry["by"].startswith("rm-") for entry in history)
    db.session.remove()


# ---- tokens -------------------------------------------------------------------------------------


def _token_for(username: str) -> str:
    token = create_token(db.session, db.session.scalar(select(User).where(User.username == username)))
    db.session.commit()
    return token


def test_a_revoked_token_gets_401_everywhere(shop):
    token = _token_for("rm-participant2")
    api = ApiClient(shop.app.test_client(), token)
    assert api.get("/api/v1/locations").status_code == 200
    revoke_token(db.session, token)
    db.session.commit()
    for url in ("/api/v1/locations", "/api/v1/items", "/till/"):
        response = api.get(url)
        assert response.status_code == 401, url
    assert api.post("/api/v1/donations", json={}).json["error"]["code"] == "unauthorized"
    db.session.remove()


def test_a_deactivated_persons_token_gets_401(shop):
    token = _token_for("rm-student2")
    api = ApiClient(shop.app.test_client(), token)
    assert api.get("/api/v1/lots").status_code == 200
    set_active(db.session, db.session.scalar(select(User).where(User.username == "rm-student2")), active=False)
    db.session.commit()
    assert api.get("/api/v1/lots").status_code == 401
    db.session.remove()


@pytest.mark.parametrize("header", ["Bearer nf_not-a-real-token", "Bearer ", "Basic cm0tYWRtaW46eA==",
                                    "Bearer " + "x" * 300])
def test_a_made_up_or_malformed_token_gets_401(shop, header):
    response = shop.app.test_client().get("/api/v1/locations", headers={"Authorization": header})
    assert response.status_code == 401 and response.json["error"]["code"] == "unauthorized"


def test_a_token_speaks_for_its_own_person_not_the_signed_in_one(shop):
    """A browser signed in as a supervisor that sends a student's token is the student."""
    client = shop.client("supervisor", "session")
    assert client.get("/api/v1/users").status_code == 200
    as_student = client.get("/api/v1/users", headers={"Authorization": f"Bearer {shop.tokens['student']}"})
    assert as_student.status_code == 403
    db.session.remove()
