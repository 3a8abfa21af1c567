"""Demo people of every role; names in several scripts, as in the boutique."""

from sqlalchemy.orm import Session

from boutique.auth.services import create_user
from boutique.demo import DEMO_PASSWORD

# (username, role, display name, language, the meeting place they work at)
PEOPLE = [
    ("admin", "admin", "Admin", "sv", None),
    ("handledare", "supervisor", "Karin Lindqvist", "sv", "SKH"),
    ("handledare2", "supervisor", "Yusuf Ali", "sv", "HUS"),
    ("deltagare", "participant", "Amira", "sv", "SKH"),
    ("deltagare2", "participant", "ሰላም", "sv", "SKH"),
    ("deltagare3", "participant", "Fatima", "en", "SKH"),
    ("deltagare4", "participant", "Hodan", "sv", "HUS"),
    ("deltagare5", "participant", "زهرا", "sv", "HUS"),
    ("student", "student", "Elsa Berg", "sv", "SKH"),
    ("student2", "student", "Oskar Nyström", "en", "SKH"),
]


# Who follows whom (People → Supervisor): a supervisor sees and manages only these people, and follows
# their record of work in the participant report (Karin at Skärholmen, Yusuf at Husby).
SUPERVISES = {
    "handledare": ("deltagare", "deltagare2", "deltagare3", "student"),
    "handledare2": ("deltagare4", "deltagare5", "student2"),
}


def load(session: Session, context) -> None:
    for username, role, display_name, language, place in PEOPLE:
        person = create_user(session, username=username, role=role, password=DEMO_PASSWORD,
                             display_name=display_name, language=language)
        person.location_id = context.locations[place].id if place else None
        context.users[username] = person
    for supervisor, people in SUPERVISES.items():
        for username in people:
            context.users[username].supervisor_id = context.users[supervisor].id
    session.flush()
