"""Serve photos (access-checked, right type, nosniff) and take uploads for lots and items."""

from flask import abort, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from boutique.core.errors import DomainError
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.items.models import Item
from boutique.items.panels import item_panel
from boutique.items.services import get_item
from boutique.photos import bp, storage
from boutique.photos.forms import PhotoForm
from boutique.photos.services import (
    add_photo,
    check_item_photo_access,
    check_photo_access,
    delete_photo,
    get_photo,
    lot_for_photos,
    photos_of,
    read_upload,
)
from boutique.web.access import EVERYONE, allow
from boutique.web.headers import local_path


def _serve(photo_id: int, *, thumb: bool):
    photo = get_photo(db.session, photo_id, viewer=current_user)
    path = storage.path_of(photo.thumb_filename if thumb else photo.filename)
    if not path.is_file():
        abort(404)
    extension = path.suffix
    response = send_file(path, mimetype=photo.content_type, max_age=3600, conditional=True,
                         download_name=f"photo-{photo.id}{'-thumb' if thumb else ''}{extension}")
    response.headers["Content-Disposition"] = "inline"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, max-age=3600"
    # Opened on its own, the browser shows the photo in a page of its own making, styled inline (centred,
    # scaled to the window); the pages' policy would block that styling. An image carries no markup.
    response.headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


@bp.get("/<int:photo_id>")
@allow(EVERYONE)
def full(photo_id: int):
    return _serve(photo_id, thumb=False)


@bp.get("/<int:photo_id>/thumb")
@allow(EVERYONE)
def thumb(photo_id: int):
    return _serve(photo_id, thumb=True)


def _back(default: str):
    # Only plain paths on this site: never an absolute or scheme-relative URL, nor control characters
    # (browsers drop tabs and newlines, so "/\t/evil.example" would become "//evil.example").
    return redirect(local_path(request.form.get("next")) or default, code=303)


def _upload(**owner):
    form = PhotoForm()
    if not form.validate_on_submit():
        flash(_("Choose a photo and its kind."), "error")
        return False
    upload = request.files.get("photo")
    try:
        add_photo(db.session, data=read_upload(upload.stream) if upload else b"", kind=form.kind.data,
                  caption=form.caption.data, by_user=current_user, **owner)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return False
    db.session.commit()
    flash(_("Photo added."), "success")
    return True


@bp.post("/lots/<int:lot_id>")
@allow(EVERYONE)
def upload_for_lot(lot_id: int):
    lot = lot_for_photos(db.session, current_user, lot_id=lot_id, write=True)
    _upload(lot=lot)
    return _back(url_for("production.show", lot_id=lot.id))


@bp.post("/items/<code>")
@allow(EVERYONE)
def upload_for_item(code: str):
    item = get_item(db.session, code)
    check_item_photo_access(db.session, current_user, item, write=True)
    _upload(item=item)
    return _back(url_for("home.index"))


@bp.post("/<int:photo_id>/delete")
@allow(EVERYONE)
def delete(photo_id: int):
    photo = get_photo(db.session, photo_id, viewer=current_user)
    check_photo_access(db.session, current_user, photo, write=True)
    delete_photo(db.session, photo)
    db.session.commit()
    flash(_("Photo removed."), "success")
    return _back(url_for("home.index"))


@item_panel
def _item_photos(item: Item) -> dict:
    """The item's photos on its page and, for staff, an upload form."""
    may_edit = current_user.role != Role.student
    return {"photos": photos_of(db.session, item=item), "may_edit_photos": may_edit,
            "photo_form": PhotoForm(formdata=None) if may_edit else None,
            "upload_url": url_for("photos.upload_for_item", code=item.code)}
