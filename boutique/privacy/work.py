"""The work a person did: pipeline steps, lots, hours, products credited to them and photos they took.
Each section is a report Table (reports/tables.py), so its rows are a page, a CSV and JSON alike."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import Result, func, select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core import clock
from boutique.core.periods import EARLIEST, Period
from boutique.donations.models import Donation
from boutique.donations.views import source_name
from boutique.items.labels import event_name, grade_name, status_name
from boutique.items.models import Item, ItemEvent
from boutique.labels.models import LabelPrint
from boutique.photos.forms import KIND_LABELS
from boutique.photos.models import Photo
from boutique.pipeline.models import BulkWeighOut, WashLoad, wash_load_items
from boutique.places.models import Location
from boutique.production.labels import LOT_ROLE_LABELS, LOT_STATUS_LABELS
from boutique.production.models import (
    BulkMaterial,
    InstructionStep,
    LotHours,
    LotMaterial,
    LotMember,
    ProductionLot,
    ProductMaker,
)
from boutique.reports.queries.participants import RECORD_COLUMNS, work_per_week
from boutique.web.tables import Column, Table

WHEN = Column("at", _l("When"), "datetime")
ITEM = Column("item", _l("Item"))
LOT = Column("lot", _l("Lot"))


def as_rows(result: Result) -> list[dict]:
    """A select's rows as dicts, times shown in Stockholm time (with their offset in CSV and JSON)."""
    return [{key: clock.local(value) if hasattr(value, "tzinfo") and value.tzinfo else value
             for key, value in row.items()} for row in result.mappings()]


def record(session: Session, person: User) -> Table:
    weeks = work_per_week(session, person=person, period=Period(EARLIEST, clock.sales_day(clock.now())))
    for week in weeks:
        week["hours"] = round(week.pop("minutes") / 60, 1)
    # Short headings: eleven columns must fit a tablet held upright.
    labels = {"unpacked": _l("Unpacked"), "washed": _l("Washed"), "sorted": _l("Sorted"), "valued": _l("Valued"),
              "priced": _l("Priced"), "used_in_lots": _l("Used as material"), "sold_items": _l("Items sold"),
              "receipts": _l("Receipts"), "lots": _l("Lots")}
    columns = [Column("week", _l("Week of"), "date"),
               *(Column(key, labels[key], "int") for key in RECORD_COLUMNS if key != "minutes"),
               Column("hours", _l("Hours"), "days")]
    return Table("work_per_week", _l("Work per week"), columns, weeks)


def item_events(session: Session, person: User) -> Table:
    rows = session.execute(select(ItemEvent.at, Item.code.label("item"), ItemEvent.event,
                                  ItemEvent.to_status.label("status"))
                           .join(Item, Item.id == ItemEvent.item_id)
                           .where(ItemEvent.by_user_id == person.id).order_by(ItemEvent.at, ItemEvent.id))
    return Table("item_events", _l("Steps in items' histories"),
                 [WHEN, ITEM, Column("event", _l("Step")), Column("status", _l("Status after"))],
                 [{**row, "event": event_name(row["event"]), "status": status_name(row["status"])}
                  for row in as_rows(rows)])


def donations(session: Session, person: User) -> Table:
    rows = session.execute(select(Donation.id, Donation.received_at.label("at"), Donation.source,
                                  Location.code.label("location"), Donation.weight_grams, Donation.bags)
                           .join(Location, Location.id == Donation.location_id)
                           .where(Donation.received_by_id == person.id).order_by(Donation.received_at))
    return Table("donations_received", _l("Donations received"),
                 [Column("id", _l("Donation"), "int"), WHEN, Column("source", _l("Source")),
                  Column("location", _l("Location")), Column("weight_grams", _l("Weight"), "grams"),
                  Column("bags", _l("Bags"), "int")],
                 [{**row, "source": source_name(row["source"])} for row in as_rows(rows)])


def wash_loads(session: Session, person: User) -> Table:
    items = select(func.count()).where(wash_load_items.c.wash_load_id == WashLoad.id).scalar_subquery()
    rows = session.execute(select(WashLoad.washed_at.label("at"), WashLoad.program, WashLoad.temperature_c,
                                  items.label("items"))
                           .where(WashLoad.by_user_id == person.id).order_by(WashLoad.washed_at))
    return Table("wash_loads", _l("Wash loads"),
                 [WHEN, Column("program", _l("Programme")), Column("temperature_c", _l("°C"), "int"),
                  Column("items", _l("Items"), "int")], as_rows(rows))


def weigh_outs(session: Session, person: User) -> Table:
    rows = session.execute(select(BulkWeighOut.at, BulkWeighOut.grade, BulkWeighOut.fibre, BulkWeighOut.grams)
                           .where(BulkWeighOut.by_user_id == person.id).order_by(BulkWeighOut.at))
    return Table("weigh_outs", _l("Weigh-outs"),
                 [WHEN, Column("grade", _l("Grade")), Column("fibre", _l("Fibre")),
                  Column("grams", _l("Weight"), "grams")],
                 [{**row, "grade": grade_name(row["grade"])} for row in as_rows(rows)])


