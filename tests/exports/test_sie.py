"""The SIE 4I export: a real till day (sales, a return, cash rounding, three VAT rates) closed with a
Z-report, exported and read back by our own checks and by an independent reader (pysie-accounting)."""

import re
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from boutique.core import clock
from boutique.core.periods import Period
from boutique.core.roles import Role
from boutique.exports.models import SieVoucher
from boutique.exports.sie import export, vouchers
from boutique.extensions import db
from boutique.places.settings import set_setting
from boutique.sales.day_models import ZReport
from boutique.sales.services.days import close_till, open_till
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.returns import lines_for_codes, return_lines
from boutique.sales.services.selling import PaymentRequest, checkout

DAY1, DAY2, DAY3 = date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 7)
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=clock.STOCKHOLM).astimezone(UTC)


@pytest.fixture
def till_days(make_till, make_item, make_user):
    """Day 1 on SKH-1: a dress in cash (149,50 → 150 kr), two VAT goods by card, a dress by Swish that
    comes back, a tote bag part card part cash (66,67 → 67 kr). Day 2: one dress in cash (99,90 → 100).
    Day 3: opened and closed with nothing sold."""
    till = make_till("SKH-1", "SKH")
    cashier = make_user(Role.participant, username="kassa")
    dress1 = make_item(price_ore=14950)
    dress2 = make_item(price_ore=20000)
    dress3 = make_item(price_ore=9990)
    tote = {"description": "Tygkasse", "category": "new-goods", "price_ore": 10000}
    book = {"description": "Bok om redesign", "category": "new-books", "price_ore": 12900}
    s = db.session
    open_till(s, till=till, user=cashier, float_ore=50000, at=at(DAY1, 9))
    checkout(s, till=till, cashier=cashier, lines=[LineRequest(code=dress1.code)],
             payments=[PaymentRequest("cash", 20000)], at=at(DAY1, 10))
    checkout(s, till=till, cashier=cashier, lines=[LineRequest(**tote), LineRequest(**book)],
             payments=[PaymentRequest("card", 22900)], at=at(DAY1, 11))
    swished = checkout(s, till=till, cashier=cashier, lines=[LineRequest(code=dress2.code)],
                       payments=[PaymentRequest("swish", 20000)], at=at(DAY1, 12))
    return_lines(s, till=till, cashier=cashier, original=swished, lines=lines_for_codes(swished, [dress2.code]),
                 refund_method="swish", at=at(DAY1, 13))
    checkout(s, till=till, cashier=cashier, lines=[LineRequest(**tote)],
             payments=[PaymentRequest("card", 3333), PaymentRequest("cash", 7000)], at=at(DAY1, 14))
    close_till(s, till=till, user=cashier, counted_cash_ore=50000 + 21700, at=at(DAY1, 18))
    open_till(s, till=till, user=cashier, float_ore=50000, at=at(DAY2, 9))
    checkout(s, till=till, cashier=cashier, lines=[LineRequest(code=dress3.code)],
             payments=[PaymentRequest("cash", 10000)], at=at(DAY2, 10))
    close_till(s, till=till, user=cashier, counted_cash_ore=60000, at=at(DAY2, 18))
    open_till(s, till=till, user=cashier, float_ore=50000, at=at(DAY3, 9))
    close_till(s, till=till, user=cashier, counted_cash_ore=50000, at=at(DAY3, 18))
    s.commit()
    return till


def sie_file(session, *, period: Period = MARCH, **kwargs) -> bytes:
    """An export of the period, as the download gives it (and records it)."""
    return export(session, period=period, user=None, **kwargs).body


def sie_text(session, *, period: Period = MARCH) -> str:
    return sie_file(session, period=period).decode("cp437")


def parse(text: str) -> list[dict]:
    """Our own reading of the #VER blocks: header fields and {account: öre}."""
    found, current = [], None
    for line in text.split("\r\n"):
        if line.startswith("#VER"):
            series, number, day, title, _registered = re.match(
                r'#VER "([^"]*)" "(\d+)" (\d{8}) "([^"]*)" (\d{8})$', line).groups()
            current = {"series": series, "number": number, "day": day, "text": title, "lines": {}}
            found.append(current)
        elif line.strip().startswith("#TRANS"):
            account, amount = re.match(r"\s*#TRANS (\d{4}) \{\} (-?\d+\.\d{2})$", line).groups()
            kronor, ore = amount.replace("-", "").split(".")
            value = int(kronor) * 100 + int(ore)
            current["lines"][account] = -value if amount.startswith("-") else value
    return found


