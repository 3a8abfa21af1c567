"""GET /api/v1/health: no sign-in, no database; the floor benchmarks measure against."""

from pydantic import BaseModel

from boutique.api import bp
from boutique.api.docs import api_doc
from boutique.web.access import public
from boutique.web.view_transactions import reads_only


class Health(BaseModel):
    status: str


@bp.get("/health")
@public
@reads_only
@api_doc(summary="Is the server up", tag="system", responses={200: Health}, errors=set())
def health():
    return {"status": "ok"}