def labels(session: Session, person: User) -> Table:
    rows = session.execute(select(LabelPrint.printed_at.label("at"), Item.code.label("item"), LabelPrint.price_ore)
                           .join(Item, Item.id == LabelPrint.item_id)
                           .where(LabelPrint.by_user_id == person.id).order_by(LabelPrint.printed_at))
    return Table("labels_printed", _l("Labels printed"), [WHEN, ITEM, Column("price_ore", _l("Price"), "ore")],
                 as_rows(rows))


def lots(session: Session, person: User) -> Table:
    rows = session.execute(select(ProductionLot.id, ProductionLot.title.label("lot"), LotMember.role,
                                  ProductionLot.status)
                           .join(LotMember, LotMember.lot_id == ProductionLot.id)
                           .where(LotMember.user_id == person.id).order_by(ProductionLot.id))
    return Table("lots", _l("Lots in whose team they are"),
                 [Column("id", _l("Lot"), "int"), Column("lot", _l("Title")), Column("role", _l("Role in the lot")),
                  Column("status", _l("Status"))],
                 [{**row, "role": str(LOT_ROLE_LABELS[row["role"]]), "status": str(LOT_STATUS_LABELS[row["status"]])}
                  for row in as_rows(rows)])


def hours(session: Session, person: User) -> Table:
    rows = session.execute(select(LotHours.day, ProductionLot.title.label("lot"), LotHours.minutes)
                           .join(ProductionLot, ProductionLot.id == LotHours.lot_id)
                           .where(LotHours.user_id == person.id).order_by(LotHours.day))
    return Table("hours", _l("Hours worked in lots"),
                 [Column("day", _l("Day"), "date"), LOT, Column("minutes", _l("Minutes"), "int")], as_rows(rows))


def lot_work(session: Session, person: User) -> Table:
    """Lots created, materials consumed, bulk material recorded and instruction steps written."""
    sources = [
        (ProductionLot.created_at, ProductionLot.title, _l("started the lot"), ProductionLot.id,
         ProductionLot.created_by_id),
        (LotMaterial.at, Item.code, _l("used as material"), LotMaterial.lot_id, LotMaterial.by_user_id),
        (BulkMaterial.at, BulkMaterial.fibre, _l("bulk material recorded"), BulkMaterial.lot_id,
         BulkMaterial.by_user_id),
        (InstructionStep.created_at, InstructionStep.text, _l("instruction step written"), InstructionStep.lot_id,
         InstructionStep.by_user_id),
    ]
    rows = []
    for at, what, kind, lot_id, by in sources:
        query = select(at.label("at"), what.label("what"), lot_id.label("lot_id")).where(by == person.id)
        if what is Item.code:
            query = query.join(Item, Item.id == LotMaterial.item_id)
        rows += [{**row, "kind": str(kind)} for row in as_rows(session.execute(query))]
    rows.sort(key=lambda row: row["at"])
    return Table("lot_work", _l("Work in lots"),
                 [WHEN, Column("kind", _l("What")), Column("what", _l("Details")), Column("lot_id", _l("Lot"), "int")],
                 rows)


def products(session: Session, person: User) -> Table:
    rows = session.execute(select(Item.code.label("item"), Item.description, ProductionLot.title.label("lot"),
                                  Item.status)
                           .join(ProductMaker, ProductMaker.item_id == Item.id)
                           .join(ProductionLot, ProductionLot.id == Item.lot_id)
                           .where(ProductMaker.user_id == person.id).order_by(Item.id))
    return Table("products_made", _l("Products credited to them"),
                 [ITEM, Column("description", _l("Product")), LOT, Column("status", _l("Status"))],
                 [{**row, "status": status_name(row["status"])} for row in as_rows(rows)])


def photos(session: Session, person: User) -> Table:
    rows = session.execute(select(Photo.id, Photo.created_at.label("at"), Photo.kind, Photo.lot_id,
                                  Item.code.label("item"), Photo.step_id, Photo.caption, Photo.filename)
                           .outerjoin(Item, Item.id == Photo.item_id)
                           .where(Photo.uploaded_by_id == person.id).order_by(Photo.id))
    return Table("photos", _l("Photos they took"),
                 [Column("id", _l("Photo"), "int"), WHEN, Column("kind", _l("Kind")), Column("of", _l("Of")),
                  Column("caption", _l("Caption")), Column("file", _l("File in the download"))],
                 [{"id": row["id"], "at": row["at"], "kind": str(KIND_LABELS[row["kind"]]), "caption": row["caption"],
                   "of": _photo_owner(row), "file": photo_file(row["id"], row["filename"]),
                   "filename": row["filename"]} for row in as_rows(rows)])


def _photo_owner(row: dict) -> str:
    if row["lot_id"]:
        return str(_l("Lot %(id)s", id=row["lot_id"]))
    if row["item"]:
        return str(_l("Item %(code)s", code=row["item"]))
    return str(_l("Instruction step %(id)s", id=row["step_id"]))


def photo_file(photo_id: int, filename: str) -> str:
    """Where a photo lies in the download: ``photos/photo-12.jpg``."""
    return f"photos/photo-{photo_id}{filename[filename.rfind('.'):]}"
