"""The demo as the reports show it: its kilos add up over its whole history, supervisors have participants
to follow, and the students' lots have sales to learn from."""

from datetime import timedelta

from sqlalchemy import select

from boutique.auth.models import User
from boutique.core import clock
from boutique.core.periods import Period
from boutique.core.roles import Role
from boutique.demo import load_demo
from boutique.places.models import Location
from boutique.reports.queries.impact import impact
from boutique.reports.queries.student_home import student_home


def test_demo_history_adds_up_and_reuse_never_passes_100_percent(session):
    load_demo(session)
    session.commit()
    today = clock.sales_day(clock.now())
    whole = impact(session, period=Period(today - timedelta(days=365), today))
    assert whole.collected_grams > 100_000 and whole.out_grams > 100_000
    assert whole.balanced, (whole.unaccounted_grams, whole.tolerance_grams)
    assert abs(whole.unaccounted_grams) <= 0.01 * whole.collected_grams  # the demo's only gap: 250 g scales
    for location_id in session.scalars(select(Location.id)):
        assert impact(session, period=Period(today - timedelta(days=365), today), location_id=location_id).balanced
    for weeks_back in range(12):
        week = Period(today - timedelta(days=7 * weeks_back + 6), today - timedelta(days=7 * weeks_back))
        figures = impact(session, period=week)
        assert 0.0 <= figures.reuse_rate <= 1.0, (week, figures)
        assert figures.reused_grams <= figures.out_grams

    handledare = session.scalar(select(User).where(User.username == "handledare"))
    followed = session.scalars(select(User.username).where(User.supervisor_id == handledare.id)).all()
    assert {"deltagare", "deltagare2", "deltagare3"} <= set(followed)  # (and a student, for her personal data)
    student = session.scalar(select(User).where(User.username == "student"))
    home = student_home(session, student, today=today)
    assert any(line.sold and line.takings_ore > 0 for line in home.lots) and home.latest
    assert session.scalar(select(User.id).where(User.role == Role.participant, User.supervisor_id.is_(None))) is None