def test_file_starts_with_flagga_and_is_cp437_with_swedish_letters(session, till_days):
    raw = sie_file(session, period=MARCH, generated=date(2026, 4, 1))
    assert raw.startswith(b"#FLAGGA 0\r\n")
    text = raw.decode("cp437")
    assert "#FORMAT PC8" in text and "#SIETYP 4" in text and "#GEN 20260401" in text
    assert '#FNAMN "Svenska Röda Korset - Mötesplats i ny form"' in text
    assert "Öres- och kronutjämning".encode("cp437") in raw
    assert "Försäljning".encode("cp437") in raw and b"\x94" in raw  # ö is 0x94 in CP437
    assert "ö".encode() not in raw  # not UTF-8


def test_one_balanced_voucher_per_till_day_with_sales(session, till_days):
    found = parse(sie_text(session, period=MARCH))
    # Day 3 sold nothing: nothing to book.
    assert [(v["number"], v["day"], v["text"]) for v in found] == [
        ("1", "20260305", "Kassa SKH-1 Z1"), ("2", "20260306", "Kassa SKH-1 Z2")]
    assert all(v["series"] == "K" for v in found)
    for voucher in found:
        assert sum(voucher["lines"].values()) == 0


def test_day_one_accounts_by_hand(session, till_days):
    day1 = parse(sie_text(session, period=MARCH))[0]["lines"]
    assert day1 == {
        "1910": 15000 + 6700,  # cash kept: 149,50 → 150 and 66,67 → 67 kr
        "1686": 22900 + 3333,  # card
        "3004": -14950,  # the dress outside VAT (the Swish dress was returned: net 0, no 1930 line)
        "3001": -16000, "2611": -4000,  # two tote bags, 200 kr incl. 25 % VAT
        "3003": -12170, "2631": -730,  # the book, 129 kr incl. 6 % VAT
        "3740": -83,  # rounding: +50 and +33 öre
    }


def test_voucher_totals_equal_the_z_reports(session, till_days):
    found = vouchers(session, period=MARCH)
    for voucher in found:
        z = session.get(ZReport, voucher.z_report_id)
        lines = dict(voucher.lines)
        assert lines.get("1910", 0) == z.cash_ore
        assert lines.get("1686", 0) == z.card_ore
        assert lines.get("1930", 0) == z.swish_ore
        assert lines.get("3740", 0) == -z.rounding_ore
        sales_and_vat = sum(amount for account, amount in lines.items() if account[0] in "23")
        assert sales_and_vat == -z.net_ore - z.rounding_ore
        assert -sum(lines.get(a, 0) for a in ("2611", "2621", "2631")) == z.vat_ore


def test_accounts_and_series_come_from_the_settings(session, till_days):
    set_setting(session, "sie_account_card", "1580")
    set_setting(session, "sie_account_rounding", "not a number")
    set_setting(session, "sie_series", "KA")
    found = parse(sie_text(session, period=MARCH))
    assert "1580" in found[0]["lines"] and "1686" not in found[0]["lines"]
    assert "3740" in found[0]["lines"]  # an unusable setting falls back to the default
    assert found[0]["series"] == "KA"


def test_independent_reader_pysie_accounting_reads_the_file(session, till_days, tmp_path):
    import pandas as pd
    from pysie_accounting.pysie import PySIE

    path = tmp_path / "kassa.se"
    path.write_bytes(sie_file(session, period=MARCH))
    reader = PySIE()
    reader.sie_encoding = "cp437"
    reader.dftrans = pd.DataFrame({"SRU": pd.Series(dtype=int), "Ink2": pd.Series(dtype=str)})
    reader.open(str(path))
    assert reader.fnamn == "Svenska Röda Korset - Mötesplats i ny form"
    assert list(reader.verifikat) == ["1", "2"]
    day1 = reader.verifikat["1"]
    assert day1[0] == "20260305" and day1[1] == "Kassa SKH-1 Z1"
    amounts = {account: round(float(amount) * 100) for account, _, amount in day1[3]}
    assert amounts["1910"] == 21700 and amounts["3740"] == -83
    for _, _, _, transactions in reader.verifikat.values():
        assert sum(round(float(amount) * 100) for _, _, amount in transactions) == 0


