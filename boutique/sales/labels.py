"""Words for how a sale is paid, as people read them: the pay screen, receipts, X and Z reports."""

from flask_babel import lazy_gettext as _l

from boutique.sales.models import PaymentMethod

METHOD_LABELS = {
    PaymentMethod.cash: _l("Cash"),
    PaymentMethod.card: _l("Card"),
    PaymentMethod.swish: _l("Swish"),
    PaymentMethod.voucher: _l("Gift voucher"),
}


def method_label(method: PaymentMethod | str) -> str:
    return str(METHOD_LABELS[PaymentMethod(method)])
