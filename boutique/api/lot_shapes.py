"""The shapes of the production-lot API (request bodies and answers), as the OpenAPI document shows them."""

from datetime import date

from pydantic import BaseModel, Field, StrictBool, StrictInt

from boutique.api.common import Body, Grams, PositiveOre
from boutique.production import work
from boutique.production.models import LotRole, LotStatus

# ---- request bodies --------------------------------------------------------------------------

class LotIn(Body):
    title: str = Field(min_length=1, max_length=200)
    concept: str | None = Field(default=None, max_length=4000)
    location: str = Field(min_length=1, max_length=16, description="a location code, e.g. SKH")
    inspiration: str | None = Field(default=None, max_length=4000)
    tags: list[str] | None = Field(default=None, max_length=12)
    starts_on: date | None = None
    ends_on: date | None = None


class MemberIn(Body):
    username: str = Field(min_length=1, max_length=64)
    role: LotRole


class MaterialsIn(Body):
    codes: list[str] = Field(min_length=1, max_length=work.MAX_CODES)


class BulkIn(Body):
    fibre: str = Field(min_length=1, max_length=80)
    weight_grams: Grams = Field(gt=0)
    description: str | None = Field(default=None, max_length=300)


class ProductIn(Body):
    category: str = Field(min_length=1, max_length=40)
    description: str | None = Field(default=None, max_length=300)
    makers: list[str] | None = Field(default=None, max_length=50,
                                     description="usernames of lot members; default: its participants and students")
    materials: list[str] = Field(default_factory=list, max_length=work.MAX_CODES,
                                 description="codes of items this lot consumed")
    markdown_exempt: StrictBool = False
    floor_price_ore: PositiveOre | None = None


class ProductsIn(Body):
    items: list[ProductIn] = Field(min_length=1, max_length=work.MAX_PRODUCTS)


class StatusIn(Body):
    status: LotStatus


class HoursIn(Body):
    day: date
    minutes: StrictInt = Field(ge=0, le=24 * 60, description="0 removes that day's entry")
    username: str | None = Field(default=None, max_length=64, description="someone else (supervisors only)")


PHOTO_UPLOAD = {"content_type": "multipart/form-data", "schema": {
    "type": "object", "required": ["photo"], "properties": {
        "photo": {"type": "string", "format": "binary", "description": "JPEG, PNG or WebP"},
        "kind": {"type": "string", "enum": ["before", "after", "step"], "default": "before"},
        "caption": {"type": "string", "maxLength": 300}}}}


# ---- responses -------------------------------------------------------------------------------

class MemberOut(BaseModel):
    username: str | None = Field(default=None, description="not shown to students")
    display_name: str
    role: LotRole


class MaterialOut(BaseModel):
    code: str
    category: str
    description: str | None
    fibre: str | None
    colour: str | None
    weight_grams: int | None


class BulkOut(BaseModel):
    fibre: str
    weight_grams: int
    description: str | None


class ProductOut(BaseModel):
    code: str
    status: str
    category: str
    description: str | None
    value_ore: int | None
    price_ore: int | None
    markdown_exempt: bool
    floor_price_ore: int | None
    makers: list[str]
    materials: list[str]


class PhotoOut(BaseModel):
    id: int
    kind: str
    url: str
    thumb_url: str
    content_type: str
    width: int
    height: int


class LotOut(BaseModel):
    id: int
    title: str
    concept: str | None
    inspiration: str | None
    tags: list[str]
    location: str
    status: LotStatus
    starts_on: date | None
    ends_on: date | None
    started_at: str | None
    finished_at: str | None
    members: list[MemberOut]
    materials: list[MaterialOut]
    bulk_materials: list[BulkOut]
    products: list[ProductOut]
    hours_minutes: int
    photos: list[PhotoOut]


class LotBriefOut(BaseModel):
    id: int
    title: str
    location: str
    status: LotStatus
    tags: list[str]
    members: int
    products: int
    materials: int
