"""The till's one key map: a key does the same thing on every till screen, and each screen lists the
keys that work on it. Templates mark the element a key presses with ``data-key``; till.js presses it."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class TillKey:
    action: str
    key: str  # KeyboardEvent.key
    label: object

    @property
    def shown(self) -> str:
        return {"Escape": "Esc", "Insert": "Ins"}.get(self.key, self.key)


# F1, F5, F11 and F12 stay the browser's (help, reload, full screen, developer tools); with the other
# function keys taken, gift vouchers have Insert: it types nothing into a field, so it can be a key anywhere.
KEYS = (
    TillKey("add", "Enter", _l("Add the code")),
    TillKey("pay", "F2", _l("Pay")),
    TillKey("card", "F3", _l("Card, whole amount")),
    TillKey("swish", "F4", _l("Swish, whole amount")),
    TillKey("manual", "F6", _l("Manual line")),
    TillKey("cash", "F7", _l("Cash, exact amount")),
    TillKey("cashier", "F8", _l("Switch cashier")),
    TillKey("clear", "F9", _l("Empty the cart")),
    TillKey("print", "F10", _l("Print")),
    TillKey("voucher", "Insert", _l("Gift voucher")),
    TillKey("back", "Escape", _l("Back")),
)

KEY_MAP = {key.action: key for key in KEYS}
