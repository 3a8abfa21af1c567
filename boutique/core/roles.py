"""The roles people have in the boutique; access policies and every area speak of them."""

import enum


class Role(enum.StrEnum):
    admin = "admin"
    supervisor = "supervisor"
    participant = "participant"
    student = "student"
