"""The screenshot tour's eyes: a page looked at as a person would, at the sizes people use.

``tour_page`` opens a browser context at one of the sizes below in one language; ``look`` writes the
page's screenshot to ``test-artifacts/screenshots/tour/<name>.png`` and returns what a machine can see
is wrong with it (markup shown as text, a page or a box that scrolls sideways, console errors). The
screenshots are there to be opened and looked at: what no check finds (a cut name, a total below the
fold) a person finds in a second. An id used twice on a page is found too: a label or a link to it then
points at the wrong element."""

import re
from pathlib import Path

from tests.e2e.conftest import DEMO_PASSWORD, SCREENSHOTS, PageWatch

TOUR = SCREENSHOTS / "tour"

# The till is a 1024×768 touch screen, the back office a 1366×768 laptop; a tablet stands in portrait.
SIZES = {
    "till": {"width": 1024, "height": 768},
    "laptop": {"width": 1366, "height": 768},
    "wide": {"width": 1280, "height": 800},
    "portrait": {"width": 768, "height": 1024},
}

# The browser's own locale per language: an English tour runs in an en-US browser, where a date field
# left to the browser shows mm/dd/yyyy.
BROWSER_LOCALES = {"sv": "sv-SE", "en": "en-US", "ar": "ar", "fa": "fa-IR", "so": "so-SO", "ti": "ti-ER"}

# Each language's button names the language in its own script.
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English", "ar": "العربية", "fa": "فارسی", "so": "Soomaali",
                  "ti": "ትግርኛ"}

# What a person must never read: template or markup text, a CSRF token, Python's None.
SHOWN_MARKUP = re.compile(r"<\s*/?\s*[a-z][a-z0-9-]*[\s>/]|&lt;|&gt;|&amp;|&quot;|&#\d+;|\{\{|\}\}|\{%|%\}|"
                          r"csrf_token|\bNone\b", re.IGNORECASE)

_SIDEWAYS = """() => {
  const page = document.documentElement;
  const found = [];
  if (page.scrollWidth > page.clientWidth + 1) found.push(`page ${page.scrollWidth}px in ${page.clientWidth}px`);
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (!['auto', 'scroll', 'hidden'].includes(style.overflowX) || style.display === 'none') continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 3) {
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
      found.push(`${name} ${el.scrollWidth}px in ${el.clientWidth}px`);
    }
  }
  return found;
}"""


_DUPLICATE_IDS = """() => {
  const seen = {};
  for (const el of document.querySelectorAll('[id]')) seen[el.id] = (seen[el.id] || 0) + 1;
  return Object.entries(seen).filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
}"""


