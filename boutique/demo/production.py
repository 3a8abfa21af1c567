"""Demo production lots at Skärholmen and Husby: planned, in production and done, with teams, material,
hours, products (some priced and on the shelf), instructions and before/after photos.

Concepts come from the traditions around the boutique: Eritrean tilet borders, Somali garbasaar and
dirac, Swedish folk embroidery, indigo dyeing. Everything goes through the real services with the clock
set back, so histories read like weeks of work.
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from PIL import Image, ImageDraw
from sqlalchemy.orm import Session

from boutique.catalog.services import get_category
from boutique.core import clock
from boutique.demo.intake import donated
from boutique.items.models import Grade, Item, ItemStatus
from boutique.items.services import issue_codes
from boutique.items.status import change_status, record_creation
from boutique.photos.services import add_photo
from boutique.pipeline.services import price_item, value_item
from boutique.production import services, work
from boutique.production.models import LotStatus

# (key, location, status, days since start, title, concept, inspiration, tags, team {username: role})
LOTS = [
    ("tilet", "SKH", LotStatus.done, 40, "Tilet-kanter på tygkassar",
     "Tygkassar av vita bomullsklänningar och sjalar, med vävda kanter i tilet-stil.",
     "Tilet är de färgglada vävda bårderna på eritreanska och etiopiska zuria och netsela: kors, rutor och "
     "trappsteg i rött, grönt och guld. Deltagarna tog med sina egna mönster hemifrån.",
     ["tilet", "eritrea", "bårder", "bomull"],
     {"deltagare2": "participant", "deltagare": "participant", "student": "student", "handledare": "supervisor"}),
    ("dala", "SKH", LotStatus.in_production, 12, "Dalarnas blommor på kuddar",
     "Kuddfodral av ylle- och linnerester med broderi i kurbitsstil.",
     "Svenskt folkbroderi från Dalarna och Hälsingland: kurbits, rosor och tulpaner i rött, blått och grönt.",
     ["folkbroderi", "kurbits", "ull", "lin"],
     {"deltagare3": "participant", "student2": "student", "handledare": "supervisor"}),
    ("indigo", "SKH", LotStatus.planned, -7, "Indigo och shibori",
     "Blekta skjortor och lakan färgas om med indigo och knytbatik.",
     "Indigofärgning från Västafrika (adire) och Japan (shibori).", ["indigo", "shibori", "adire"],
     {"deltagare5": "participant", "student": "student"}),
    ("garbasaar", "HUS", LotStatus.in_production, 18, "Garbasaar och dirac: somaliska mönster",
     "Sjalar och tunikor av lätta tyger, med tryckta och applicerade mönster.",
     "Somaliska garbasaar-sjalar och dirac-klänningar: klara färger, stora blommor och geometriska mönster.",
     ["somaliska mönster", "garbasaar", "dirac"],
     {"deltagare4": "participant", "student2": "student", "handledare2": "supervisor"}),
    ("jeans", "HUS", LotStatus.done, 55, "Husby-jeans: lappteknik",
     "Väskor och förkläden av slitna jeans, lappade med tygrester.",
     "Boro, den japanska lagningstraditionen, möter Husbys egna jeans.", ["denim", "boro", "lappteknik"],
     {"deltagare4": "participant", "deltagare": "participant", "handledare2": "supervisor"}),
    ("eid", "HUS", LotStatus.planned, -14, "Festplagg till Eid",
     "Festklänningar och sjalar till Eid av sidenrester och spetsar.", "Broderier och spetsar från flera "
     "traditioner i Husby.", ["eid", "siden", "spets"],
     {"deltagare5": "participant", "deltagare4": "participant", "student2": "student"}),
]
# key -> (materials to consume [(category, description, fibre, colour)], bulk [(fibre, grams, note)])
MATERIALS = {
    "tilet": ([("women-dresses", "Vit bomullsklänning", "bomull", "vit"), ("scarves", "Netsela, trasig kant", "bomull",
               "vit"), ("women-dresses", "Lång vit klänning", "bomull", "vit"), ("tablecloths", "Vit duk", "lin",
               "vit")], [("bomull", 1200, "Garn till bårderna")]),
    "dala": ([("women-knitwear", "Röd ullkofta, malätt", "ull", "röd"), ("tablecloths", "Linneduk med fläck", "lin",
              "natur"), ("curtains", "Blå gardin", "bomull", "blå")], [("ull", 450, "Broderigarn")]),
    "indigo": ([], []),
    "garbasaar": ([("scarves", "Tunn sjal", "viskos", "gul"), ("women-dresses", "Blommig maxiklänning", "polyester",
                   "flerfärgad"), ("fabric", "Tygstycke, 2 m", "bomull", "grön")], []),
    "jeans": ([("women-trousers", "Jeans, trasiga knän", "bomull", "blå"), ("men-trousers", "Jeans, slitna", "bomull",
               "blå"), ("men-trousers", "Svarta jeans", "bomull", "svart"), ("children-trousers", "Barnjeans",
               "bomull", "blå")], [("denim", 2500, "Lappar från sömnadscaféet")]),
    "eid": ([], []),
}
# key -> [(category, description, value, price or None, markdown exempt, floor price)]
PRODUCTS = {
    "tilet": [("bags", "Tygkasse med tilet-kant, röd", 12000, 19900, True, None),
              ("bags", "Tygkasse med tilet-kant, grön", 12000, 19900, True, None),
              ("bags", "Tygkasse med tilet-kant, guld", 12000, 19900, True, None),
              ("bags", "Liten kasse med tilet-kant", 8000, 12900, False, 9900),
              ("scarves", "Sjal med tilet-bård", 15000, 24900, True, None),
              ("cushions", "Kudde med tilet-ränder", 10000, 17900, False, 12900)],
    "dala": [("cushions", "Kudde med kurbitsrosor", 12000, None, False, None),
             ("cushions", "Kudde med tulpaner", None, None, False, None)],
    "garbasaar": [("scarves", "Garbasaar-sjal, gul", 14000, 22900, False, 15000),
                  ("women-tops", "Dirac-tunika", 16000, None, False, None),
                  ("scarves", "Sjal med applikationer", None, None, False, None)],
    "jeans": [("bags", "Jeansväska med lappar", 18000, 29900, True, None),
              ("bags", "Jeansväska, liten", 12000, 19900, True, None),
              ("textiles", "Förkläde i denim", 10000, 14900, False, 9900),
              ("bags", "Datorfodral i boro-teknik", 15000, 24900, False, 19900)],
}
STEPS = {
    "tilet": ["Tvätta och stryk klänningarna. Sprätta upp sömmarna så att du får raka tygstycken.",
              "Klipp kassens delar: två rektanglar 40 × 45 cm och ett band 8 × 70 cm till handtagen.",
              "Väv eller brodera bården: välj ett mönster från en netsela, rita det på rutpapper först.",
              "Sy fast bården 5 cm från kassens överkant, sy ihop sidorna och fäll in handtagen."],
    "dala": ["Tvätta ylleresterna i 40 grader så att de tovar lite och inte fransar sig.",
             "För över kurbitsmönstret med kalkerpapper."],
    "jeans": ["Sprätta jeansen i sömmarna och sortera bitarna efter färg.",
              "Lägg lapparna omlott och sy fast dem med stora synliga stygn (boro).",
              "Sy väskan: botten av bakfickan, handtag av linningen."],
}
HOURS = {"tilet": [(2, 150), (5, 180), (9, 120), (12, 240), (16, 90), (20, 180)],
         "dala": [(1, 120), (3, 150), (6, 180), (8, 60)],
         "garbasaar": [(2, 180), (6, 120), (9, 150), (13, 90)],
         "jeans": [(3, 120), (7, 240), (14, 180), (21, 150), (28, 120)]}
PHOTO_COLOURS = {"tilet": [(200, 30, 40), (30, 130, 70), (220, 170, 30)],
                 "jeans": [(40, 70, 140), (90, 120, 170), (200, 200, 210)]}


@contextmanager
def _at(moment: datetime, now: datetime) -> Iterator[None]:
    """Run the services as if it were ``moment`` (never later than the real now)."""
    real = clock.now
    clock.now = lambda: min(moment, now)
    try:
        yield
    finally:
        clock.now = real


def _picture(colours: list[tuple[int, int, int]], *, finished: bool) -> bytes:
    """A small drawn picture: plain cloth before, cloth with a tilet-like border after."""
    image = Image.new("RGB", (640, 420), (246, 244, 238) if finished else (230, 228, 222))
    draw = ImageDraw.Draw(image)
    if finished:
        for row, colour in enumerate(colours):
            top = 300 + row * 28
            draw.rectangle([0, top, 640, top + 24], fill=colour)
            for x in range(0, 640, 48):
                draw.polygon([(x, top + 24), (x + 24, top), (x + 48, top + 24)], fill=colours[(row + 1) % 3])
    else:
        for x in range(0, 640, 80):
            draw.line([(x, 0), (x + 200, 420)], fill=(210, 206, 198), width=18)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _materials(session: Session, location, wanted, by_user) -> list[Item]:
    """The lot's garments, sorted as redesign material through the status machine. (The pipeline demo's own
    redesign items stay in the material pool, for people trying the demo to scan into a lot.)"""
    found = []
    for category, description, fibre, colour in wanted:
        item = Item(code=issue_codes(session, 1)[0], status=ItemStatus.received,
                    category=get_category(session, category), description=description, location=location)
        session.add(item)
        session.flush()
        record_creation(session, [item], event="received", by_user_id=by_user.id)
        item.grade, item.fibre, item.colour, item.weight_grams = Grade.redesign, fibre, colour, 450
        change_status(session, item, event="sorted", to=ItemStatus.material, by_user_id=by_user.id)
        found.append(item)
    return found


def _lot(session: Session, context, spec, now: datetime) -> None:
    key, code, status, days, title, concept, inspiration, tags, team = spec
    users = context.users
    boss = users["handledare2" if code == "HUS" else "handledare"]
    start = now - timedelta(days=days)
    with _at(start - timedelta(days=10), now):
        lot = services.create_lot(session, title=title, concept=concept, inspiration=inspiration, tags=tags,
                                  location_code=code, by_user=boss, starts_on=clock.sales_day(start),
                                  ends_on=clock.sales_day(start + timedelta(days=35)))
        lot.created_at = clock.now()
        for username, role in team.items():
            services.add_member(session, lot=lot, user=users[username], role=role)
    if status == LotStatus.planned:
        return
    makers = [u for u, role in team.items() if role != "supervisor"]
    with _at(start, now):
        services.change_lot_status(session, lot=lot, status=LotStatus.in_production)
        wanted, bulk = MATERIALS[key]
        items = _materials(session, context.locations[code], wanted, boss)
        if items:  # the garments and the bulk material came in as one donation the day before
            donated(session, items, received_at=start - timedelta(days=1), by_user_id=boss.id,
                    note=f"Material till {title}", loose_grams=sum(grams for _, grams, _ in bulk))
        work.consume_materials(session, lot=lot, codes=[i.code for i in items], by_user=users[makers[0]])
        for fibre, grams, note in bulk:
            work.add_bulk_material(session, lot=lot, fibre=fibre, weight_grams=grams, description=note, by_user=boss)
        steps = STEPS.get(key, [])
        for number, text in enumerate(steps, start=1):
            step = work.add_step(session, lot=lot, text=text, by_user=users[makers[-1]])
            if key in PHOTO_COLOURS and number == len(steps):
                add_photo(session, data=_picture(PHOTO_COLOURS[key], finished=True), kind="step", step=step,
                          by_user=boss)
        if key in PHOTO_COLOURS:
            add_photo(session, data=_picture(PHOTO_COLOURS[key], finished=False), kind="before", lot=lot,
                      by_user=boss, caption="Materialet innan vi började")
    for offset, (day, minutes) in enumerate(HOURS.get(key, [])):
        person = users[makers[offset % len(makers)]]
        work.log_hours(session, lot=lot, person=person, day=clock.sales_day(start + timedelta(days=day)),
                       minutes=minutes, by_user=boss if offset % 3 == 0 else person)
    _products(session, lot, key, items, boss, start + timedelta(days=max(d for d, _ in HOURS.get(key, [(1, 0)]))), now)
    if status == LotStatus.done:
        with _at(start + timedelta(days=30), now):
            if key in PHOTO_COLOURS:
                add_photo(session, data=_picture(PHOTO_COLOURS[key], finished=True), kind="after", lot=lot,
                          by_user=boss, caption="Färdiga produkter")
            services.change_lot_status(session, lot=lot, status=LotStatus.done)


def _products(session: Session, lot, key, materials, boss, made_at: datetime, now: datetime) -> None:
    specs = PRODUCTS.get(key, [])
    if not specs:
        return
    with _at(made_at, now):
        products = work.create_products(session, lot=lot, by_user=boss, products=[
            work.NewProduct(category=category, description=description, markdown_exempt=exempt,
                            floor_price_ore=floor, materials=[materials[n % len(materials)].code] if materials else [])
            for n, (category, description, _v, _p, exempt, floor) in enumerate(specs)])
    for product, (_c, _d, value, price, _e, _f) in zip(products, specs, strict=True):
        if value is not None:
            with _at(made_at + timedelta(days=1), now):
                value_item(session, item=product, value_ore=value, by_user_id=boss.id)
        if price is not None:
            with _at(made_at + timedelta(days=2), now):
                price_item(session, item=product, price_ore=price, by_user_id=boss.id)


def load(session: Session, context) -> None:
    if not context.locations or not context.users:
        return
    now = clock.now()
    for spec in LOTS:
        _lot(session, context, spec, now)
    session.flush()
    context.extra["production"] = {"lots": len(LOTS)}
