"""The production demo: lots in every status at both places, with teams, material, hours and products."""

from sqlalchemy import func, select

from boutique.demo import DemoContext, people, places
from boutique.demo import production as production_demo
from boutique.extensions import db
from boutique.items.models import ItemEvent, ItemStatus
from boutique.photos.models import Photo
from boutique.production.models import LotHours, LotStatus, ProductionLot
from boutique.production.queries import lot_story, provenance_for


def test_demo_lots_tell_whole_stories(app):
    context = DemoContext()
    for step in (places.load, people.load, production_demo.load):
        step(db.session, context)
    db.session.commit()
    lots = list(db.session.scalars(select(ProductionLot)))
    assert {(lot.location.code, lot.status) for lot in lots} == {
        (code, status) for code in ("SKH", "HUS") for status in LotStatus}
    done = next(lot for lot in lots if lot.status == LotStatus.done and lot.location.code == "SKH")
    story = lot_story(db.session, done)
    assert story.materials and story.bulk and story.steps and story.total_minutes > 0
    assert all(item.status == ItemStatus.for_sale for item in story.products)
    assert provenance_for(db.session, story.products[0]).makers
    assert db.session.scalar(select(func.count(ItemEvent.id)).where(ItemEvent.event == "consumed")) >= 10
    assert db.session.scalar(select(func.count(LotHours.id))) > 10
    assert db.session.scalar(select(func.count(Photo.id))) > 0
