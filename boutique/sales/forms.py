"""Till forms: field validation only (amounts parsed strictly to öre by web/forms.KronorField, codes, PINs)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError

from boutique.core.digits import ascii_digits
from boutique.core.money import MoneyError, parse_kronor
from boutique.web.forms import KronorField, options


class OpenForm(FlaskForm):
    float_amount = KronorField(_l("Cash float"), validators=[InputRequired()],
                               description=_l("The cash in the drawer before the first sale."))


class ScanForm(FlaskForm):
    code = StringField(_l("Scan or type a code"), validators=[DataRequired(), Length(max=40)],
                       render_kw={"inputmode": "numeric", "autocomplete": "off", "autofocus": True,
                                  "spellcheck": "false", "enterkeyhint": "enter"})


class ManualLineForm(FlaskForm):
    description = StringField(_l("What"), validators=[DataRequired(), Length(max=300)],
                              render_kw={"autocomplete": "off"})
    category = SelectField(_l("Category"), validators=[DataRequired()])
    price = KronorField(_l("Price"), validators=[InputRequired()], allow_zero=False)


class VoucherSellForm(FlaskForm):
    amount = KronorField(_l("Gift voucher for"), validators=[InputRequired()], allow_zero=False)


class DiscountForm(FlaskForm):
    kind = SelectField(_l("Discount"),
                       choices=options([("percent", _l("Percent")), ("amount", _l("Amount in kronor"))]))
    value = StringField(_l("How much"), validators=[DataRequired(), Length(max=20)],
                        render_kw={"inputmode": "decimal", "autocomplete": "off"})
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=200)])
    badge = StringField(_l("Supervisor's badge"), validators=[Optional(), Length(max=40)],
                        description=_l("Only needed above the shop's discount limit."),
                        render_kw={"inputmode": "numeric", "autocomplete": "off"})
    pin = PasswordField(_l("Supervisor's PIN"), validators=[Optional(), Length(max=6)],
                        render_kw={"inputmode": "numeric", "autocomplete": "off"})

    def value_number(self) -> int:
        """The discount as öre (amount) or whole percent; ValidationError text for people otherwise."""
        text = ascii_digits(self.value.data or "").strip().rstrip("%٪").strip()
        if self.kind.data == "percent":
            if not text.isascii() or not text.isdigit() or len(text) > 3:
                raise ValidationError(_l("Write a whole percentage, e.g. 20."))
            return int(text)
        try:
            return parse_kronor(text, allow_zero=False)
        except MoneyError:
            raise ValidationError(_l("Write an amount in kronor, e.g. 129,50.")) from None


class CashierForm(FlaskForm):
    badge = StringField(_l("Scan your badge"), validators=[DataRequired(), Length(max=40)],
                        render_kw={"inputmode": "numeric", "autocomplete": "off"})
    pin = PasswordField(_l("PIN"), validators=[DataRequired(), Length(max=6)],
                        render_kw={"inputmode": "numeric", "autocomplete": "off"})


class PayForm(FlaskForm):
    key = HiddenField()
    cash = KronorField(_l("Cash received"))
    card = KronorField(_l("Card"))
    card_confirmed = BooleanField(_l("Approved in the terminal"))
    swish = KronorField(_l("Swish"))
    swish_confirmed = BooleanField(_l("The Swish has arrived"))
    voucher_code = StringField(_l("Gift voucher code"), validators=[Optional(), Length(max=40)],
                               render_kw={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"})
    voucher = KronorField(_l("Paid with the gift voucher"))


class ReturnSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search

    q = StringField(_l("Receipt number or item code"), validators=[DataRequired(), Length(max=40)],
                    render_kw={"inputmode": "numeric", "autocomplete": "off", "autofocus": True})
    till = SelectField(_l("Sold at till"))


class ReturnForm(FlaskForm):
    refund_method = SelectField(_l("Refund by"))


class CloseForm(FlaskForm):
    """Closing in two steps: the count alone (blind), then the count beside the expected, confirmed."""

    counted = KronorField(_l("Counted cash"), validators=[InputRequired()],
                          description=_l("All the cash in the drawer, float included."))
    note = TextAreaField(_l("Reason for a difference"), validators=[Optional(), Length(max=500)])
    confirmed = HiddenField()


class PinForm(FlaskForm):
    current_password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=256)],
                                     render_kw={"autocomplete": "current-password"})
    pin = PasswordField(_l("New PIN (4–6 digits)"),
                        validators=[DataRequired(), Regexp(r"^[0-9]{4,6}$", message=_l("A PIN is 4 to 6 digits."))],
                        filters=[ascii_digits], render_kw={"inputmode": "numeric", "autocomplete": "off"})
    repeat = PasswordField(_l("Repeat the PIN"), validators=[DataRequired()], filters=[ascii_digits],
                           render_kw={"inputmode": "numeric", "autocomplete": "off"})

    def validate_repeat(self, field):
        if field.data != self.pin.data:
            raise ValidationError(_l("The PINs do not match."))
