"""Schemathesis fuzzes every operation of /api/v1/openapi.json in-process, as a supervisor with a bearer
token, against a real database with a little seeded data: no 500s, and every response (status, content
type, body, headers) is what the document says. A scripted day through the API checks the answers the
fuzzer seldom reaches (a sale, a return, a Z-report)."""

import io

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import strategies as st
from PIL import Image
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from boutique import create_app
from boutique.auth.services import create_token, create_user
from boutique.extensions import db
from boutique.places.services import create_location, create_till
from tests.conftest import ApiClient, _empty_database

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]
# Per operation, shared by the positive and negative (schema-breaking) modes. Derandomised, so every run
# sends the same calls; no deadline, since the first call of an operation warms caches.
MAX_EXAMPLES = 30
FUZZ_SETTINGS = hypothesis.settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                                    suppress_health_check=list(HealthCheck))


def _load_schema():
    """The document as the server serves it. It is built from the routes alone, so an app without a
    database serves it at collection time; the calls go to the test database's app (``app=`` below)."""
    document_app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "fuzz-document"})
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", document_app)
    loaded.config.generation.update(with_security_parameters=False)  # the token is sent by the test
    return loaded


schema = _load_schema()
OPERATIONS = sorted((method.upper(), path) for path, item in schema.raw_schema["paths"].items() for method in item)


class DocumentedApi:
    """Calls the API like a client and holds every answer to the document: a documented status, and a
    body, content type and headers that fit what the document says for it."""

    def __init__(self, api: ApiClient):
        self.api, self.answered = api, set()

    def __call__(self, method: str, template: str, status: int, *, json=None, headers=None, data=None, query=None,
                 **params):
        response = self.api.request(method, template.format(**params), json=json, headers=headers, data=data,
                                    query_string=query)
        assert response.status_code == status, (method, template, response.status_code, response.get_data()[:300])
        operation = schema[template][method]
        assert str(status) in operation.definition.raw["responses"], f"{method} {template}: {status} undocumented"
        operation.validate_response(response)
        self.answered.add((method, template))
        return response.json


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def _seed(app) -> dict:
    """People, places, and through the API itself: items in every status, an open till, a sold item
    (receipt 1 of SKH-2) and a lot with a participant in its team."""
    supervisor = create_user(db.session, username="fuzz-supervisor", role="supervisor", password="fuzz password")
    for role in ("participant", "student"):
        create_user(db.session, username=f"fuzz-{role}", role=role, password="fuzz password")
    for code, name in (("SKH", "Skärholmen"), ("HUS", "Husby")):
        create_location(db.session, code=code, name=name, address=None)
    for till, location in (("SKH-1", "SKH"), ("SKH-2", "SKH"), ("HUS-1", "HUS")):
        create_till(db.session, code=till, location_code=location)
    token = create_token(db.session, supervisor)
    db.session.commit()
    call = DocumentedApi(ApiClient(app.test_client(), token))
    donation = call("POST", "/api/v1/donations", 201, json={"source": "collection", "location": "SKH"})
    codes = [item["code"] for item in call("POST", "/api/v1/donations/{donation_id}/items", 201,
                                           donation_id=donation["id"],
                                           json={"items": [{"category": "women-dresses"}] * 7})["items"]]
    steps = [("wash", {}), ("sort", {"category": "women-dresses", "grade": "shop"}), ("value", {"value_ore": 9000}),
             ("price", {"price_ore": 9900})]
    # received, washed, sorted, valued, for sale, for sale (sold below), material (sorted below)
    for code, done in zip(codes, (0, 1, 2, 3, 4, 4), strict=False):
        for step, body in steps[:done]:
            call("POST", f"/api/v1/items/{{code}}/{step}", 200, code=code, json=body)
    call("POST", "/api/v1/items/{code}/sort", 200, code=codes[6], json={"category": "textiles", "grade": "redesign"})
    call("POST", "/api/v1/tills/{till}/open", 201, till="SKH-2", json={"float_ore": 0})
    call("POST", "/api/v1/sales", 201, json={"till": "SKH-2", "lines": [{"code": codes[5]}],
                                              "payments": [{"method": "card", "amount_ore": 9900}]})
    call("POST", "/api/v1/tills/{till}/open", 201, till="SKH-1", json={"float_ore": 50000})
    lot = call("POST", "/api/v1/lots", 201, json={"title": "Fuzzed lot", "location": "SKH"})
    call("POST", "/api/v1/lots/{lot_id}/members", 201, lot_id=lot["id"],
         json={"username": "fuzz-participant", "role": "participant"})
    return {"token": token, "real": {
        "code": st.sampled_from(codes), "codes": st.lists(st.sampled_from(codes), min_size=1, max_size=3),
        "category": st.sampled_from(["women-dresses", "accessories", "textiles"]),
        "location": st.sampled_from(["SKH", "HUS"]), "till": st.sampled_from(["SKH-1", "SKH-2", "HUS-1"]),
        "username": st.sampled_from(["fuzz-participant", "fuzz-student", "fuzz-supervisor"]),
        "lot_id": st.just(lot["id"]), "donation_id": st.just(donation["id"]), "number": st.just(1),
        "original": st.just({"till": "SKH-2", "receipt_number": 1}),
        "payments": st.just([{"method": "cash", "amount_ore": 1_000_000}]),
    }}