def test_api_sie_for_managers_only(api_as, till_days):
    response = api_as(Role.supervisor).get("/api/v1/exports/sie?from=2026-03-01&to=2026-03-31")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=cp437"
    assert 'filename="nyform-kassa-20260301-20260331.se"' in response.headers["Content-Disposition"]
    assert response.data.startswith(b"#FLAGGA 0")
    for role in (Role.participant, Role.student):
        assert api_as(role).get("/api/v1/exports/sie?from=2026-03-01&to=2026-03-31").status_code == 403


@pytest.mark.parametrize("query, code", [
    ("from=2026-13-01&to=2026-03-31", "invalid_date"),
    ("from=2026-03-31&to=2026-03-01", "invalid_period"),
    ("from=0001-01-01&to=2026-03-01", "invalid_date"),
    ("from=2026-03-01&to=9999-12-31", "invalid_date"),
])
def test_api_sie_bad_periods_are_422(api_as, query, code):
    response = api_as(Role.admin).get(f"/api/v1/exports/sie?{query}")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == code


def test_kassarapport_page_for_a_closed_day(client, login_as, till_days):
    login_as(Role.participant)
    listing = client.get("/reports/till?from=2026-03-01&to=2026-03-31")
    assert listing.status_code == 200
    z = db.session.query(ZReport).filter_by(z_number=1).one()
    assert f"/reports/till/{z.id}" in listing.get_data(as_text=True)
    page = client.get(f"/reports/till/{z.id}").get_data(as_text=True)
    assert "Kassarapport" in page and "signatur" in page
    assert "478,50\u00a0kr" in page  # net sales of day 1: 149,50 + 229 + 200 - 200 + 100 kr
    assert "0,83\u00a0kr" in page  # cash rounding


def test_sie_download_from_the_web_page(client, login_as, till_days):
    login_as(Role.admin)
    page = client.get("/reports/sie?from=2026-03-01&to=2026-03-31")
    assert page.status_code == 200 and "Kassa SKH-1 Z1" in page.get_data(as_text=True)
    response = client.get("/reports/sie?from=2026-03-01&to=2026-03-31&download=1")
    assert response.data.startswith(b"#FLAGGA 0") and "attachment" in response.headers["Content-Disposition"]


# --- issue 20, item 7: the fiscal year, a stable voucher identity per day, exports recorded --------------

def test_rar_names_the_fiscal_year_from_the_shop_setting(session, till_days):
    assert "#RAR 0 20260101 20261231\r\n" in sie_text(session)
    set_setting(session, "fiscal_year_start_month", "7")
    assert "#RAR 0 20250701 20260630\r\n" in sie_text(session)
    set_setting(session, "fiscal_year_start_month", "13")  # unusable: the calendar year
    assert "#RAR 0 20260101 20261231\r\n" in sie_text(session)


def test_a_period_reaching_into_two_fiscal_years_is_refused(api_as, session, till_days):
    set_setting(session, "fiscal_year_start_month", "3")
    session.commit()
    response = api_as(Role.supervisor).get("/api/v1/exports/sie?from=2026-02-20&to=2026-03-31")
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "period_spans_fiscal_years"
    assert api_as(Role.supervisor).get("/api/v1/exports/sie?from=2026-03-01&to=2026-03-31").status_code == 200


def test_the_same_day_keeps_its_voucher_identity_whatever_the_period(session, till_days):
    day2_alone = parse(sie_text(session, period=Period(DAY2, DAY2)))
    assert [(v["series"], v["number"], v["text"]) for v in day2_alone] == [("K", "1", "Kassa SKH-1 Z2")]
    # Exported again in a longer period, and once more: Z2 is still K 1; Z1, new, takes the next number.
    for _ in range(2):
        march = parse(sie_text(session))
        assert [(v["series"], v["number"], v["text"]) for v in march] == [
            ("K", "2", "Kassa SKH-1 Z1"), ("K", "1", "Kassa SKH-1 Z2")]
    # A new series setting numbers new days only: days exported before keep theirs.
    set_setting(session, "sie_series", "KA")
    assert {(v["series"], v["number"]) for v in parse(sie_text(session))} == {("K", "2"), ("K", "1")}


