"""Realistic demo data for an empty database: people, places, and each area's own story."""

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core.errors import Conflict

DEMO_PASSWORD = "ny-form-demo"  # noqa: S105  # nosec B105  # demo data only, documented in the README


@dataclass
class DemoContext:
    """What earlier demo steps made, for later steps to build on."""

    users: dict[str, User] = field(default_factory=dict)
    locations: dict = field(default_factory=dict)
    tills: dict = field(default_factory=dict)
    seed: int = 2026
    extra: dict = field(default_factory=dict)


# In the order the work flows: each name is a module in boutique/demo/ with ``load(session, context)``.
STEPS = ["places", "people", "pipeline", "production", "labels", "sales", "stock", "vouchers"]


def _steps() -> list[Callable[[Session, DemoContext], None]]:
    steps = []
    for name in STEPS:
        module_name = f"boutique.demo.{name}"
        if importlib.util.find_spec(module_name) is not None:
            steps.append(importlib.import_module(module_name).load)
    return steps


def load_demo(session: Session, *,
              progress: Callable[[int, int, str], None] = lambda *_: None) -> DemoContext:
    """Fill an empty database with demo data. Refuses if anyone has an account already."""
    if session.scalar(select(User.id).limit(1)) is not None:
        raise Conflict("The database already has people in it; demo data goes into an empty database only.",
                       code="not_empty")
    context = DemoContext()
    steps = _steps()
    for done, step in enumerate(steps, start=1):
        progress(done, len(steps), step.__module__.rsplit(".", 1)[-1])
        step(session, context)
        session.flush()
    return context
