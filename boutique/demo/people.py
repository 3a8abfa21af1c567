"""Demo people of every role; names in several scripts, as in the boutique."""

from sqlalchemy.orm import Session

from boutique.auth.services import create_user
from boutique.demo import DEMO_PASSWORD

# (username, role, display name, language)
PEOPLE = [
    ("admin", "admin", "Admin", "sv"),
    ("handledare", "supervisor", "Karin Lindqvist", "sv"),
    ("handledare2", "supervisor", "Yusuf Ali", "sv"),
    ("deltagare", "participant", "Amira", "sv"),
    ("deltagare2", "participant", "ሰላም", "sv"),
    ("deltagare3", "participant", "Fatima", "en"),
    ("deltagare4", "participant", "Hodan", "sv"),
    ("deltagare5", "participant", "زهرا", "sv"),
    ("student", "student", "Elsa Berg", "sv"),
    ("student2", "student", "Oskar Nyström", "en"),
]


def load(session: Session, context) -> None:
    for username, role, display_name, language in PEOPLE:
        context.users[username] = create_user(session, username=username, role=role,
                                              password=DEMO_PASSWORD, display_name=display_name,
                                              language=language)
