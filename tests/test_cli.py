"""The command line contract in shared/API.md."""

from sqlalchemy import select

from boutique.auth.models import User
from boutique.auth.services import user_for_token
from boutique.core.roles import Role
from boutique.places.models import Location, Till


def test_users_create_and_token_printed_as_last_line(runner, session):
    result = runner.invoke(args=["users", "create", "karin", "--role", "supervisor", "--password",
                                 "long enough pw", "--display-name", "Karin Lindqvist"])
    assert result.exit_code == 0, result.output
    user = session.scalar(select(User).where(User.username == "karin"))
    assert user.role == Role.supervisor and user.display_name == "Karin Lindqvist"
    result = runner.invoke(args=["users", "token", "karin"])
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    assert user_for_token(session, token) == user


def test_users_create_refuses_bad_role_duplicate_and_weak_password(runner):
    assert runner.invoke(args=["users", "create", "x", "--role", "wizard", "--password", "long enough pw"]).exit_code
    assert runner.invoke(args=["users", "create", "y", "--role", "student", "--password", "short"]).exit_code
    created = runner.invoke(args=["users", "create", "z", "--role", "student", "--password", "long enough pw"])
    assert created.exit_code == 0
    duplicate = runner.invoke(args=["users", "create", "Z", "--role", "student", "--password", "long enough pw"])
    assert duplicate.exit_code != 0 and "upptaget" in duplicate.output  # the CLI speaks Swedish


def test_token_for_unknown_user_fails_cleanly(runner):
    result = runner.invoke(args=["users", "token", "nobody"])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_locations_and_tills_create(runner, session):
    assert runner.invoke(args=["locations", "create", "SKH", "--name", "Skärholmen",
                               "--address", "Skärholmsvägen 1"]).exit_code == 0
    assert runner.invoke(args=["tills", "create", "SKH-1", "--location", "SKH"]).exit_code == 0
    till = session.scalar(select(Till).where(Till.code == "SKH-1"))
    assert till.location.name == "Skärholmen"
    bad = runner.invoke(args=["tills", "create", "X-1", "--location", "NOPE"])
    assert bad.exit_code != 0 and "NOPE" in bad.output


def test_demo_fills_an_empty_database_once(runner, session):
    assert runner.invoke(args=["is-empty"]).exit_code == 0
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    roles = set(session.scalars(select(User.role)))
    assert roles == set(Role)
    assert set(session.scalars(select(Till.code))) >= {"SKH-1", "SKH-2", "HUS-1"}
    assert runner.invoke(args=["is-empty"]).exit_code == 1
    again = runner.invoke(args=["demo"])
    assert again.exit_code != 0 and "empty" in again.output
    _demo_descriptions_fit_their_categories(session)
    _demo_people_have_their_place(session)
    _demo_counts_and_moves_stock(session)


def _demo_counts_and_moves_stock(session):
    """A finished count of Husby with every difference settled, a received transfer and one on its way."""
    from boutique.stock.models import CountStatus, Stocktake, Transfer, TransferStatus
    from boutique.stock.queries import count_review

    count = session.scalar(select(Stocktake))
    review = count_review(session, count)
    assert count.status == CountStatus.finished and review.missing and review.unexpected
    assert review.open_count == 0
    assert sorted(session.scalars(select(Transfer.status))) == [TransferStatus.received, TransferStatus.sent]


def _demo_descriptions_fit_their_categories(session):
    """Shoes are never described as linen trousers, nor jewellery as coffee cups."""
    from boutique.catalog.models import Category
    from boutique.demo import pipeline, production, sales
    from boutique.items.models import Item

    fitting = {code: set(texts) for code, texts in pipeline.DESCRIPTIONS.items()}
    for code, text, _prices in sales.STOCK:
        fitting.setdefault(code, set()).add(text)
    for materials, _bulk in production.MATERIALS.values():
        for code, text, _fibre, _colour in materials:
            fitting.setdefault(code, set()).add(text)
    for products in production.PRODUCTS.values():
        for code, text, *_rest in products:
            fitting.setdefault(code, set()).add(text)
    rows = session.execute(select(Category.code, Item.description).join(Item.category)
                           .where(Item.description.is_not(None))).all()
    assert rows
    misfits = {(code, text) for code, text in rows if text not in fitting.get(code, ())}
    assert not misfits, sorted(misfits)[:10]


def _demo_people_have_their_place(session):
    query = select(User.username, Location.code).join(Location, User.location_id == Location.id)
    places = dict(session.execute(query).all())
    assert places["deltagare"] == "SKH" and places["deltagare4"] == "HUS"
