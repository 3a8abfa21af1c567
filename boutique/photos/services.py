"""Adding, finding, deleting and access-checking photos. Functions flush, never commit; files are
written before the row and removed again if the transaction rolls back."""

from collections.abc import Callable
from typing import BinaryIO

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from boutique.core.limits import may_be_row_id
from boutique.core.roles import Role
from boutique.items.models import Item
from boutique.photos import images, storage
from boutique.photos.models import Photo, PhotoKind

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_WRITTEN, _DOOMED = "photos_written", "photos_to_remove"


class PhotoTooLarge(DomainError):
    status = 413
    code = "photo_too_large"


class PhotoNotStored(DomainError):
    status = 503
    code = "photo_not_stored"


_REJECTIONS = {
    "not_an_image": _l("That file is not a JPEG, PNG or WebP photo."),
    "too_many_pixels": _l("That image has too many pixels (at most %(mp)d megapixels)."),
    "damaged": _l("That image is damaged or incomplete."),
}


def max_bytes() -> int:
    return int(current_app.config.get("PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES))


def read_upload(stream: BinaryIO) -> bytes:
    """Read an uploaded file, refusing (413) as soon as it passes the photo size limit."""
    limit = max_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise PhotoTooLarge(_l("The photo is larger than %(mb)d MB.", mb=limit // (1024 * 1024)))
    if not data:
        raise InvalidInput(_l("Choose a photo to upload."), code="no_photo")
    return data


def add_photo(session: Session, *, data: bytes, kind: PhotoKind | str, by_user: User, lot=None,
              item: Item | None = None, step=None, caption: str | None = None) -> Photo:
    """Check, re-encode and store a photo of exactly one lot, item or instruction step."""
    if sum(owner is not None for owner in (lot, item, step)) != 1:
        raise ValueError("a photo belongs to exactly one lot, item or step")
    try:
        kind = PhotoKind(kind)
    except ValueError:
        raise InvalidInput(_l("A photo is a before, after or step photo."), code="invalid_kind") from None
    if len(data) > max_bytes():
        raise PhotoTooLarge(_l("The photo is larger than %(mb)d MB.", mb=max_bytes() // (1024 * 1024)))
    max_pixels = int(current_app.config.get("PHOTO_MAX_PIXELS", images.MAX_PIXELS))
    try:
        encoded = images.reencode(data, max_pixels=max_pixels)
    except images.ImageRejected as rejected:
        raise InvalidInput(_REJECTIONS[rejected.reason] % {"mp": max_pixels // 1_000_000},
                           code=f"photo_{rejected.reason}") from None
    name, thumb_name = storage.new_names(encoded.extension)
    try:
        storage.write_files({name: encoded.data, thumb_name: encoded.thumb})
    except storage.StorageFailed:
        current_app.logger.exception("photo not stored")
        raise PhotoNotStored(_l("The photo could not be saved (the disk may be full). Nothing was stored; "
                                "try again later.")) from None
    session.info.setdefault(_WRITTEN, []).extend([name, thumb_name])
    photo = Photo(kind=kind, lot_id=getattr(lot, "id", None), item_id=getattr(item, "id", None),
                  step_id=getattr(step, "id", None), filename=name, thumb_filename=thumb_name,
                  content_type=encoded.content_type, width=encoded.width, height=encoded.height,
                  size_bytes=len(encoded.data), caption=(caption or "").strip()[:300] or None,
                  uploaded_by_id=by_user.id)
    session.add(photo)
    session.flush()
    return photo


def get_photo(session: Session, photo_id: int, *, viewer: User | None = None) -> Photo:
    """A photo by id. For a ``viewer``, a photo they may not see is "no such photo" as well, so the
    answer does not tell which photos of other lots exist."""
    photo = session.get(Photo, photo_id) if may_be_row_id(photo_id) else None
    if photo is not None and viewer is not None:
        try:
            check_photo_access(session, viewer, photo)
        except Forbidden:
            photo = None
    if photo is None:
        raise NotFound(_l("No such photo."), code="photo_not_found")
    return photo


def delete_photo(session: Session, photo: Photo) -> None:
    """Delete the row now and the files once the transaction commits."""
    session.info.setdefault(_DOOMED, []).extend([photo.filename, photo.thumb_filename])
    session.delete(photo)
    session.flush()


def delete_photos_of(session: Session, *, lot=None, item: Item | None = None, step=None) -> None:
    for photo in photos_of(session, lot=lot, item=item, step=step):
        delete_photo(session, photo)


def photos_of(session: Session, *, lot=None, item: Item | None = None, step=None) -> list[Photo]:
    query = select(Photo).order_by(Photo.kind, Photo.id)
    if lot is not None:
        query = query.where(Photo.lot_id == lot.id)
    elif item is not None:
        query = query.where(Photo.item_id == item.id)
    elif step is not None:
        query = query.where(Photo.step_id == step.id)
    else:
        return []
    return list(session.scalars(query))


def photos_of_steps(session: Session, step_ids: list[int]) -> dict[int, list[Photo]]:
    found: dict[int, list[Photo]] = {}
    if step_ids:
        for photo in session.scalars(select(Photo).where(Photo.step_id.in_(step_ids)).order_by(Photo.id)):
            found.setdefault(photo.step_id, []).append(photo)
    return found


# Lots and their instruction steps are production's, and production stands above photos: it registers who
# may see and add a lot's photos (production/services.py). Until it has, lot photos are refused.
LotAccess = Callable[..., object]
_lot_access: list[LotAccess] = []


def register_lot_access(check: LotAccess) -> None:
    """``check(session, user, *, lot_id=None, step_id=None, write=False)`` answers the lot, or raises."""
    _lot_access[:] = [check]


def lot_for_photos(session: Session, user: User, *, lot_id: int | None = None, step_id: int | None = None,
                   write: bool = False):
    """The lot (or the step's lot) whose photos ``user`` wants to see or add; raises when they may not."""
    if not _lot_access:
        raise Forbidden(_l("You do not have access to this."), code="photo_forbidden")
    return _lot_access[0](session, user, lot_id=lot_id, step_id=step_id, write=write)


def check_item_photo_access(session: Session, user: User, item: Item, *, write: bool = False) -> None:
    """Everyone signed in sees item photos; staff add them, and students to their own lot's products."""
    if not write or user.role != Role.student:
        return
    if item.lot_id is not None:
        lot_for_photos(session, user, lot_id=item.lot_id, write=True)
        return
    raise Forbidden(_l("Students add photos only to their own lot's products."), code="photo_forbidden")


def check_photo_access(session: Session, user: User, photo: Photo, *, write: bool = False) -> None:
    """A photo is as visible as what it shows: its lot (or the step's lot), or its item."""
    if photo.item_id is not None:
        check_item_photo_access(session, user, session.get(Item, photo.item_id), write=write)
        return
    lot_for_photos(session, user, lot_id=photo.lot_id, step_id=photo.step_id, write=write)


@event.listens_for(Session, "after_commit")
def _files_after_commit(session: Session) -> None:
    session.info.pop(_WRITTEN, None)  # the rows are saved: keep the files
    doomed = session.info.pop(_DOOMED, None)
    if doomed:
        storage.remove_files(*doomed)


@event.listens_for(Session, "after_transaction_end")
def _files_after_rollback(session: Session, transaction) -> None:
    # Rolled back or closed without a commit: the rows never existed, so neither should the files.
    if transaction.parent is not None:
        return
    session.info.pop(_DOOMED, None)
    written = session.info.pop(_WRITTEN, None)
    if written:
        storage.remove_files(*written)
