"""Lot pages: who sees what, and the forms that do the work."""

from datetime import date

from sqlalchemy import select

from boutique.extensions import db
from boutique.items.models import Item, ItemStatus
from boutique.production.models import LotHours, ProductionLot
from tests.conftest import login


def test_lot_list_shows_a_student_only_their_lots(client, make_lot, make_user):
    student = make_user("student")
    make_lot("Somali patterns", members={student: "student"})
    make_lot("Secret other lot")
    login(client, student)
    page = client.get("/lots/").get_data(as_text=True)
    assert "Somali patterns" in page and "Secret other lot" not in page
    assert "1 i teamet" in page and "0 material" in page and "0 produkter" in page


def test_one_hour_of_work_is_singular(client, make_lot, supervisor, session):
    from boutique.production.queries import hours_count, hours_text

    assert (hours_text(60), hours_count(60)) == ("1", 1)
    assert (hours_text(90), hours_count(90)) == ("1,5", 2) and hours_count(120) == 2


def test_lot_page_403_for_a_student_outside_the_team(client, make_lot, make_user):
    lot = make_lot()
    login(client, make_user("student"))
    assert client.get(f"/lots/{lot.id}").status_code == 403
    assert client.get(f"/lots/{lot.id}/instructions").status_code == 403
    assert client.post(f"/lots/{lot.id}/edit", data={"title": "Mine now", "location": "SKH"}).status_code == 403
    assert client.get("/lots/99999").status_code == 403  # no such lot: the same answer as not yours


def test_student_member_sees_makers_by_display_name_only(client, make_lot, make_user):
    student = make_user("student", username="elsa", display_name="Elsa Berg")
    amira = make_user("participant", username="amira.h", display_name="Amira")
    amira.contact = "070-123 45 67"
    db.session.commit()
    lot = make_lot(members={student: "student", amira: "participant"})
    login(client, student)
    assert client.post(f"/lots/{lot.id}/products", data={"category": "bags", "quantity": "1"}).status_code == 303
    page = client.get(f"/lots/{lot.id}").get_data(as_text=True)
    assert "Amira" in page and "Elsa Berg" in page
    assert "amira.h" not in page and "070-123" not in page
    code = db.session.scalar(select(Item.code).where(Item.lot_id == lot.id))
    product_page = client.get(f"/lots/{lot.id}/products/{code}").get_data(as_text=True)
    assert "Amira" in product_page and "amira.h" not in product_page


