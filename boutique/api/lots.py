"""Production lots (API.md "Production lots"): lots, team, materials, products, plus hours and photos.
Their request and answer shapes: api/lot_shapes.py."""

from datetime import datetime

from flask import jsonify, request, url_for
from flask_login import current_user

from boutique.api import bp
from boutique.api.common import created, parse_body
from boutique.api.docs import api_doc
from boutique.api.items import ItemsOut, item_json
from boutique.api.lot_shapes import (
    PHOTO_UPLOAD,
    BulkIn,
    BulkOut,
    HoursIn,
    LotBriefOut,
    LotIn,
    LotOut,
    MaterialOut,
    MaterialsIn,
    MemberIn,
    MemberOut,
    PhotoOut,
    ProductOut,
    ProductsIn,
    StatusIn,
)
from boutique.auth.services import get_user, normalise_username
from boutique.core import clock
from boutique.core.errors import InvalidInput
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.items.models import Item
from boutique.photos.services import add_photo, photos_of, read_upload
from boutique.production import services, work
from boutique.production.models import LotStatus, ProductionLot
from boutique.production.queries import history_of, lot_story, lots_for
from boutique.web.access import EVERYONE, STAFF, allow
from boutique.web.view_transactions import reads_only

TAG = "production"
LOT_ERRORS = {403, 404}


# ---- serializers -----------------------------------------------------------------------------

def _at(moment: datetime | None) -> str | None:
    return clock.local(moment).isoformat() if moment else None


def _items_json(items: list[Item]) -> list[dict]:
    histories = history_of(db.session, items)
    return [item_json(item, histories[item.id]) for item in items]


def _photo_out(photo) -> PhotoOut:
    return PhotoOut(id=photo.id, kind=photo.kind.value, url=url_for("photos.full", photo_id=photo.id),
                    thumb_url=url_for("photos.thumb", photo_id=photo.id), content_type=photo.content_type,
                    width=photo.width, height=photo.height)


def _member_out(member) -> MemberOut:
    if current_user.role == Role.student:
        return MemberOut(display_name=member.user.display_name, role=member.role)
    return MemberOut(username=member.user.username, display_name=member.user.display_name, role=member.role)


def _lot_json(lot: ProductionLot) -> dict:
    story = lot_story(db.session, lot)
    return LotOut(
        id=lot.id, title=lot.title, concept=lot.concept, inspiration=lot.inspiration,
        tags=[t.tag for t in lot.tags], location=lot.location.code, status=lot.status, starts_on=lot.starts_on,
        ends_on=lot.ends_on, started_at=_at(lot.started_at), finished_at=_at(lot.finished_at),
        members=[_member_out(m) for m in story.members],
        materials=[MaterialOut(code=m.code, category=m.category.code, description=m.description, fibre=m.fibre,
                               colour=m.colour, weight_grams=m.weight_grams) for m in story.materials],
        bulk_materials=[BulkOut(fibre=b.fibre, weight_grams=b.weight_grams, description=b.description)
                        for b in story.bulk],
        products=[_product_out(p, story.provenance.get(p.id)) for p in story.products],
        hours_minutes=story.total_minutes,
        photos=[_photo_out(p) for p in photos_of(db.session, lot=lot)],
    ).model_dump(mode="json", exclude_unset=True)  # exclude_unset: a student's view has no usernames


def _product_out(item: Item, provenance) -> ProductOut:
    return ProductOut(code=item.code, status=item.status.value, category=item.category.code,
                      description=item.description, value_ore=item.value_ore, price_ore=item.price_ore,
                      markdown_exempt=item.markdown_exempt, floor_price_ore=item.floor_price_ore,
                      makers=provenance.makers if provenance else [],
                      materials=provenance.materials if provenance else [])


def _lot(lot_id: int, *, manage: bool = False, write: bool = False) -> ProductionLot:
    return services.get_lot_for(db.session, current_user, lot_id, write=write, manage=manage)


# ---- routes ----------------------------------------------------------------------------------

@bp.get("/lots")
@allow(EVERYONE)
@reads_only
@api_doc(summary="Lots you can see (supervisors: all; others: their own)", tag=TAG,
         responses={200: list[LotBriefOut]}, errors={422},
         query={"status": {"schema": {"type": "string", "enum": [s.value for s in LotStatus]}}})
def list_lots():
    status = request.args.get("status") or None
    if status is not None and status not in LotStatus.__members__:
        raise InvalidInput(f"status: one of {', '.join(LotStatus)}", code="validation_failed")
    return jsonify([
        LotBriefOut(id=s.lot.id, title=s.lot.title, location=s.lot.location.code, status=s.lot.status,
                    tags=[t.tag for t in s.lot.tags], members=s.members, products=s.products,
                    materials=s.materials).model_dump(mode="json")
        for s in lots_for(db.session, current_user, status=LotStatus(status) if status else None)
    ])


@bp.post("/lots")
@allow(STAFF)
@api_doc(summary="Start a production lot", tag=TAG, body=LotIn, responses={201: LotOut}, errors={404})
def create_lot():
    body = parse_body(LotIn)
    lot = services.create_lot(db.session, title=body.title, concept=body.concept, location_code=body.location,
                              inspiration=body.inspiration, tags=body.tags, starts_on=body.starts_on,
                              ends_on=body.ends_on, by_user=current_user)
    db.session.commit()
    return created(_lot_json(lot))


