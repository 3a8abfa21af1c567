"""The demo story leaves something in every queue and items in every stage."""

from sqlalchemy import func, select

from boutique.demo import DemoContext
from boutique.demo import people as demo_people
from boutique.demo import pipeline as demo_pipeline
from boutique.demo import places as demo_places
from boutique.donations.models import Donation
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.pipeline.models import BulkWeighOut, WashLoad
from boutique.pipeline.queries import queue_counts
from boutique.pricing.markdown import item_shelf_price


def test_demo_fills_every_queue_and_stage(session):
    context = DemoContext()
    for step in (demo_places, demo_people, demo_pipeline):
        step.load(session, context)
    session.commit()
    counts = queue_counts(session)
    assert all(counts[key] > 0 for key in ("wash", "sort", "value", "price")), counts
    statuses = dict(session.execute(select(Item.status, func.count(Item.id)).group_by(Item.status)).all())
    for status in ("received", "washed", "sorted", "valued", "for_sale", "material", "recycled", "discarded"):
        assert statuses.get(ItemStatus(status), 0) > 0, status
    assert 150 < sum(statuses.values()) < 600
    sources = set(session.scalars(select(Donation.source)))
    assert {s.value for s in sources} == {"collection", "drop_off", "pickup"}
    assert session.scalar(select(func.count(WashLoad.id))) > 5
    assert session.scalar(select(func.count(BulkWeighOut.id))) > 5
    assert session.scalar(select(func.count(func.distinct(ItemEvent.by_user_id)))) >= 4
    on_sale = session.scalars(select(Item).where(Item.status == ItemStatus.for_sale)).all()
    assert any(item_shelf_price(item).is_marked_down for item in on_sale)
    assert not any(item_shelf_price(item).is_marked_down for item in on_sale
                   if item_shelf_price(item).days_on_shelf < 14)