@pytest.fixture(scope="module")
def shop(base_config, _schema):
    """One app and one seeded database for the whole module (the fuzzer's writes pile up, as in a shop)."""
    app = create_app(base_config)
    with app.app_context():
        _empty_database()
        seeded = _seed(app)
        db.session.remove()
        yield app, seeded
        db.session.remove()
        db.engine.dispose()


def _steer(value, data, real: dict) -> None:
    """Swap, each by a coin toss, fields named like a real thing (category, till, codes, ...) for a real
    one, so generated calls get past "unknown category" into the services; the rest stays generated."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in real and inner is not None and data.draw(st.booleans(), label=f"real {key}"):
                value[key] = data.draw(real[key], label=key)
            else:
                _steer(inner, data, real)
    elif isinstance(value, list):
        for inner in value:
            _steer(inner, data, real)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api_conforms_to_its_document(method, path, shop):
    app, seeded = shop
    operation = schema[path][method]
    modes = [GenerationMode.POSITIVE]
    if operation.body or any(True for _ in operation.iter_parameters()):
        modes.append(GenerationMode.NEGATIVE)  # bodies and parameters that break the documented schema
    cases = st.one_of(*(operation.as_strategy(generation_mode=mode) for mode in modes))

    @FUZZ_SETTINGS
    @hypothesis.given(case=cases, data=st.data())
    def fuzz(case, data):
        _steer(case.path_parameters, data, seeded["real"])
        _steer(case.body, data, seeded["real"])
        try:
            case.call_and_validate(app=app, headers={"Authorization": f"Bearer {seeded['token']}"}, checks=CHECKS)
        finally:
            db.session.remove()  # the test shares the app context with the calls: end their transaction

    fuzz()


def _count_and_move(call, dress: str, scarf: str) -> None:
    """A count of Husby's dresses (the scarf, not priced, found among them) and a transfer to Skärholmen
    on which the scarf goes missing."""
    count = call("POST", "/api/v1/stocktakes", 201, json={"location": "HUS", "category": "women-dresses"})
    for code in (dress, scarf):
        call("POST", "/api/v1/stocktakes/{stocktake_id}/scan", 200, stocktake_id=count["id"], json={"code": code})
    for step in ("pause", "resume", "finish"):
        count = call("POST", f"/api/v1/stocktakes/{{stocktake_id}}/{step}", 200, stocktake_id=count["id"])
    call("POST", "/api/v1/stocktakes/{stocktake_id}/lines/{line_id}/settle", 200, stocktake_id=count["id"],
         line_id=count["unexpected_lines"][0]["id"], json={"choice": "back_to_step", "reason": "To pricing"})
    call("GET", "/api/v1/stocktakes/{stocktake_id}", 200, stocktake_id=count["id"])
    call("GET", "/api/v1/stocktakes/report", 200, query={"location": "HUS", "day": count["finished_at"][:10]})
    transfer = call("POST", "/api/v1/transfers", 201, json={"from": "HUS", "to": "SKH", "note": "Jul"})
    for code in (dress, scarf):
        call("POST", "/api/v1/transfers/{transfer_id}/scan-out", 200, transfer_id=transfer["id"], json={"code": code})
    call("POST", "/api/v1/transfers/{transfer_id}/send", 200, transfer_id=transfer["id"])
    call("POST", "/api/v1/transfers/{transfer_id}/scan-in", 200, transfer_id=transfer["id"], json={"code": dress})
    transfer = call("POST", "/api/v1/transfers/{transfer_id}/finish", 200, transfer_id=transfer["id"])
    call("POST", "/api/v1/transfers/{transfer_id}/lines/{line_id}/settle", 200, transfer_id=transfer["id"],
         line_id=transfer["missing_lines"][0]["id"], json={"choice": "returned", "reason": "Left in Husby"})
    call("GET", "/api/v1/transfers/{transfer_id}", 200, transfer_id=transfer["id"])


def test_a_whole_day_through_the_api_answers_as_documented(shop):
    """One donation from the door to a sale, a return, the Z-report and the SIE file, and one lot from
    materials to products and photos: every operation in the document answers once as documented."""
    app, seeded = shop
    create_till(db.session, code="HUS-9", location_code="HUS")  # a till the fuzzer never saw
    db.session.commit()
    call = DocumentedApi(ApiClient(app.test_client(), seeded["token"]))
    donation = call("POST", "/api/v1/donations", 201, json={"source": "drop_off", "location": "HUS",
                                                            "weight_grams": 4000, "bags": 1})
    call("GET", "/api/v1/donations/{donation_id}", 200, donation_id=donation["id"])
    unpacked = call("POST", "/api/v1/donations/{donation_id}/items", 201, donation_id=donation["id"],
                    json={"items": [{"category": "women-dresses", "description": "Linen dress"},
                                    {"category": "textiles"}, {"category": "accessories"}]})
    dress, cloth, scarf = (item["code"] for item in unpacked["items"])
    call("POST", "/api/v1/items/{code}/wash", 200, code=dress, json={"program": "30", "temperature_c": 30})
    call("POST", "/api/v1/wash-loads", 201, json={"codes": [cloth], "program": "40"})
    call("POST", "/api/v1/items/{code}/skip-wash", 200, code=scarf, json={"reason": "accessory"})
    call("POST", "/api/v1/items/{code}/sort", 200, code=dress, json={"category": "women-dresses", "grade": "shop",
                                                                     "condition": 4, "brand": "Filippa K"})
    call("POST", "/api/v1/items/{code}/sort", 200, code=cloth, json={"category": "textiles", "grade": "redesign"})
    call("GET", "/api/v1/items/{code}/suggestion", 200, code=dress)
    call("POST", "/api/v1/items/{code}/value", 200, code=dress, json={"value_ore": 15000})
    call("POST", "/api/v1/items/{code}/price", 200, code=dress, json={"price_ore": 14950})
    call("GET", "/api/v1/items/{code}", 200, code=dress)
    call("GET", "/api/v1/items", 200)
    call("POST", "/api/v1/tills/{till}/open", 201, till="HUS-9", json={"float_ore": 50000})
    call("GET", "/api/v1/tills/{till}/scan/{code}", 200, till="HUS-9", code=dress)
    sale = {"till": "HUS-9", "lines": [{"code": dress}, {"description": "Button tin", "category": "interior",
                                                         "price_ore": 2000, "discount": {"percent": 10,
                                                                                         "reason": "dent"}}],
            "payments": [{"method": "card", "amount_ore": 5000}, {"method": "cash", "amount_ore": 20000}]}
    receipt = call("POST", "/api/v1/sales", 201, json=sale, headers={"Idempotency-Key": "walk-1"})
    assert call("POST", "/api/v1/sales", 201, json=sale, headers={"Idempotency-Key": "walk-1"}) == receipt
    call("GET", "/api/v1/tills/{till}/receipts/{number}", 200, till="HUS-9", number=receipt["receipt_number"])
    call("POST", "/api/v1/returns", 201, json={"till": "HUS-9", "original": {
        "till": "HUS-9", "receipt_number": receipt["receipt_number"]}, "codes": [dress], "refund_method": "cash"})
    gift = call("POST", "/api/v1/sales", 201, json={"till": "HUS-9", "lines": [{"voucher_ore": 30000}],
                                                    "payments": [{"method": "card", "amount_ore": 30000}]})
    voucher = gift["vouchers"][0]["code"]
    call("POST", "/api/v1/sales", 201, json={
        "till": "HUS-9", "lines": [{"description": "Button tin", "category": "interior", "price_ore": 2000}],
        "payments": [{"method": "voucher", "code": voucher, "amount_ore": 2000}]})
    call("GET", "/api/v1/vouchers/{code}", 200, code=voucher)
    call("GET", "/api/v1/tills/{till}/x", 200, till="HUS-9")
    call("POST", "/api/v1/tills/{till}/close", 201, till="HUS-9", json={"counted_cash_ore": 50000,
                                                                          "note": "Counted twice"})
    call("GET", "/api/v1/exports/sie", 200)
    _count_and_move(call, dress, scarf)
    lot = call("POST", "/api/v1/lots", 201, json={"title": "Tote bags", "location": "HUS", "tags": ["tilet"]})
    call("POST", "/api/v1/lots/{lot_id}/members", 201, lot_id=lot["id"],
         json={"username": "fuzz-participant", "role": "participant"})
    call("POST", "/api/v1/lots/{lot_id}/materials", 200, lot_id=lot["id"], json={"codes": [cloth]})
    call("POST", "/api/v1/lots/{lot_id}/bulk-materials", 201, lot_id=lot["id"],
         json={"fibre": "cotton", "weight_grams": 800})
    call("POST", "/api/v1/lots/{lot_id}/status", 200, lot_id=lot["id"], json={"status": "in_production"})
    call("POST", "/api/v1/lots/{lot_id}/hours", 200, lot_id=lot["id"],
         json={"day": "2025-03-03", "minutes": 150, "username": "fuzz-participant"})
    call("POST", "/api/v1/lots/{lot_id}/products", 201, lot_id=lot["id"],
         json={"items": [{"category": "textiles", "description": "Tote", "materials": [cloth]}]})
    call("POST", "/api/v1/lots/{lot_id}/photos", 201, lot_id=lot["id"],
         data={"photo": (io.BytesIO(_png()), "before.png"), "kind": "before"})
    call("GET", "/api/v1/lots/{lot_id}", 200, lot_id=lot["id"])
    call("GET", "/api/v1/lots", 200)
    for read in ("/api/v1/reports/sales", "/api/v1/reports/impact", "/api/v1/locations", "/api/v1/categories",
                 "/api/v1/users", "/api/v1/health"):
        call("GET", read, 200)
    call("POST", "/api/v1/users", 201, json={"username": "walk-student-7f3a", "role": "student",
                                              "password": "long enough pw"})
    call("GET", "/api/v1/me/data", 200)
    call("GET", "/api/v1/users/{username}/data", 200, username="walk-student-7f3a")
    call("POST", "/api/v1/users/{username}/erase", 200, username="walk-student-7f3a",
         json={"confirm": "walk-student-7f3a"})
    assert set(OPERATIONS) - call.answered == set(), "add a successful call of each new operation to this walk"
