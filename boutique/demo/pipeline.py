"""Demo donations of every kind at Skärholmen and Husby over eight weeks, with items in every stage.

Steps go through the real services with the clock set to each step's simulated time, so queues,
markdowns (some prices are weeks old) and people's work histories look lived in.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from boutique.catalog.services import get_category
from boutique.core import clock
from boutique.donations.models import DonationSource
from boutique.donations.services import receive_donation, set_unpacked, unpack
from boutique.items.models import Grade, Item
from boutique.pipeline import services
from boutique.pipeline.valuation import suggest_value
from boutique.reports.queries.weights import typical_by_category

WEEKS = 8
GUIDE_PRICES = {"women": 12900, "men": 12900, "children": 6900, "accessories": 8900, "textiles": 7900,
                "interior": 9900, "women-jackets": 29900, "men-suits": 34900, "bags": 14900}
CATEGORY_WEIGHTS = {
    "women-dresses": 8, "women-tops": 9, "women-knitwear": 6, "women-trousers": 5, "women-skirts": 4,
    "women-jackets": 4, "men-shirts": 6, "men-tshirts": 4, "men-knitwear": 3, "men-trousers": 4, "men-jackets": 3,
    "men-suits": 2, "children-tops": 4, "children-trousers": 3, "children-outerwear": 3, "baby": 3, "bags": 3,
    "scarves": 3, "belts": 1, "hats": 2, "jewellery": 1, "shoes": 4, "bed-linen": 2, "tablecloths": 2,
    "curtains": 1, "towels": 2, "fabric": 1, "cushions": 1, "lamps": 1, "tableware": 2, "decor": 1,
}
NO_WASH = {"shoes": "Skor", "bags": "Väska, torkas av", "jewellery": "Smycke", "belts": "Skärp",
           "lamps": "Inredning", "tableware": "Diskas i stället", "decor": "Inredning"}
# What people write when they unpack, per category: a description always fits the category it is in.
DESCRIPTIONS = {
    "women-dresses": ["Blommig sommarklänning", "Svart festklänning", "Tunika", "فستان سهرة أزرق", "ቀሚስ ጸሊም"],
    "women-tops": ["Blus med volang", "Randig topp", "Sidenblus"],
    "women-knitwear": ["Stickad kofta i ull", "Mohairtröja", "Polotröja"],
    "women-trousers": ["Linnebyxor", "Jeans, hög midja", "Vida byxor"],
    "women-skirts": ["Kjol i manchester", "Plisserad kjol", "Jeanskjol"],
    "women-jackets": ["Rock i kamelull", "Jeansjacka", "Vinterjacka"],
    "men-shirts": ["Randig skjorta", "Flanellskjorta", "قميص قطني مخطط"],
    "men-tshirts": ["T-shirt med tryck", "Vit t-shirt", "Pikétröja"],
    "men-knitwear": ["Islandströja", "Stickad väst", "Ylletröja"],
    "men-trousers": ["Chinos", "Svarta jeans", "Manchesterbyxor"],
    "men-jackets": ["Vinterjacka", "Regnjacka", "Jeansjacka"],
    "men-suits": ["Kostymkavaj", "Kostym, grå", "Tweedkavaj"],
    "children-tops": ["Barntröja med tryck", "Randig barntröja"],
    "children-trousers": ["Barnjeans", "Mjukisbyxor"],
    "children-outerwear": ["Barnoverall", "Vinteroverall", "ናይ ቆልዑ ጃኬት"],
    "baby": ["Body, tre stycken", "Sparkdräkt"],
    "bags": ["Handväska i läder", "Tygkasse", "Ryggsäck"],
    "scarves": ["Sidenscarf", "Yllehalsduk", "وشاح حريري", "ሻርፕ ናይ ጥጥ"],
    "belts": ["Skärp i läder", "Flätat bälte"],
    "hats": ["Yllemössa", "Halmhatt", "Keps"],
    "jewellery": ["Halsband med pärlor", "Silverarmband", "Örhängen"],
    "shoes": ["Gummistövlar", "Sandaler", "Kängor i läder"],
    "bed-linen": ["Påslakan, blåvitt", "Örngott, två stycken", "Lakan i linne"],
    "tablecloths": ["Duk med broderi", "Linneduk", "Löpare"],
    "curtains": ["Gardinlängder, två", "Kökshandduk och kappa"],
    "towels": ["Badlakan", "Handdukar, tre stycken"],
    "fabric": ["Tygstycke, 2 m", "Bomullstyg med mönster"],
    "cushions": ["Kuddfodral i lin", "Mormorsrutig kudde"],
    "lamps": ["Bordslampa", "Lampskärm i tyg"],
    "tableware": ["Kaffekoppar, fyra stycken", "Glasskål", "Tallrikar, sex stycken"],
    "decor": ["Ljusstake i mässing", "Vas", "Tavla med ram"],
}
COLOURS = ["svart", "vit", "blå", "röd", "grön", "grå", "beige", "rosa", "brun", "flerfärgad", "gul"]
BRANDS = ["H&M", "Lindex", "KappAhl", "Filippa K", "Acne Studios", "Marimekko", "Gudrun Sjödén",
          "Polarn O. Pyret", "Dagmar", "Whyred"]
FIBRES = ["bomull", "ull", "lin", "polyester", "viskos", "blandat", "siden"]
SIZES = {"women": ["XS", "S", "M", "L", "XL", "36", "38", "40", "42"], "men": ["S", "M", "L", "XL", "48", "50", "52"],
         "children": ["74", "86", "92", "104", "116", "128", "140"]}
GRADES = [(Grade.shop, 62), (Grade.redesign, 12), (Grade.repair, 4), (Grade.recycle, 14), (Grade.discard, 8)]
PROGRAMS = [("Kulört", 40), ("Fintvätt", 30), ("Ull", 30), ("Vittvätt", 60), ("Handtvätt", None)]
NOTES = ["Två kassar vid dörren", "Container vid Husby torg", "Hämtat hos Stadsmissionens partner",
         "Dödsbo, mycket linne", "Barnkläder från förskolan", None, None, None]


class _Story:
    """Shared state while the demo is written: random source, people and the simulated clock."""

    def __init__(self, session: Session, context):
        self.session = session
        self.rng = random.Random(context.seed)  # noqa: S311  # nosec B311  # repeatable demo data, not secrets
        self.participants = [u for name, u in context.users.items() if name.startswith("deltagare")]
        self.supervisors = [u for name, u in context.users.items() if name.startswith("handledare")]
        self.locations = context.locations
        self.now = clock.now()
        self.loose: list[tuple[str, datetime, int]] = []  # (location, unpacked at, grams of loose goods)

    def who(self, supervisors: bool = False) -> int | None:
        people = (self.supervisors if supervisors and self.supervisors else self.participants) or self.supervisors
        return self.rng.choice(people).id if people else None

    @contextmanager
    def at(self, moment: datetime) -> Iterator[None]:
        """Run the services as if it were ``moment`` (never later than the real now)."""
        real = clock.now
        clock.now = lambda: min(moment, self.now)
        try:
            yield
        finally:
            clock.now = real


def _set_guide_prices(session: Session) -> None:
    for code, price in GUIDE_PRICES.items():
        get_category(session, code).guide_price_ore = price
    # Children's clothes are outgrown fast: an earlier, steeper ladder than the shop default.
    get_category(session, "children").markdown_ladder = [[14, 25], [28, 50]]
    for code in ("children-tops", "children-trousers", "children-outerwear", "children-dresses", "baby"):
        get_category(session, code).markdown_ladder = [[14, 25], [28, 50]]


def _describe(story: _Story, item: Item) -> dict:
    main = item.category.parent.code if item.category.parent else item.category.code
    rng = story.rng
    return {"colour": rng.choice(COLOURS), "size": rng.choice(SIZES[main]) if main in SIZES else None,
            "brand": rng.choice(BRANDS) if rng.random() < 0.45 else None,
            "fibre": rng.choice(FIBRES) if main in ("women", "men", "children", "textiles") else None,
            "condition": rng.choice([3, 4, 4, 4, 5, 5, 2]),
            "disruptors": rng.choice(["knappar", "blixtlås", "tryck", None, None, None])}


def _advance(story: _Story, item: Item, at: datetime, stop: str) -> None:
    """Take one item from received towards ``stop`` (wash, sort, value, price or done)."""
    session, rng = story.session, story.rng
    if stop == "wash":
        return
    at += timedelta(hours=rng.randint(2, 30))
    if item.category.code in NO_WASH:
        with story.at(at):
            services.skip_wash(session, item=item, reason=NO_WASH[item.category.code], by_user_id=story.who())
    if stop == "sort":
        return
    grade = rng.choices([g for g, _ in GRADES], weights=[w for _, w in GRADES])[0]
    at += timedelta(hours=rng.randint(2, 48))
    with story.at(at):
        services.sort_item(session, item=item, category=item.category, grade=grade, by_user_id=story.who(),
                           **_describe(story, item))
    if stop == "value" or grade != Grade.shop:
        return
    at += timedelta(hours=rng.randint(1, 24))
    suggestion = suggest_value(session, item)
    value = max((suggestion.value_ore or 9900) + rng.choice([-2000, -1000, 0, 0, 1000, 2000]), 1900)
    with story.at(at):
        services.value_item(session, item=item, value_ore=value, by_user_id=story.who(),
                            suggested_ore=suggestion.value_ore)
    if stop == "price":
        return
    at += timedelta(hours=rng.randint(1, 24))
    with story.at(at):
        services.price_item(session, item=item, price_ore=value // 1000 * 1000 + 900,  # 129 kr, 79 kr
                            by_user_id=story.who(supervisors=rng.random() < 0.2))


def _wash(story: _Story, items: list[Item], at: datetime, location_id: int) -> None:
    to_wash = [i for i in items if i.category.code not in NO_WASH]
    for start in range(0, len(to_wash), 12):
        program, temperature = story.rng.choice(PROGRAMS)
        with story.at(at + timedelta(hours=story.rng.randint(1, 20))):
            services.wash_items(story.session, items=to_wash[start:start + 12], by_user_id=story.who(),
                                location_id=location_id, program=program, temperature_c=temperature)


def _donation(story: _Story, number: int, age_days: float) -> None:
    rng, session = story.rng, story.session
    location = story.locations["SKH" if number % 3 else "HUS"]
    received_at = story.now - timedelta(days=age_days)
    unpack_at = received_at + timedelta(hours=rng.randint(1, 20))
    codes = list(CATEGORY_WEIGHTS)
    picked = rng.choices(codes, weights=[CATEGORY_WEIGHTS[c] for c in codes], k=rng.randint(7, 14))
    # The door scale weighs what will be registered as items plus loose goods (rags, odd socks, broken things)
    # that go out by the kilo in the weekly weigh-outs below: so the impact report's kilos add up.
    loose = (rng.randint(3, 25) * 1000 + rng.choice([0, 250, 500, 750])) * 2 // 5 // 250 * 250
    with story.at(received_at):
        donation = receive_donation(
            session, source=list(DonationSource)[number % 3], location=location, by_user_id=story.who(),
            weight_grams=_registered_grams(session, picked) + loose, bags=rng.randint(1, 6),
            note=rng.choice(NOTES), donor_note="Vill gärna få veta om något blir redesign" if number == 5 else None)
    with story.at(unpack_at):
        items = unpack(session, donation=donation, by_user_id=story.who(),
                       items=[(get_category(session, code),
                               rng.choice(DESCRIPTIONS[code]) if rng.random() < 0.6 else None) for code in picked])
        for item in items:
            item.created_at = min(unpack_at, story.now)
        if age_days < 1.5:
            return  # still being unpacked: everything waits for the wash
        set_unpacked(session, donation=donation)
    story.loose.append((location.code, unpack_at, loose))
    # Recent donations stop part-way, so every queue has something; older ones are done.
    stops = ["sort", "sort", "value", "price", "done"] if age_days < 5 else (
        ["value", "price", "done", "done"] if age_days < 10 else ["done"])
    stop_for = {item.id: rng.choice(stops) for item in items}
    if age_days < 3:
        stop_for.update({item.id: "wash" for item in items[: len(items) // 2]})
    _wash(story, [i for i in items if stop_for[i.id] != "wash"], unpack_at, location.id)
    for item in items:
        _advance(story, item, unpack_at + timedelta(hours=20), stop_for[item.id])


def _registered_grams(session: Session, codes: list[str]) -> int:
    """What the items about to be unpacked weigh, as the impact report counts them (typical weights)."""
    typical = typical_by_category(session)
    return sum(typical[get_category(session, code).id] for code in codes)


def _weigh_outs(story: _Story) -> None:
    """Each week's loose goods go out by the kilo at the end of the week, about 70 % to textile recycling and
    the rest discarded; what was unpacked this week is still in the back room."""
    weeks: dict[tuple[str, int], list] = {}
    for code, unpacked_at, grams in story.loose:
        weeks.setdefault((code, (story.now - unpacked_at).days // 7), []).append((unpacked_at, grams))
    for (code, _week), found in sorted(weeks.items()):
        at = max(moment for moment, _ in found) + timedelta(days=story.rng.randint(1, 3), hours=story.rng.randint(0, 8))
        total = sum(grams for _, grams in found)
        if at > story.now or not total:
            continue
        recycled = round(total * 0.7 / 500) * 500
        for grade, grams, fibre in (("recycle", recycled, story.rng.choice(["bomull", "ull", "blandat"])),
                                    ("discard", total - recycled, None)):
            if grams > 0:
                services.weigh_out(story.session, location_id=story.locations[code].id, grade=grade, fibre=fibre,
                                   grams=grams, by_user_id=story.who(), at=at,
                                   note="Till Wargön" if grade == "recycle" and code == "SKH" else None)


def load(session: Session, context) -> None:
    if not context.locations or not context.users:
        return
    story = _Story(session, context)
    _set_guide_prices(session)
    ages = [*sorted((story.rng.uniform(3, WEEKS * 7) for _ in range(18)), reverse=True), 4.0, 2.5, 1.0, 0.3]
    for number, age in enumerate(ages, start=1):
        _donation(story, number, age)
    _weigh_outs(story)
    session.flush()
    context.extra["pipeline"] = {"donations": len(ages)}
