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
# Who follows whose record of work (the participant report): Karin at Skärholmen, Yusuf at Husby.
SUPERVISORS = {"deltagare": "handledare", "deltagare2": "handledare", "deltagare3": "handledare",
               "deltagare4": "handledare2", "deltagare5": "handledare2"}


def load(session: Session, context) -> None:
    for username, role, display_name, language in PEOPLE:
        context.users[username] = create_user(session, username=username, role=role,
                                              password=DEMO_PASSWORD, display_name=display_name,
                                              language=language)
    for participant, supervisor in SUPERVISORS.items():
        context.users[participant].supervisor_id = context.users[supervisor].id