@bp.get("/lots/<int:lot_id>")
@allow(EVERYONE)
@reads_only
@api_doc(summary="A lot with its team, materials, products (status, price) and photos", tag=TAG,
         responses={200: LotOut}, errors=LOT_ERRORS)
def get_lot(lot_id: int):
    return jsonify(_lot_json(_lot(lot_id)))


@bp.post("/lots/<int:lot_id>/members")
@allow(EVERYONE)
@api_doc(summary="Add someone to the lot's team (or change their role)", tag=TAG, body=MemberIn,
         responses={201: MemberOut, 200: MemberOut}, errors=LOT_ERRORS)
def add_member(lot_id: int):
    lot = _lot(lot_id, manage=True)
    body = parse_body(MemberIn)
    member, is_new = services.add_member(db.session, lot=lot, username=body.username, role=body.role)
    db.session.commit()
    payload = _member_out(member).model_dump(mode="json", exclude_unset=True)
    return created(payload) if is_new else jsonify(payload)


@bp.post("/lots/<int:lot_id>/materials")
@allow(EVERYONE)
@api_doc(summary="Consume material items (all `material`, or 409 and nothing changes)", tag=TAG,
         body=MaterialsIn, responses={200: ItemsOut}, errors=LOT_ERRORS | {409})
def consume(lot_id: int):
    lot = _lot(lot_id, write=True)
    body = parse_body(MaterialsIn)
    items = work.consume_materials(db.session, lot=lot, codes=body.codes, by_user=current_user)
    db.session.commit()
    return jsonify({"items": _items_json(items)})


@bp.post("/lots/<int:lot_id>/bulk-materials")
@allow(EVERYONE)
@api_doc(summary="Record bulk material used by weight and fibre", tag=TAG, body=BulkIn,
         responses={201: BulkOut}, errors=LOT_ERRORS | {409})
def add_bulk(lot_id: int):
    lot = _lot(lot_id, write=True)
    body = parse_body(BulkIn)
    row = work.add_bulk_material(db.session, lot=lot, fibre=body.fibre, weight_grams=body.weight_grams,
                                 description=body.description, by_user=current_user)
    db.session.commit()
    return created(BulkOut(fibre=row.fibre, weight_grams=row.weight_grams,
                           description=row.description).model_dump())


@bp.post("/lots/<int:lot_id>/products")
@allow(EVERYONE)
@api_doc(summary="Create the lot's products as new items (sorted, grade shop, lot_id set)", tag=TAG,
         body=ProductsIn, responses={201: ItemsOut}, errors=LOT_ERRORS | {409})
def create_products(lot_id: int):
    lot = _lot(lot_id, write=True)
    body = parse_body(ProductsIn)
    items = work.create_products(db.session, lot=lot, by_user=current_user, products=[
        work.NewProduct(category=p.category, description=p.description, makers=p.makers, materials=p.materials,
                        markdown_exempt=p.markdown_exempt, floor_price_ore=p.floor_price_ore)
        for p in body.items])
    db.session.commit()
    return created({"items": _items_json(items)})


@bp.post("/lots/<int:lot_id>/status")
@allow(EVERYONE)
@api_doc(summary="Move a lot: planned → in_production → done (or reopen)", tag=TAG, body=StatusIn,
         responses={200: LotOut}, errors=LOT_ERRORS | {409})
def change_status(lot_id: int):
    lot = _lot(lot_id, manage=True)
    body = parse_body(StatusIn)
    services.change_lot_status(db.session, lot=lot, status=body.status)
    db.session.commit()
    return jsonify(_lot_json(lot))


@bp.post("/lots/<int:lot_id>/hours")
@allow(EVERYONE)
@api_doc(summary="Log a member's minutes on a day (replaces that day's entry; 0 removes it)", tag=TAG,
         body=HoursIn, responses={200: {"type": "object", "properties": {"hours_minutes": {"type": "integer"}}}},
         errors=LOT_ERRORS)
def log_hours(lot_id: int):
    lot = _lot(lot_id, write=True)
    body = parse_body(HoursIn)
    person = current_user
    if body.username and normalise_username(body.username) != current_user.username:
        # Someone else's hours are a supervisor's to enter: asked before the name is looked up, so a
        # member cannot tell from 403 or 404 which usernames exist.
        services.check_lot_access(db.session, current_user, lot, manage=True)
        person = get_user(db.session, body.username)
    work.log_hours(db.session, lot=lot, person=person, day=body.day, minutes=body.minutes, by_user=current_user)
    db.session.commit()
    return jsonify({"hours_minutes": lot_story(db.session, lot).total_minutes})


@bp.post("/lots/<int:lot_id>/photos")
@allow(EVERYONE)
@api_doc(summary="Upload a before/after photo (multipart: photo, kind); JPEG, PNG or WebP", tag=TAG,
         body=PHOTO_UPLOAD, responses={201: PhotoOut}, errors=LOT_ERRORS | {400, 413, 422, 503})
def upload_photo(lot_id: int):
    lot = _lot(lot_id, write=True)
    upload = request.files.get("photo")
    data = read_upload(upload.stream) if upload else b""
    photo = add_photo(db.session, data=data, kind=request.form.get("kind", "before"), lot=lot,
                      by_user=current_user, caption=request.form.get("caption"))
    db.session.commit()
    return created(_photo_out(photo).model_dump(mode="json"))
