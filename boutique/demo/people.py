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


# Who follows whom (People → Supervisor): a supervisor sees and manages only these people, and follows
# their record of work in the participant report (Karin at Skärholmen, Yusuf at Husby).
SUPERVISES = {
    "handledare": ("deltagare", "deltagare2", "deltagare3", "student"),
    "handledare2": ("deltagare4", "deltagare5", "student2"),
}


def load(session: Session, context) -> None:
    for username, role, display_name, language in PEOPLE:
        context.users[username] = create_user(session, username=username, role=role,
                                              password=DEMO_PASSWORD, display_name=display_name,
                                              language=language)
    for supervisor, people in SUPERVISES.items():
        for username in people:
            context.users[username].supervisor_id = context.users[supervisor].id
    session.flush()
