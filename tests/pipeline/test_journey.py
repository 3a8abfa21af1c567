"""One donation through unpack → wash → sort → value → price, each step by a different person."""

from boutique.api.items import item_json
from boutique.catalog.services import get_category
from boutique.donations.services import receive_donation, unpack
from boutique.pipeline import services


def test_item_history_lists_every_step_with_who_did_it(session, make_user, make_location):
    skh = make_location("SKH")
    names = ["amira", "selam", "fatima", "hodan", "zahra", "karin"]
    people = {name: make_user("participant", username=name) for name in names}
    donation = receive_donation(session, source="collection", location=skh, by_user_id=people["amira"].id,
                                weight_grams=8200, bags=3)
    (item,) = unpack(session, donation=donation, by_user_id=people["amira"].id,
                     items=[(get_category(session, "women-knitwear"), "Stickad tröja, röd ሹራብ")])
    services.wash_items(session, items=[item], by_user_id=people["selam"].id, location_id=skh.id, program="Ull",
                        temperature_c=30)
    services.sort_item(session, item=item, category=get_category(session, "women-knitwear"), grade="shop",
                       colour="röd", size="M", brand="Gudrun Sjödén", condition=4, by_user_id=people["fatima"].id)
    services.value_item(session, item=item, value_ore=19900, by_user_id=people["hodan"].id)
    services.price_item(session, item=item, price_ore=17900, by_user_id=people["zahra"].id)
    services.price_item(session, item=item, price_ore=14900, by_user_id=people["karin"].id)
    session.commit()
    session.expire_all()

    history = item_json(item)["history"]
    assert [(h["event"], h["by"]) for h in history] == [
        ("received", "amira"), ("washed", "selam"), ("sorted", "fatima"), ("valued", "hodan"),
        ("priced", "zahra"), ("repriced", "karin")]
    assert [h["status"] for h in history] == ["received", "washed", "sorted", "valued", "for_sale", "for_sale"]
    assert all(h["at"].endswith(("+01:00", "+02:00")) for h in history)
    assert history[0]["details"] == {"donation_id": donation.id}
    assert item.description == "Stickad tröja, röd ሹራብ"
    assert (item.status.value, item.price_ore, item.first_price_ore, item.donation_id) == (
        "for_sale", 14900, 17900, donation.id)
