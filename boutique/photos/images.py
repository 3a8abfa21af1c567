"""Check and re-encode uploaded images with Pillow (no Flask here).

Only real JPEG, PNG and WebP are accepted, judged by their content, never by name or client type.
Pixel counts are checked from the header before anything is decoded, so a small file claiming
10 000 × 10 000 pixels is refused without allocating it. Re-encoding writes only pixels (and the
colour profile): EXIF, GPS position, comments and text chunks are left behind.
"""

import io
import struct
import warnings
import zlib
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000
# Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; lower it for every decode in
# the process, and turn the warning into an error where photos are decoded (below).
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_SIDE = 3000  # enough for a printed cookbook page; keeps a phone photo to ~1–3 MB
THUMB_SIDE = 480
JPEG_QUALITY = 85


class ImageRejected(ValueError):
    """The upload is not an acceptable image; ``reason`` is ``not_an_image``, ``too_many_pixels`` or ``damaged``."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Encoded:
    data: bytes
    thumb: bytes
    content_type: str
    extension: str
    width: int
    height: int


def reencode(data: bytes, *, max_pixels: int = MAX_PIXELS, max_side: int = MAX_SIDE,
             thumb_side: int = THUMB_SIDE) -> Encoded:
    """Decode ``data`` if it is a real JPEG/PNG/WebP of at most ``max_pixels``, then re-encode it
    upright (EXIF orientation applied), scaled to ``max_side`` and with a thumbnail."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as probe:
                _check_pixels(probe, max_pixels)
                probe.verify()  # structure and checksums, without decoding the pixels
            with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as source:
                _check_pixels(source, max_pixels)
                source.load()
                image = ImageOps.exif_transpose(source)
                return _encode(image, source.info.get("icc_profile"), max_side, thumb_side)
        except ImageRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRejected("too_many_pixels") from None
        except UnidentifiedImageError:
            raise ImageRejected("not_an_image") from None
        except (OSError, ValueError, SyntaxError, EOFError, IndexError, KeyError, TypeError, struct.error,
                zlib.error, MemoryError):
            raise ImageRejected("damaged") from None


def _check_pixels(image: Image.Image, max_pixels: int) -> None:
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageRejected("damaged")
    if width * height > max_pixels:
        raise ImageRejected("too_many_pixels")


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info)


def _encode(image: Image.Image, icc_profile: bytes | None, max_side: int, thumb_side: int) -> Encoded:
    if _has_alpha(image):
        image, fmt, content_type, extension = image.convert("RGBA"), "PNG", "image/png", "png"
    else:
        image, fmt, content_type, extension = image.convert("RGB"), "JPEG", "image/jpeg", "jpg"
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    thumb = image.copy()
    thumb.thumbnail((thumb_side, thumb_side), Image.Resampling.LANCZOS)
    return Encoded(data=_save(image, fmt, icc_profile), thumb=_save(thumb, fmt, icc_profile),
                   content_type=content_type, extension=extension, width=image.width, height=image.height)


def _save(image: Image.Image, fmt: str, icc_profile: bytes | None) -> bytes:
    out = io.BytesIO()
    options = {"optimize": True}
    if fmt == "JPEG":
        options.update(quality=JPEG_QUALITY, progressive=True)
    if icc_profile:
        options["icc_profile"] = icc_profile  # colour, not location; kept so colours stay true
    image.save(out, fmt, **options)  # no exif= and no pnginfo=: metadata is not carried over
    return out.getvalue()