def test_student_member_can_edit_the_story(client, make_lot, make_user):
    student = make_user("student")
    lot = make_lot(members={student: "student"})
    login(client, student)
    response = client.post(f"/lots/{lot.id}/edit", data={
        "title": "Tilet borders", "location": "SKH", "inspiration": "Borders of Eritrean netsela",
        "tags": "tilet, netsela"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(ProductionLot, lot.id).inspiration == "Borders of Eritrean netsela"


def test_start_a_lot_from_the_form(client, login_as, make_location):
    make_location()
    login_as("supervisor")
    response = client.post("/lots/new", data={"title": "Dalarna stitches", "location": "SKH",
                                               "tags": "folk embroidery", "starts_on": "2026-03-01"})
    assert response.status_code == 302
    lot = db.session.scalar(select(ProductionLot))
    assert lot.title == "Dalarna stitches" and lot.starts_on == date(2026, 3, 1)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Dalarna stitches" in page and "folk embroidery" in page


def test_scanning_codes_uses_them_all_or_none(client, make_lot, make_material, make_item, supervisor):
    lot = make_lot()
    first, second, on_sale = make_material(), make_material(), make_item("for_sale")
    login(client, supervisor)
    client.post(f"/lots/{lot.id}/materials", data={"codes": f"{first.code}\n{on_sale.code}\n"})
    db.session.expire_all()
    assert first.status == ItemStatus.material
    client.post(f"/lots/{lot.id}/materials", data={"codes": f"{first.code}\r\n{second.code}\r\n"})
    db.session.expire_all()
    assert first.status == second.status == ItemStatus.consumed
    page = client.get(f"/lots/{lot.id}").get_data(as_text=True)
    assert first.code in page


def test_hours_with_a_decimal_comma_are_stored_as_minutes(client, make_lot, make_user):
    amira = make_user("participant")
    lot = make_lot(members={amira: "participant"})
    login(client, amira)
    client.post(f"/lots/{lot.id}/hours", data={"person": amira.id, "day": "2026-03-02", "hours": "2,5"})
    assert db.session.scalar(select(LotHours.minutes)) == 150


def test_participant_cannot_log_hours_for_someone_else_a_supervisor_can(app, client, make_lot, make_user,
                                                                        supervisor):
    amira, hodan = make_user("participant"), make_user("participant")
    lot = make_lot(members={amira: "participant", hodan: "participant"})
    login(client, amira)
    data = {"person": hodan.id, "day": "2026-03-02", "hours": "3"}
    assert client.post(f"/lots/{lot.id}/hours", data=data).status_code == 403
    boss = app.test_client()
    login(boss, supervisor)
    boss.post(f"/lots/{lot.id}/hours", data=data)
    row = db.session.scalar(select(LotHours))
    assert (row.user_id, row.minutes, row.entered_by_id) == (hodan.id, 180, supervisor.id)


def test_bad_hours_show_an_error_in_swedish(client, make_lot, make_user):
    amira = make_user("participant", language="sv")
    lot = make_lot(members={amira: "participant"})
    login(client, amira)
    page = client.post(f"/lots/{lot.id}/hours", data={"person": amira.id, "day": "2026-03-02", "hours": "lots"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Skriv timmar som 2,5 eller 2:30." in page
    assert db.session.scalar(select(LotHours)) is None


def test_floor_price_is_set_on_the_product_page(client, make_lot, supervisor):
    lot = make_lot()
    login(client, supervisor)
    client.post(f"/lots/{lot.id}/products", data={"category": "bags", "quantity": "2", "description": "Tote"})
    items = list(db.session.scalars(select(Item).where(Item.lot_id == lot.id)))
    assert len(items) == 2
    response = client.post(f"/lots/{lot.id}/products/{items[0].code}/rules", data={"floor_price": "150,00"})
    assert response.status_code == 303
    db.session.expire_all()
    assert items[0].floor_price_ore == 15000 and not items[0].markdown_exempt


def test_instructions_page_is_printable_and_steps_can_be_added(client, make_lot, supervisor):
    lot = make_lot()
    login(client, supervisor)
    client.post(f"/lots/{lot.id}/steps", data={"text": "Unpick the tilet border carefully"})
    page = client.get(f"/lots/{lot.id}/instructions").get_data(as_text=True)
    assert "Unpick the tilet border carefully" in page
    assert "production.css" in page


def test_supervisor_adds_a_member_and_moves_the_lot_on(client, make_lot, make_user, supervisor):
    lot = make_lot()
    hodan = make_user("participant", display_name="Hodan")
    login(client, supervisor)
    client.post(f"/lots/{lot.id}/members", data={"user_id": hodan.id, "role": "participant"})
    client.post(f"/lots/{lot.id}/status", data={"status": "in_production"})
    db.session.expire_all()
    assert lot.status.value == "in_production" and [m.user_id for m in lot.members] == [hodan.id]


def test_a_step_with_a_photo_shows_on_the_instructions(client, make_lot, supervisor):
    import io

    from PIL import Image

    lot = make_lot()
    login(client, supervisor)
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(picture, "JPEG")
    client.post(f"/lots/{lot.id}/steps", data={"text": "Pin the border", "photo": (io.BytesIO(picture.getvalue()),
                                                                                     "step.jpg", "image/jpeg")},
                content_type="multipart/form-data")
    from boutique.photos.models import Photo

    photo = db.session.scalar(select(Photo))
    assert photo.kind.value == "step" and photo.step_id is not None
    assert f"/photos/{photo.id}" in client.get(f"/lots/{lot.id}/instructions").get_data(as_text=True)
