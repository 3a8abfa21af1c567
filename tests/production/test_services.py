"""Lots, access, materials, products, hours and instructions against the real database."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from boutique.core import clock
from boutique.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from boutique.extensions import db
from boutique.items.models import Grade, ItemEvent, ItemStatus
from boutique.production import services, work
from boutique.production.models import InstructionStep, LotMaterial, LotMember, LotRole, LotStatus
from boutique.production.queries import lot_story, lot_that_consumed, lots_for, provenance_for


def _events(item, event=None):
    query = select(ItemEvent).where(ItemEvent.item_id == item.id)
    if event:
        query = query.where(ItemEvent.event == event)
    return list(db.session.scalars(query.order_by(ItemEvent.id)))


# ---- lots and access -------------------------------------------------------------------------

def test_new_lot_is_planned_with_normalised_tags(make_lot):
    lot = make_lot(tags="Tilet, indigo;  Folk   Embroidery, tilet", inspiration="Eritrean tilet borders")
    assert lot.status == LotStatus.planned
    assert [t.tag for t in lot.tags] == ["folk embroidery", "indigo", "tilet"]


def test_participant_who_starts_a_lot_joins_its_team(make_lot, make_user):
    amira = make_user("participant")
    lot = make_lot(by_user=amira)
    assert services.membership(db.session, amira, lot).role == LotRole.participant


def test_student_cannot_start_a_lot(make_lot, make_user):
    with pytest.raises(Forbidden):
        make_lot(by_user=make_user("student"))


def test_end_date_before_start_is_refused(make_lot):
    with pytest.raises(InvalidInput):
        make_lot(starts_on=date(2026, 3, 10), ends_on=date(2026, 3, 1))


def test_members_see_and_work_in_their_lot_others_are_refused(make_lot, make_user, supervisor):
    student, outsider = make_user("student"), make_user("student")
    lot = make_lot(members={student: "student"})
    services.check_lot_access(db.session, student, lot, write=True)
    services.check_lot_access(db.session, supervisor, lot, manage=True)
    with pytest.raises(Forbidden):
        services.check_lot_access(db.session, outsider, lot)
    with pytest.raises(Forbidden):
        services.check_lot_access(db.session, student, lot, manage=True)


def test_students_list_only_their_lots_supervisors_all(make_lot, make_user, supervisor):
    student = make_user("student")
    mine = make_lot("Mine", members={student: "student"})
    make_lot("Not mine")
    assert [s.lot.id for s in lots_for(db.session, student)] == [mine.id]
    assert len(lots_for(db.session, supervisor)) == 2


def test_a_student_joins_a_lot_as_a_student_only(make_lot, make_user):
    lot = make_lot()
    with pytest.raises(InvalidInput):
        services.add_member(db.session, lot=lot, user=make_user("student"), role="supervisor")


def test_adding_a_member_twice_changes_the_role(make_lot, make_user):
    person = make_user("participant")
    lot = make_lot(members={person: "participant"})
    member, created = services.add_member(db.session, lot=lot, user=person, role="supervisor")
    assert not created and member.role == LotRole.supervisor
    assert db.session.scalar(select(func.count(LotMember.id)).where(LotMember.lot_id == lot.id)) == 1


def test_lot_status_moves_forward_records_dates_and_can_reopen(make_lot):
    lot = make_lot()
    with pytest.raises(Conflict):
        services.change_lot_status(db.session, lot=lot, status="done")
    services.change_lot_status(db.session, lot=lot, status="in_production")
    assert lot.started_at is not None
    services.change_lot_status(db.session, lot=lot, status="done")
    assert lot.finished_at is not None
    services.change_lot_status(db.session, lot=lot, status="in_production")
    assert lot.finished_at is None


def test_unknown_lot_is_not_found(app):
    with pytest.raises(NotFound):
        services.get_lot(db.session, 424242)
    with pytest.raises(NotFound):
        services.get_lot(db.session, 10**30)


# ---- materials -------------------------------------------------------------------------------

def test_consuming_material_records_the_lot_in_the_history(make_lot, make_material, supervisor):
    lot = make_lot()
    shawl, dress = make_material(), make_material()
    used = work.consume_materials(db.session, lot=lot, codes=[shawl.code, f" {dress.code}\n", shawl.code],
                                  by_user=supervisor)
    db.session.commit()
    assert [i.code for i in used] == [shawl.code, dress.code]
    assert shawl.status == ItemStatus.consumed
    event = _events(shawl, "consumed")[0]
    assert event.details["lot_id"] == lot.id and event.details["lot_title"] == lot.title
    assert [e.event for e in _events(shawl)] == ["received", "consumed"]  # the history is kept
    assert lot_that_consumed(db.session, shawl).id == lot.id


def test_one_item_not_material_refuses_the_whole_list_and_changes_nothing(make_lot, make_material, make_item,
                                                                         supervisor):
    lot = make_lot()
    material = make_material()
    on_sale = make_item("for_sale")
    with pytest.raises(Conflict) as refused:
        work.consume_materials(db.session, lot=lot, codes=[material.code, on_sale.code], by_user=supervisor)
    assert refused.value.details["codes"] == [on_sale.code]
    db.session.rollback()
    assert db.session.get(type(material), material.id).status == ItemStatus.material
    assert _events(material, "consumed") == []
    assert db.session.scalar(select(func.count(LotMaterial.id))) == 0


def test_unknown_code_refuses_the_whole_list(make_lot, make_material, supervisor):
    from boutique.items.codes import item_code

    lot = make_lot()
    material = make_material()
    with pytest.raises(NotFound):
        work.consume_materials(db.session, lot=lot, codes=[material.code, item_code(99_999)], by_user=supervisor)
    db.session.rollback()
    assert db.session.get(type(material), material.id).status == ItemStatus.material


def test_a_garment_is_consumed_by_one_lot_only(make_lot, make_material, supervisor):
    first, second = make_lot("First"), make_lot("Second")
    jacket = make_material()
    work.consume_materials(db.session, lot=first, codes=[jacket.code], by_user=supervisor)
    db.session.commit()
    with pytest.raises(Conflict):
        work.consume_materials(db.session, lot=second, codes=[jacket.code], by_user=supervisor)
    db.session.rollback()
    assert len(_events(jacket, "consumed")) == 1


def test_a_done_lot_takes_no_more_material(make_lot, make_material, supervisor):
    lot = make_lot()
    services.change_lot_status(db.session, lot=lot, status="in_production")
    services.change_lot_status(db.session, lot=lot, status="done")
    with pytest.raises(Conflict):
        work.consume_materials(db.session, lot=lot, codes=[make_material().code], by_user=supervisor)


def test_bulk_material_needs_a_fibre_and_positive_grams(make_lot, supervisor):
    lot = make_lot()
    work.add_bulk_material(db.session, lot=lot, fibre="wool", weight_grams=1250, by_user=supervisor)
    for fibre, grams in (("", 100), ("wool", 0), ("wool", -5), ("wool", True)):
        with pytest.raises(InvalidInput):
            work.add_bulk_material(db.session, lot=lot, fibre=fibre, weight_grams=grams, by_user=supervisor)
    assert lot_story(db.session, lot).bulk_grams == 1250


def test_bulk_material_is_dated_by_the_shop_clock(make_lot, supervisor, monkeypatch):
    # The impact report counts bulk material in the period it was used; the demo sets the clock back.
    lot = make_lot()
    moment = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: moment)
    row = work.add_bulk_material(db.session, lot=lot, fibre="wool", weight_grams=500, by_user=supervisor)
    assert row.at == moment


# ---- products and provenance -----------------------------------------------------------------

def test_products_are_sorted_shop_items_of_the_lot_credited_to_participants_and_students(
        make_lot, make_user, make_material, supervisor):
    amira = make_user("participant", display_name="Amira")
    elsa = make_user("student", display_name="Elsa Berg")
    lot = make_lot(members={amira: "participant", elsa: "student", make_user("supervisor"): "supervisor"})
    shawl = make_material()
    work.consume_materials(db.session, lot=lot, codes=[shawl.code], by_user=amira)
    [bag] = work.create_products(db.session, lot=lot, by_user=amira, products=[
        work.NewProduct(category="bags", description="Tote with tilet border", materials=[shawl.code])])
    db.session.commit()
    assert (bag.status, bag.grade, bag.lot_id, bag.location_id) == (ItemStatus.sorted, Grade.shop, lot.id,
                                                                      lot.location_id)
    assert bag.code.startswith("29")
    assert [e.event for e in _events(bag)] == ["sorted"]
    provenance = provenance_for(db.session, bag)
    assert provenance.lot_title == "Tilet borders"
    assert provenance.makers == ["Amira", "Elsa Berg"]
    assert provenance.materials == [shawl.code]
    assert provenance.label_text == "Redesign: Tilet borders · Amira, Elsa Berg"


def test_named_makers_must_be_in_the_team(make_lot, make_user, supervisor):
    amira = make_user("participant")
    lot = make_lot(members={amira: "participant"})
    [item] = work.create_products(db.session, lot=lot, by_user=supervisor,
                                  products=[work.NewProduct(category="bags", makers=[amira.username])])
    assert provenance_for(db.session, item).makers == [amira.display_name]
    with pytest.raises(InvalidInput):
        work.create_products(db.session, lot=lot, by_user=supervisor,
                             products=[work.NewProduct(category="bags", makers=[make_user("participant").username])])


def test_product_materials_must_come_from_this_lot(make_lot, make_material, supervisor):
    lot, other = make_lot("One"), make_lot("Other")
    elsewhere = make_material()
    work.consume_materials(db.session, lot=other, codes=[elsewhere.code], by_user=supervisor)
    with pytest.raises(InvalidInput):
        work.create_products(db.session, lot=lot, by_user=supervisor,
                             products=[work.NewProduct(category="bags", materials=[elsewhere.code])])


def test_unknown_category_creates_no_product(make_lot, supervisor):
    lot = make_lot()
    with pytest.raises(InvalidInput):
        work.create_products(db.session, lot=lot, by_user=supervisor,
                             products=[work.NewProduct(category="bags"), work.NewProduct(category="nonsense")])
    db.session.rollback()
    assert lot_story(db.session, lot).products == []


def test_product_can_be_markdown_exempt_or_keep_a_floor_price(make_lot, supervisor):
    lot = make_lot()
    [item] = work.create_products(db.session, lot=lot, by_user=supervisor,
                                  products=[work.NewProduct(category="bags", markdown_exempt=True)])
    assert item.markdown_exempt
    work.set_product_rules(db.session, lot=lot, product=item, markdown_exempt=False, floor_price_ore=15000)
    assert (item.markdown_exempt, item.floor_price_ore) == (False, 15000)
    with pytest.raises(InvalidInput):
        work.set_product_rules(db.session, lot=lot, product=item, markdown_exempt=False, floor_price_ore=0)


def test_provenance_is_none_for_an_ordinary_item(make_item):
    assert provenance_for(db.session, make_item()) is None


# ---- hours -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "minutes"), [
    ("2,5", 150), ("2.5", 150), ("2:30", 150), ("3", 180), ("0,25", 15), ("1,33", 80), ("24", 1440), ("0", 0),
])
def test_hours_are_read_as_people_type_them(text, minutes):
    assert work.parse_hours(text) == minutes


@pytest.mark.parametrize("text", ["", "two", "-1", "25", "2,555", "1e2", "٢٥", "2:75", "24,5"])
def test_nonsense_hours_are_refused(text):
    with pytest.raises(InvalidInput):
        work.parse_hours(text)


def test_hours_per_day_replace_the_days_entry_and_zero_removes_it(make_lot, make_user, supervisor):
    amira = make_user("participant")
    lot = make_lot(members={amira: "participant"})
    day = date(2026, 3, 2)
    work.log_hours(db.session, lot=lot, person=amira, day=day, minutes=120, by_user=amira)
    work.log_hours(db.session, lot=lot, person=amira, day=day, minutes=150, by_user=supervisor)
    work.log_hours(db.session, lot=lot, person=amira, day=date(2026, 3, 3), minutes=60, by_user=amira)
    story = lot_story(db.session, lot)
    assert story.total_minutes == 210
    assert story.recent_hours[-1].entered_by_id == supervisor.id
    work.log_hours(db.session, lot=lot, person=amira, day=day, minutes=0, by_user=amira)
    assert lot_story(db.session, lot).total_minutes == 60


def test_hours_only_for_team_members(make_lot, make_user, supervisor):
    lot = make_lot()
    with pytest.raises(InvalidInput):
        work.log_hours(db.session, lot=lot, person=make_user("participant"), day=date(2026, 3, 2), minutes=60,
                       by_user=supervisor)


# ---- instructions ----------------------------------------------------------------------------

def test_steps_keep_their_order_and_can_move(make_lot, supervisor):
    lot = make_lot()
    first = work.add_step(db.session, lot=lot, text="Unpick the border", by_user=supervisor)
    second = work.add_step(db.session, lot=lot, text="Cut the canvas", by_user=supervisor)
    work.move_step(db.session, step=second, up=True)
    assert [s.id for s in lot_story(db.session, lot).steps] == [second.id, first.id]
    work.delete_step(db.session, step=first)
    assert db.session.scalar(select(func.count(InstructionStep.id))) == 1
    with pytest.raises(InvalidInput):
        work.add_step(db.session, lot=lot, text="   ", by_user=supervisor)
