"""Reports: what sells, students' sales feedback, participants' records, pipeline and impact, the
daily till summary, with charts, CSV of every table and the SIE 4I export."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import AreaBlueprint

MENU_LABEL = _l("Reports")

bp = AreaBlueprint("reports", __name__, url_prefix="/reports",
                   views=("views", "views_feedback", "views_people", "views_till"))
