"""GET /api/v1/health: no sign-in, no database; the floor benchmarks measure against."""

from pydantic import BaseModel

from boutique.access import public
from boutique.api import bp
from boutique.api.docs import api_doc


class Health(BaseModel):
    status: str


@bp.get("/health")
@public
@api_doc(summary="Is the server up", tag="system", responses={200: Health}, errors=set())
def health():
    return {"status": "ok"}
