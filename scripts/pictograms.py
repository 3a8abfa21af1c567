"""Build static/pictograms/pictograms.svg, the sprite of boutique/web/pictograms.py's symbols: Lucide's icons
(ISC licence, static/pictograms/LICENSE-lucide.txt) where Lucide has the thing, and garments and textiles
drawn for the project in Lucide's style (24×24, 2 px round strokes; CC0) where it has not.

    npm pack lucide-static@1.62.0 && tar xzf lucide-static-1.62.0.tgz
    python scripts/pictograms.py package/icons
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from boutique.web.pictograms import CATEGORIES, FALLBACK, STEPS  # noqa: E402

SPRITE = ROOT / "static" / "pictograms" / "pictograms.svg"

# Drawn for the project (CC0): what Lucide has no icon for.
OWN = {
    "dress": '<path d="M9 2v4l-2 3 1 2-4 10h16l-4-10 1-2-2-3V2"/><path d="M9 6h6"/>',
    "trousers": '<path d="M6 2h12l1 20h-5l-2-12-2 12H5z"/><path d="M6 6h12"/>',
    "skirt": '<path d="M7 3h10l4 17H3z"/><path d="M7 7h10"/><path d="M10 7l-2 13M14 7l2 13"/>',
    "jacket": '<path d="M8 3 4 5v16h7V9"/><path d="M16 3l4 2v16h-7V9"/><path d="M8 3l4 6 4-6"/>'
              '<path d="M7 14h2M15 14h2"/>',
    "suit": '<path d="M8 3 4 5v16h16V5l-4-2"/><path d="M8 3l4 6 4-6"/><path d="m12 9-1.5 3 1.5 7 1.5-7z"/>',
    "knit": '<path d="M8 3h8l5 4-2 4-3-2v12H8V9l-3 2-2-4z"/><path d="M8 17h8M10 17v4M12 17v4M14 17v4"/>',
    "shirt-collar": '<path d="M8 3 3 6l2 5 3-1v11h8V10l3 1 2-5-5-3"/><path d="m8 3 4 4 4-4"/><path d="M12 7v14"/>'
                    '<path d="M12 11h.01M12 15h.01"/>',
    "hat": '<path d="M6 15c0-6 2.5-9 6-9s6 3 6 9"/><path d="M2 15c0 2.5 20 2.5 20 0"/><path d="M6.5 12h11"/>',
    "scarf": '<path d="M6 3h12v5c0 2.5-2.7 4-6 4S6 10.5 6 8z"/><path d="M9 11v10h4v-9"/>'
             '<path d="M9 21v1M11 21v1M13 21v1"/>',
    "belt": '<path d="M2 10h6M14 10h8M2 14h6M14 14h8"/><rect x="8" y="8" width="6" height="8" rx="1"/>'
            '<path d="M11 12h3"/>',
    "fabric": '<ellipse cx="7" cy="12" rx="3" ry="7"/><path d="M7 5h10c1.7 0 3 3.1 3 7s-1.3 7-3 7H7"/>'
              '<path d="M7 12h.01"/>',
    "tablecloth": '<path d="M3 8h18l-2 6H5z"/><path d="M7 14v7M17 14v7"/><path d="M9 8v6M15 8v6"/>',
    "cushion": '<path d="M4 5c4 1.5 12 1.5 16 0-1.5 4-1.5 10 0 14-4-1.5-12-1.5-16 0 1.5-4 1.5-10 0-14z"/>'
               '<path d="M12 12h.01"/>',
    "rug": '<rect x="5" y="4" width="14" height="16" rx="1"/><rect x="9" y="8" width="6" height="8"/>'
           '<path d="M7 4V2M11 4V2M15 4V2M7 22v-2M11 22v-2M15 22v-2M17 4V2M17 22v-2"/>',
}
ATTRIBUTES = ('fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
              'stroke-linejoin="round"')


def lucide_body(icons: Path, name: str) -> str:
    text = (icons / f"{name}.svg").read_text(encoding="utf-8")
    inner = re.search(r"<svg[^>]*>(.*)</svg>", text, re.S).group(1)
    return " ".join(line.strip() for line in inner.strip().splitlines())


def build(icons: Path) -> int:
    wanted = sorted(set(STEPS.values()) | set(CATEGORIES.values()) | {FALLBACK})
    symbols = []
    for name in wanted:
        body = OWN[name] if name in OWN else lucide_body(icons, name)
        source = "drawn for the project, CC0" if name in OWN else "Lucide, ISC"
        symbols.append(f'  <symbol id="{name}" viewBox="0 0 24 24" {ATTRIBUTES}><!-- {source} -->{body}</symbol>')
    SPRITE.write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<!-- Built by scripts/pictograms.py; sources and '
                      'licences: README.md beside this file. -->\n' + "\n".join(symbols) + "\n</svg>\n",
                      encoding="utf-8")
    return len(symbols)


if __name__ == "__main__":
    print(f"{build(Path(sys.argv[1]))} symbols written to {SPRITE.relative_to(ROOT)}")
