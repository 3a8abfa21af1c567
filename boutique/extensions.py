"""Flask extensions, created unbound and initialised in :func:`boutique.create_app`."""

from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from boutique.core.db import Base
from boutique.web.i18n import BoutiqueBabel

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = BoutiqueBabel()  # Flask-Babel, with Swedish behind the languages still being translated
