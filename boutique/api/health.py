"""GET /api/v1/health: no sign-in, no database; the floor benchmarks measure against."""

from pydantic import BaseModel

from boutique.api import bp
from boutique.api.docs import api_doc
from boutique.web.access import public


class Health(BaseModel):
    status: str


@bp.get("/health")
@public
@api_doc(summary="Is the server up", tag="system", responses={200: Health}, errors=set())
def health():
    return {"status": "ok"}
