"""Values that go into response headers. Raw request text never does: a newline in a header is a
500 (Werkzeug refuses it) or, in a weaker server, a second header; a backslash in a redirect target
is read by browsers as a slash, so "/\\evil.example" leaves the site."""

import re

_FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# A path on this site: one slash, then no slash or backslash, then only plain URL characters, to the
# very end (``\Z``: ``$`` would also match before a trailing newline).
_LOCAL_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9/_.~#?=&%+:;,@!-]*\Z")


def content_disposition(kind: str, filename: str) -> str:
    """``inline`` or ``attachment`` with a file name of plain ASCII letters, digits, dots and dashes."""
    safe = _FILENAME_UNSAFE.sub("_", filename).strip("._")[:120] or "download"
    return f'{kind}; filename="{safe}"'


def local_path(target: str | None) -> str | None:
    """``target`` if it is a plain path on this site (safe to redirect to), else None."""
    return target if target and _LOCAL_PATH.match(target) else None
