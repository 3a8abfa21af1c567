"""Labels per second: our PNG label and our 24-label A4 sheet PDF (per label), beside a bare
python-barcode + Pillow render of the same codes, measured in the same run.

    .venv/bin/python -m bench.labels_bench            # 240 labels (ten sheets), best of 3
    .venv/bin/python bench/labels_bench.py --labels 48 --repeat 5

Target: the sheet PDF renders at least 50 % of the bare rate per label. The bare render is
python-barcode's ImageWriter (its own drawing, default size) giving a Pillow image; "bare PNG" also
encodes it as a PNG file, which is what a label route would have to serve.
"""

import argparse
import io
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import barcode
from barcode.writer import ImageWriter

from boutique.items.codes import item_code
from boutique.labels import documents, render

TARGET = 0.5
NAMES = ["Blommig sommarklänning", "Jeansjacka", "فستان صيفي مطرز", "ቀሚስ ብጥልፍ", "Ullkofta, handstickad",
         "Läderväska", "Halsduk i siden", "Kudde, Tilet-mönster"]


@dataclass(frozen=True)
class Result:
    name: str
    seconds_per_label: float

    @property
    def per_second(self) -> float:
        return 1 / self.seconds_per_label


def contents(count: int) -> list[render.LabelContent]:
    """A realistic run: different items, names in three scripts, different prices."""
    return [render.LabelContent(
        code=item_code(1000 + n), name=NAMES[n % len(NAMES)], shop="Röda Korset · Ny Form",
        price=f"{49 + 10 * (n % 30)},00\u00a0kr", tag_hex="#f2c500", tag_text="gul · 2026-01-05",
        lines=(f"Klänningar · Strl {36 + n % 8}", "Redesign: Tilet"), makers=("Amira", "ሰላም"),
        makers_format="Gjord av: %(names)s")
        for n in range(count)]


def bare_image(code: str):
    return barcode.get("ean13", code[:12], writer=ImageWriter()).render()


def bare_png(code: str) -> bytes:
    buffer = io.BytesIO()
    bare_image(code).save(buffer, "PNG", dpi=(300, 300))
    return buffer.getvalue()


def _sheets(labels: list[render.LabelContent]) -> None:
    for first in range(0, len(labels), documents.SHEET_CELLS):
        documents.sheet_pdf(labels[first:first + documents.SHEET_CELLS])


def run(labels: int = 240, repeat: int = 3) -> list[Result]:
    """Best seconds per label of each render over ``repeat`` rounds. The renders take turns within each
    round, so a busy machine slows them alike and the ratios stay fair."""
    batch = contents(labels)
    codes = [content.code for content in batch]
    render.label_png(batch[0])  # load the fonts once, as a running server has
    bare_image(codes[0])
    work: dict[str, Callable[[], object]] = {
        "bare python-barcode + Pillow (image)": lambda: [bare_image(code) for code in codes],
        "bare python-barcode + Pillow (PNG)": lambda: [bare_png(code) for code in codes],
        "our label PNG (70×37 mm, 300 dpi)": lambda: [render.label_png(content) for content in batch],
        "our A4 sheet PDF, 24 labels (per label)": lambda: _sheets(batch),
    }
    best = dict.fromkeys(work, float("inf"))
    for _ in range(repeat):
        for name, job in work.items():
            started = time.perf_counter()
            job()
            best[name] = min(best[name], (time.perf_counter() - started) / labels)
    return [Result(name, seconds) for name, seconds in best.items()]


def table(results: list[Result]) -> str:
    """A Markdown table; the ratio is to the faster bare render (the in-memory image)."""
    reference = results[0].per_second
    lines = ["| render | labels/s | ms/label | vs bare image |", "|---|---:|---:|---:|"]
    for result in results:
        lines.append(f"| {result.name} | {result.per_second:,.0f} | {result.seconds_per_label * 1000:.2f} | "
                     f"{result.per_second / reference:.0%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=240)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    results = run(args.labels, args.repeat)
    print(table(results))
    ratio = results[-1].per_second / results[0].per_second
    verdict = "meets" if ratio >= TARGET else "MISSES"
    print(f"\nSheet PDF per label: {ratio:.0%} of the bare rate ({verdict} the {TARGET:.0%} target).")
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