def tour_page(browser, server, *, size: str = "laptop", language: str = "sv", javascript: bool = True):
    """A fresh browser context (own cookies) at ``size`` with the browser's locale for ``language``
    (``javascript=False``: as a browser with scripts off, to show a page works without them)."""
    context = browser.new_context(locale=BROWSER_LOCALES.get(language, language), timezone_id="Europe/Stockholm",
                                  viewport=SIZES[size], has_touch=size in ("till", "portrait"),
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.watch = PageWatch(page, server.base_url)
    page.tour_size = size
    page.tour_language = language
    return page


def sign_in_speaking(page, server, username: str, language: str = "sv", password: str = DEMO_PASSWORD) -> None:
    """Sign in through the form (whatever language it is in) and choose ``language`` with its own button."""
    page.goto(server.url("/login"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_url(server.url("/"))
    button = page.locator(f".language-switch button[value='{language}']")
    if button.get_attribute("aria-pressed") != "true":
        button.click()
        page.wait_for_url(server.url("/"))
    assert page.locator("html").get_attribute("lang") == language


def problems(page) -> list[str]:
    """What the machine sees wrong with the page as it stands."""
    found = [f"shown as text: {match.group(0)!r} in …{_around(text, match)}…"
             for text in [page.locator("body").inner_text()] for match in SHOWN_MARKUP.finditer(text)]
    found += [f"scrolls sideways: {what}" for what in page.evaluate(_SIDEWAYS)]
    found += [f"the same id twice: {what}" for what in page.evaluate(_DUPLICATE_IDS)]  # labels, skip links break
    found += [f"console: {message}" for message in page.watch.console_errors]
    return found


def look(page, name: str, *, full_page: bool = False) -> Path:
    """Screenshot ``name`` (size and language appended) into the tour folder and assert the page is clean.

    The screenshot is the viewport unless ``full_page``: what a person sees without scrolling."""
    TOUR.mkdir(parents=True, exist_ok=True)
    path = TOUR / f"{name}-{page.tour_size}-{page.tour_language}.png"
    page.screenshot(path=str(path), full_page=full_page)
    found = problems(page)
    assert not found, f"{path.name} ({page.url}):\n  " + "\n  ".join(found)
    return path


def in_first_viewport(page, selector: str) -> bool:
    """Whether the element is wholly visible without scrolling the page (its own box may scroll)."""
    box = page.locator(selector).first.bounding_box()
    viewport = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["x"] >= 0 and box["y"] + box["height"] <= viewport["height"] \
        and box["x"] + box["width"] <= viewport["width"]


def above_the_key_bar(page, selector: str) -> bool:
    """Whether the element is in the first viewport and not under the till's key bar at its foot."""
    keys = page.locator(".register-keys").bounding_box()
    box = page.locator(selector).first.bounding_box()
    return in_first_viewport(page, selector) and bool(keys) and box["y"] + box["height"] <= keys["y"]


def _around(text: str, match: re.Match) -> str:
    return text[max(0, match.start() - 30):match.end() + 30].replace("\n", " ")


_CLIPPED_TABLES = """() => {
  const found = [];
  const right = document.documentElement.clientWidth;
  for (const table of document.querySelectorAll('main table')) {
    const box = table.getBoundingClientRect();
    const holder = table.parentElement;
    const name = table.closest('[aria-labelledby]')?.getAttribute('aria-labelledby') || '';
    if (box.right > right + 1) found.push(`table ${name} ends at ${Math.round(box.right)}px of ${right}px`);
    if (holder.scrollWidth > holder.clientWidth + 1) {
      found.push(`table ${name} ${table.scrollWidth}px in ${holder.clientWidth}px`);
    }
  }
  return found;
}"""

_CHART_TEXT = """() => {
  const found = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const title = svg.querySelector('title')?.textContent;
    if (!svg.querySelector('.chart-legend text')) found.push(`${title}: no legend`);
    for (const text of svg.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
      if (size < 12 - 0.01) found.push(`${title}: "${text.textContent}" at ${size.toFixed(1)}px`);
    }
  }
  return found;
}"""


def clipped_tables(page) -> list[str]:
    """Tables whose columns do not all show: wider than the page, or scrolling inside their box."""
    return page.evaluate(_CLIPPED_TABLES)


def unreadable_charts(page) -> list[str]:
    """Charts without a legend, or with text under 12 px as drawn at this size."""
    return page.evaluate(_CHART_TEXT)


# What a finger must be able to hit: buttons, links drawn as buttons, the till bar's links, summaries.
TARGETS = "button, [role=button], a.button, .register-bar a, summary, input[type=submit], input[type=checkbox]"

_SMALL = """([selector, minimum]) => [...document.querySelectorAll(selector)].filter(el => {
  const box = el.getBoundingClientRect();
  return el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.sr-only')
    && (box.width < minimum || box.height < minimum);
}).map(el => {
  const box = el.getBoundingClientRect();
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.id || '').trim().replace(/\\s+/g, ' ');
  return `${el.tagName.toLowerCase()} "${text.slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}px`;
})"""


def small_targets(page, selector: str = TARGETS, minimum: int = 44) -> list[str]:
    """The shown targets (buttons and the like) smaller than ``minimum`` px either way: each as
    ``tag "text" W×Hpx``."""
    return page.evaluate(_SMALL, [selector, minimum])


# --- The languages beyond Swedish and English: what the catalogs say, and what a page shows otherwise ---

def _translations(language: str):
    """The app's catalogs for ``language`` with Swedish behind them, as the app reads them (compiled .mo)."""
    from babel import support

    from boutique.web.i18n import translation_directories

    package = Path(__file__).resolve().parents[2] / "boutique"
    merged = support.Translations()
    for directory in translation_directories(package):
        merged.merge(support.Translations.load(str(directory), [language]))
    if language not in ("sv", "en"):
        swedish = support.Translations()
        for directory in translation_directories(package):
            swedish.merge(support.Translations.load(str(directory), ["sv"]))
        merged.add_fallback(swedish)
    return merged


def say(language: str, msgid: str, **values) -> str:
    """``msgid`` as the app shows it in ``language`` (placeholders filled from ``values``)."""
    text = msgid if language == "en" else _translations(language).gettext(msgid)
    return text % values if values else text


_LEAF_TEXTS = """() => {
  const found = new Set();
  const shown = el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden';
  for (const el of document.querySelectorAll('body *:not(script):not(style):not(option)')) {
    const part = el.closest('[lang]');  // a part in another language on purpose: a receipt, the language names
    if (!shown(el) || (part && part.lang !== document.documentElement.lang)) continue;
    if (el.closest('bdi, [dir=auto]')) continue;  // what people typed (a description, a colour), as it was typed
    for (const node of el.childNodes) {
      if (node.nodeType === 3 && node.textContent.trim()) found.add(node.textContent.trim().replace(/\\s+/g, ' '));
    }
    for (const attribute of ['placeholder', 'aria-label', 'title']) {
      if (el.getAttribute(attribute)) found.add(el.getAttribute(attribute).trim());
    }
    if (el.matches('input[type=submit], input[type=button]') && el.value) found.add(el.value.trim());
  }
  return [...found];
}"""


def _foreign_words(language: str) -> dict[str, str]:
    """{Swedish or English text of a message: the message} for every message ``language`` words otherwise;
    words that are the same in both (names, codes, "OK") cannot tell and are left out."""
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    found = {}
    for swedish_po in root.glob("boutique/**/translations/sv/LC_MESSAGES/messages.po"):
        theirs_po = swedish_po.parents[2] / language / "LC_MESSAGES" / "messages.po"
        with swedish_po.open("rb") as handle:
            swedish = read_po(handle, locale="sv")
        with theirs_po.open("rb") as handle:
            theirs = read_po(handle, locale=language)
        for message in swedish:
            if not message.id or message.pluralizable or "%" in message.id or len(message.id) < 4:
                continue
            translated = theirs.get(message.id, context=message.context)
            ours = translated.string if translated and translated.string else ""
            for text in (message.string, message.id):
                if text and text != ours and len(text) >= 4:
                    found.setdefault(text.strip(), message.id)
    return found


def not_in_language(page, language: str, *, allowed: tuple[str, ...] = ()) -> list[str]:
    """The texts on the page that are a message's Swedish or English where ``language`` has its own
    words: a string left untranslated, or a message not yet in the catalog (then Swedish shows)."""
    foreign = _foreign_words(language)
    return [f"{text!r} (message {foreign[text]!r})" for text in page.evaluate(_LEAF_TEXTS)
            if text in foreign and text not in allowed]
