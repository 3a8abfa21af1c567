"""Photo uploads: size and pixel limits, content checks, EXIF/GPS stripped, atomic storage, serving."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from boutique.extensions import db
from boutique.photos import storage
from boutique.photos.models import Photo
from tests.conftest import login

GPS_IFD = 0x8825


def jpeg(size=(64, 48), colour="red", exif=None) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def phone_jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 6  # orientation: rotate 90° to show upright
    exif[GPS_IFD] = {1: "N", 2: (59.0, 17.0, 32.5), 3: "E", 4: (17.0, 54.0, 10.0)}
    return jpeg(exif=exif)


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose IHDR claims ``width`` × ``height`` pixels (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def stored_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_FOLDER"]) / "photos"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def lot_api(api_as, make_lot, supervisor):
    lot = make_lot()
    return lot, api_as(user=supervisor)


@pytest.fixture(autouse=True)
def _clean_folder(app):
    for path in stored_files(app):
        path.unlink()


def upload(api, lot, data: bytes, filename="photo.jpg", kind="before", content_type="image/jpeg"):
    return api.client.post(f"/api/v1/lots/{lot.id}/photos", headers={"Authorization": f"Bearer {api.token}"},
                           data={"kind": kind, "photo": (io.BytesIO(data), filename, content_type)},
                           content_type="multipart/form-data")


def test_a_real_jpeg_is_stored_under_a_generated_name_and_served_as_jpeg(app, lot_api):
    lot, api = lot_api
    response = upload(api, lot, jpeg(), filename="../../etc/passwd.jpg")
    assert response.status_code == 201, response.json
    photo = db.session.get(Photo, response.json["id"])
    assert "passwd" not in photo.filename and len(stored_files(app)) == 2
    served = api.get(response.json["url"])
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/jpeg"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    # Opened on its own, the browser's image page may style itself; nothing else is allowed.
    assert served.headers["Content-Security-Policy"].startswith("default-src 'none'; img-src 'self'")
    assert Image.open(io.BytesIO(served.data)).format == "JPEG"
    thumb = api.get(response.json["thumb_url"])
    assert thumb.status_code == 200 and thumb.headers["Content-Type"] == "image/jpeg"


def test_oversized_upload_is_413(app, lot_api):
    lot, api = lot_api
    response = upload(api, lot, b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024))
    assert response.status_code == 413
    assert response.json["error"]["code"] == "photo_too_large"
    assert stored_files(app) == []


def test_request_over_the_global_limit_is_413(app, lot_api):
    lot, api = lot_api
    response = upload(api, lot, b"\0" * (13 * 1024 * 1024))
    assert response.status_code == 413


def test_a_100_megapixel_png_header_is_refused_without_decoding(app, lot_api):
    lot, api = lot_api
    bomb = png_header_claiming(10_000, 10_000)
    assert len(bomb) < 200
    response = upload(api, lot, bomb, filename="bomb.png", content_type="image/png")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "photo_too_many_pixels"
    assert stored_files(app) == []


def test_just_over_the_pixel_limit_is_refused_too(app, lot_api):
    # Between MAX_IMAGE_PIXELS and twice it Pillow only warns; the warning is an error here.
    lot, api = lot_api
    response = upload(api, lot, png_header_claiming(8000, 6000), filename="big.png", content_type="image/png")
    assert response.status_code == 422 and response.json["error"]["code"] == "photo_too_many_pixels"


@pytest.mark.parametrize("data", [
    pytest.param(b"GIF89a" + b"\0" * 40, id="gif-header"),
    pytest.param(b"<html><script>alert(1)</script></html>", id="html"),
    pytest.param(b"%PDF-1.7\n", id="pdf"),
])
def test_not_an_image_renamed_jpg_is_refused(app, lot_api, data):
    lot, api = lot_api
    response = upload(api, lot, data, filename="holiday.jpg")
    assert response.status_code == 422 and response.json["error"]["code"] == "photo_not_an_image"
    assert stored_files(app) == []


def test_a_real_gif_renamed_jpg_is_refused(app, lot_api):
    lot, api = lot_api
    out = io.BytesIO()
    Image.new("P", (20, 20)).save(out, "GIF")
    response = upload(api, lot, out.getvalue(), filename="cat.jpg")
    assert response.status_code == 422 and response.json["error"]["code"] == "photo_not_an_image"


def test_a_truncated_jpeg_is_refused(app, lot_api):
    lot, api = lot_api
    data = jpeg(size=(400, 300))
    response = upload(api, lot, data[: len(data) // 2])
    assert response.status_code == 422 and response.json["error"]["code"] == "photo_damaged"


def test_phone_jpeg_with_gps_is_stored_upright_without_exif(app, lot_api):
    lot, api = lot_api
    original = phone_jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the test photo really has GPS
    response = upload(api, lot, original)
    assert response.status_code == 201
    photo = db.session.get(Photo, response.json["id"])
    for path in (storage.path_of(photo.filename), storage.path_of(photo.thumb_filename)):
        raw = path.read_bytes()
        assert b"Exif" not in raw and b"PhoneMaker" not in raw
        with Image.open(path) as stored:
            assert not stored.getexif().get_ifd(GPS_IFD)
            assert len(stored.getexif()) == 0
    assert (photo.width, photo.height) == (48, 64)  # orientation applied before EXIF was dropped


def test_png_with_transparency_stays_png(app, lot_api):
    lot, api = lot_api
    out = io.BytesIO()
    Image.new("RGBA", (30, 30), (255, 0, 0, 128)).save(out, "PNG")
    response = upload(api, lot, out.getvalue(), filename="x.png", content_type="image/png")
    assert response.status_code == 201 and response.json["content_type"] == "image/png"


def test_webp_is_accepted(app, lot_api):
    lot, api = lot_api
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "blue").save(out, "WEBP")
    response = upload(api, lot, out.getvalue(), filename="x.webp", content_type="image/webp")
    assert response.status_code == 201 and response.json["content_type"] == "image/jpeg"


def test_a_disk_error_is_a_clear_error_and_leaves_no_files(app, lot_api, monkeypatch):
    lot, api = lot_api

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", full_disk)
    response = upload(api, lot, jpeg())
    assert response.status_code == 503
    assert response.json["error"]["code"] == "photo_not_stored"
    assert stored_files(app) == []  # no half-written or temporary files
    assert db.session.scalar(select(func.count(Photo.id))) == 0


def test_files_are_removed_when_the_transaction_rolls_back(app, lot_api, supervisor):
    from boutique.photos.services import add_photo

    lot, _api = lot_api
    add_photo(db.session, data=jpeg(), kind="after", lot=lot, by_user=supervisor)
    assert len(stored_files(app)) == 2
    db.session.rollback()
    assert stored_files(app) == []


def test_lot_photos_are_only_for_the_lots_team(app, client, lot_api, make_user):
    lot, api = lot_api
    url = upload(api, lot, jpeg()).json["url"]
    login(client, make_user("student"))
    # Not theirs, or no such photo: the same answer, so it does not tell which photos exist.
    assert client.get(url).status_code == 404
    assert client.get("/photos/987654").status_code == 404


def test_page_upload_and_delete(app, client, make_lot, supervisor):
    lot = make_lot()
    login(client, supervisor)
    response = client.post(f"/photos/lots/{lot.id}", data={
        "kind": "after", "caption": "Finished tote", "next": "https://evil.example/",
        "photo": (io.BytesIO(jpeg()), "tote.jpg", "image/jpeg")}, content_type="multipart/form-data")
    assert response.status_code == 303 and response.headers["Location"].startswith(f"/lots/{lot.id}")
    photo = db.session.scalar(select(Photo))
    assert photo.caption == "Finished tote" and photo.kind.value == "after"
    page = client.get(f"/lots/{lot.id}").get_data(as_text=True)
    assert f"/photos/{photo.id}/thumb" in page
    client.post(f"/photos/{photo.id}/delete", data={"next": f"/lots/{lot.id}"})
    assert db.session.scalar(select(func.count(Photo.id))) == 0
    assert stored_files(app) == []


def test_page_upload_of_html_shows_an_error_and_stores_nothing(app, client, make_lot, supervisor):
    lot = make_lot()
    login(client, supervisor)
    page = client.post(f"/photos/lots/{lot.id}", data={
        "kind": "before", "photo": (io.BytesIO(b"<html></html>"), "x.jpg", "image/jpeg")},
        content_type="multipart/form-data", follow_redirects=True).get_data(as_text=True)
    assert "JPEG" in page
    assert stored_files(app) == []


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\t/evil.example/", "/\\evil"])
def test_after_an_upload_only_local_paths_are_followed(app, client, make_lot, supervisor, target):
    lot = make_lot()
    login(client, supervisor)
    response = client.post(f"/photos/lots/{lot.id}", data={
        "kind": "before", "next": target, "photo": (io.BytesIO(jpeg()), "a.jpg", "image/jpeg")},
        content_type="multipart/form-data")
    assert response.headers["Location"] == f"/lots/{lot.id}"


def test_the_icon_a_browser_asks_for_beside_a_photo_is_there(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.headers["Location"].endswith("/static/favicon.svg")
