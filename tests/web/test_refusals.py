"""The helper for a domain error in a view: rolled back, said where the view asked, kept for the answer."""

import pytest
from flask import get_flashed_messages
from sqlalchemy import select

from boutique.core.errors import Conflict
from boutique.extensions import db
from boutique.places.models import Location
from boutique.places.services import create_location
from boutique.web.refusals import refused


def _places() -> set[str]:
    return set(db.session.scalars(select(Location.code)))


def test_a_refusal_rolls_back_what_the_block_wrote_and_says_why(app):
    problems = []
    with app.test_request_context():
        with refused(into=problems, flash="error") as attempt:
            create_location(db.session, code="HUS", name="Husby", address="Husbytorget 1")
            raise Conflict("Husby is closed today.", code="closed")
        assert not attempt.ok and attempt.status == 409 and attempt.error.code == "closed"
        assert problems == ["Husby is closed today."]
        assert get_flashed_messages(with_categories=True) == [("error", "Husby is closed today.")]
        db.session.commit()  # what the view does next commits nothing of the refused step
        assert "HUS" not in _places()


def test_a_step_that_goes_through_is_left_to_the_view_to_commit(app):
    problems = []
    with app.test_request_context():
        with refused(into=problems) as attempt:
            create_location(db.session, code="HUS", name="Husby", address="Husbytorget 1")
        assert attempt.ok and attempt.status == 200 and attempt.message == "" and problems == []
        assert get_flashed_messages() == []
        db.session.commit()
        assert "HUS" in _places()


def test_any_other_error_is_not_a_refusal(app):
    with app.test_request_context(), pytest.raises(LookupError), refused(flash="error"):
        raise LookupError("not a rule of the boutique")