def test_every_export_is_recorded_and_a_second_one_is_named_in_a_header(api_as, session, till_days):
    api = api_as(Role.supervisor, display_name="Karin Lindqvist")
    first = api.get("/api/v1/exports/sie?from=2026-03-05&to=2026-03-05")
    assert first.status_code == 200 and "Sie-Already-Exported" not in first.headers
    second = api.get("/api/v1/exports/sie?from=2026-03-01&to=2026-03-31")
    assert second.headers["Sie-Already-Exported"] == "K 1"
    assert second.data.startswith(b"#FLAGGA 0")  # the file itself is as ever
    records = {row.z_report_id: row for row in session.scalars(select(SieVoucher))}
    z1 = session.scalar(select(ZReport).where(ZReport.z_number == 1))
    assert records[z1.id].exports_count == 2 and records[z1.id].first_exported_by_id == api.user.id
    assert records[z1.id].last_exported_at >= records[z1.id].first_exported_at
    assert len(records) == 2


def test_the_page_warns_before_a_second_download_and_names_the_days(client, login_as, api_as, session, till_days):
    login_as(Role.admin, language="en")
    fresh = client.get("/reports/sie?from=2026-03-01&to=2026-03-31").get_data(as_text=True)
    assert 'id="sie-reexported"' not in fresh and "new" in fresh
    api_as(Role.supervisor, display_name="Karin Lindqvist").get("/api/v1/exports/sie?from=2026-03-05&to=2026-03-05")
    page = client.get("/reports/sie?from=2026-03-01&to=2026-03-31").get_data(as_text=True)
    warning = page[page.index('id="sie-reexported"'):]
    warning = warning[:warning.index("</div>")]
    assert "1 day in this period was exported before" in warning
    assert "Kassa SKH-1 Z1" in warning and "K 1" in warning and "Karin Lindqvist" in warning
    assert "Kassa SKH-1 Z2" not in warning


def test_the_page_refuses_a_period_across_fiscal_years_and_offers_no_download(client, login_as, session, till_days):
    set_setting(session, "fiscal_year_start_month", "3")
    session.commit()
    login_as(Role.admin, language="en")
    page = client.get("/reports/sie?from=2026-02-20&to=2026-03-31")
    assert page.status_code == 422 and "one fiscal year" in page.get_data(as_text=True)
    assert "download=1" not in page.get_data(as_text=True)
    assert client.get("/reports/sie?from=2026-02-20&to=2026-03-31&download=1").status_code == 422


def test_pysie_reads_the_fiscal_year(session, till_days, tmp_path):
    import pandas as pd
    from pysie_accounting.pysie import PySIE

    path = tmp_path / "kassa.se"
    path.write_bytes(sie_file(session))
    reader = PySIE()
    reader.sie_encoding = "cp437"
    reader.dftrans = pd.DataFrame({"SRU": pd.Series(dtype=int), "Ink2": pd.Series(dtype=str)})
    reader.open(str(path))
    assert reader.dfrar.to_dict("records") == [{"Year": "0", "Start": 20260101, "Stop": 20261231.0}]


@pytest.mark.server
def test_two_exports_at_once_give_each_day_one_identity(live_server, session, till_days, make_user):
    """Two downloads racing (real gunicorn workers): both files carry the same voucher numbers, each day is
    numbered once, and the series has no hole."""
    import threading

    import requests

    from boutique.auth.services import create_token

    token = create_token(session, make_user(Role.supervisor))
    session.commit()
    server = live_server(workers=4)
    racers = 8
    barrier, answers = threading.Barrier(racers), [None] * racers

    def download(index):
        barrier.wait()
        answers[index] = requests.get(server.url("/api/v1/exports/sie?from=2026-03-01&to=2026-03-31"), timeout=60,
                                      headers={"Authorization": f"Bearer {token}"})

    threads = [threading.Thread(target=download, args=(n,)) for n in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [answer.status_code for answer in answers] == [200] * racers
    identities = {tuple((v["series"], v["number"], v["text"]) for v in parse(answer.content.decode("cp437")))
                  for answer in answers}
    assert len(identities) == 1
    session.rollback()
    numbers = sorted(session.scalars(select(SieVoucher.number)))
    reexported = [answer.headers.get("Sie-Already-Exported") for answer in answers]
    reexported = [named for named in reexported if named]
    assert numbers == [1, 2] and reexported == ["K 1, K 2"] * (racers - 1)
