"""Default settings. Instance config, ``BOUTIQUE_*`` environment variables and test config override them."""

from datetime import timedelta

# The database URL; ``None`` means SQLite in the instance folder (decided in create_app).
DATABASE_URL = None
# No pool_pre_ping: a server connection is pinged only after it sat idle (db.PING_AFTER_IDLE_SECONDS).
SQLALCHEMY_ENGINE_OPTIONS: dict = {}
SQLALCHEMY_TRACK_MODIFICATIONS = False

# Sessions: short-lived, HttpOnly, SameSite; Secure is added per request when served over TLS.
SESSION_COOKIE_NAME = "boutique_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = False
PERMANENT_SESSION_LIFETIME = timedelta(hours=12)

# Uploads are photos of garments; 12 MB holds a phone photo with room to spare.
MAX_CONTENT_LENGTH = 12 * 1024 * 1024
MAX_FORM_MEMORY_SIZE = 2 * 1024 * 1024
MAX_FORM_PARTS = 1000

# CSRF is checked by our own request guard (so that API token calls can skip it), not by default.
WTF_CSRF_CHECK_DEFAULT = False
WTF_CSRF_TIME_LIMIT = None

BABEL_DEFAULT_LOCALE = "sv"
BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
# The languages people may choose (each named in its own script): all that boutique/web/i18n.py knows.
LANGUAGES = {"sv": "Svenska", "en": "English", "ar": "العربية", "fa": "فارسی", "so": "Soomaali", "ti": "ትግርኛ"}

# Werkzeug's scrypt; the tests use cheaper parameters of the same method.
PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105  # nosec B105  # a hash method name, not a password

# Failed sign-ins: per account and per address within the window, counted in the database.
LOGIN_WINDOW_SECONDS = 15 * 60
LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
LOGIN_MAX_FAILURES_PER_ADDRESS = 20

# SQLite transactions start with BEGIN IMMEDIATE: a read-then-write (is it for sale? sell it) is
# then isolated. Only the test process, which only reads beside live servers, relaxes this.
SQLITE_BEGIN_MODE = "IMMEDIATE"

# How long SQLite waits for a lock before the request answers 503 "try again".
SQLITE_BUSY_TIMEOUT_MS = 5000

# Where uploaded photos are stored; ``None`` means ``<instance>/uploads``.
UPLOAD_FOLDER = None
