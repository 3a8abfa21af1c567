"""Two years of till history for the generator, day by day: receipts with item and manual lines, payments
(cash rounded to whole kronor), VAT rows, returns a few days later, and every till day closed with a
Z-report that balances against its receipts (cash + card + swish = net + rounding)."""

from collections import defaultdict
from datetime import timedelta

from bench.history import DAYS, FLOAT_ORE, METHOD_WEIGHTS, METHODS, RETURN_RATE
from boutique.core.money import markdown_price, round_cash


def _markdown(days_on_shelf: int) -> int:
    """The default ladder (−25 % after 3 weeks, −50 % after 6), as the till applies it."""
    return 50 if days_on_shelf >= 42 else 25 if days_on_shelf >= 21 else 0


class TillHistory:
    def __init__(self, history, sold: int):
        self.h, self.o, self.rng, self.w = history, history.out, history.rng, history.w
        self.sold = sold
        self.manual = max(0, history.lines_wanted - sold - int(sold * RETURN_RATE))
        self.sale_id = self.line_id = self.z_id = 0
        self.day_id = history.last_id("till_days")  # the open bench tills' days are already there
        self.receipt = defaultdict(int)  # till id -> last receipt number
        self.z_number = defaultdict(int)
        self.grand = defaultdict(lambda: [0, 0])  # till id -> [sales, returns]
        self.returns = defaultdict(list)  # day -> [(till, original sale, line id, item, category, asking, ...)]
        self.day_ids: dict[int, int] = {}
        self.figures: dict[int, dict] = {}

    def run(self) -> None:
        open_days = [self.h.first_day + timedelta(days=n) for n in range(DAYS)]
        open_days = [day for day in open_days if day.weekday() != 6]  # closed on Sundays
        for index, day in enumerate(open_days):
            share = lambda total, i=index: total * (i + 1) // len(open_days) - total * i // len(open_days)  # noqa: E731
            self._open(day)
            self._day_sales(day, share(self.sold), share(self.manual))
            for args in self.returns.pop(day, []):
                self._return(day, *args)
            self._close(day)
            if index % 60 == 0:
                self.h.progress(f"sales day {index:,}/{len(open_days):,}")
        made = self.h.made
        made.lines, made.receipts = self.line_id, self.sale_id
        for till_id, code, _ in self.w.tills:
            made.counters[f"receipt:{code}"] = self.receipt[till_id]
            made.counters[f"z:{code}"] = self.z_number[till_id]
        made.z_reports = self.z_id

    def _open(self, day) -> None:
        o = self.o
        opened = self.h.day_start(day) + timedelta(hours=9, minutes=30)
        closed = self.h.day_start(day) + timedelta(hours=18, minutes=30)
        self.closer = self.rng.choice(self.w.participants)
        for till_id, _, _ in self.w.tills:
            self.day_id += 1
            self.day_ids[till_id] = self.day_id
            o.add("till_days", (self.day_id, till_id, "closed", o.day(day), FLOAT_ORE, o.stamp(opened),
                                self.closer, o.stamp(closed), self.closer))
            self.figures[till_id] = {"receipts": 0, "sales": 0, "returns_count": 0, "returns": 0, "rounding": 0,
                                     "methods": {m: [0, 0] for m in METHODS}}

    def _receipt(self, day, till, *, is_return=False, original=None):
        till_id = till[0]
        self.sale_id += 1
        self.receipt[till_id] += 1
        return {"id": self.sale_id, "till": till, "number": self.receipt[till_id], "is_return": is_return,
                "original": original, "at": self.h._moment(day, 10, 18), "lines": []}

    def _day_sales(self, day, items: int, manual: int) -> None:
        rng = self.rng
        while items + manual > 0:
            till = rng.choice(self.w.tills)
            receipt = self._receipt(day, till)
            for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
                if items and (not manual or rng.random() < items / (items + manual)):
                    items -= 1
                    self._item_line(day, receipt)
                elif manual:
                    manual -= 1
                    category_id, name = rng.choice(self.w.small_goods)
                    price = rng.randrange(1, 6) * 1000
                    receipt["lines"].append((None, name, category_id, price, 0, price, False))
            if receipt["lines"]:
                self._write_receipt(day, receipt, rng.choices(METHODS, METHOD_WEIGHTS)[0])

    def _item_line(self, day, receipt) -> None:
        rng, h = self.rng, self.h
        waited = min(int(rng.expovariate(1 / 25)), 150)
        priced = self.h.day_start(day - timedelta(days=waited)) + timedelta(hours=rng.randrange(8, 10))
        returned_on = day + timedelta(days=rng.randrange(1, 8)) if rng.random() < RETURN_RATE else None
        if returned_on and (returned_on >= self.w.today or returned_on.weekday() == 6):
            returned_on = None
        status = "for_sale" if returned_on else "sold"
        item_id, category_id, location, price = h._new_item(
            status, priced - timedelta(days=rng.randrange(1, 10)), priced_at=priced,
            product=rng.random() < 0.02)
        markdown = _markdown(waited)
        charged = markdown_price(price, markdown)
        receipt["lines"].append((item_id, None, category_id, price, markdown, charged, bool(returned_on)))
        till = receipt["till"]
        h._event(item_id, "sold", "for_sale", "sold", receipt["at"], till[2],
                 {"sale_id": receipt["id"], "till": till[1], "receipt_number": receipt["number"]})
        if returned_on:
            self.returns[returned_on].append((receipt, item_id, category_id, price, markdown, charged, location))

    def _write_receipt(self, day, receipt, method) -> None:
        o, till = self.o, receipt["till"]
        total = 0
        for position, (item_id, name, category_id, asking, markdown, charged, returned) in enumerate(
                receipt["lines"], start=1):
            self.line_id += 1
            sign = -1 if receipt["is_return"] else 1
            original_line = receipt.get("original_line")
            o.add("sale_lines", (self.line_id, receipt["id"], position, item_id, name or "Plagg", category_id, 0,
                                 asking, markdown, charged, 0, sign * charged, o.flag(receipt["is_return"]),
                                 o.flag(False), o.flag(returned), original_line))
            if returned:
                receipt.setdefault("line_ids", {})[item_id] = self.line_id
            total += sign * charged
        paid = round_cash(total) if method == "cash" else total
        o.add("sales", (receipt["id"], till[0], self.day_ids[till[0]], receipt["number"], o.flag(False),
                        o.flag(receipt["is_return"]), receipt["original"], self.h.rng.choice(self.w.participants),
                        o.stamp(receipt["at"]), o.day(day), total, paid - total, 0, 0))
        o.add("payments", (receipt["id"], method, paid, paid if method == "cash" else None, 0))
        o.add("sale_vat", (receipt["id"], 0, total, 0))
        figures = self.figures[till[0]]
        if receipt["is_return"]:
            figures["returns_count"] += 1
            figures["returns"] += total
            figures["methods"][method][1] += paid
        else:
            figures["receipts"] += 1
            figures["sales"] += total
            figures["methods"][method][0] += paid
        figures["rounding"] += paid - total
        receipt["method"] = method

    def _return(self, day, original, item_id, category_id, asking, markdown, charged, location) -> None:
        receipt = self._receipt(day, original["till"], is_return=True, original=original["id"])
        receipt["original_line"] = original["line_ids"][item_id]
        receipt["lines"].append((item_id, None, category_id, asking, markdown, charged, False))
        self._write_receipt(day, receipt, original["method"])
        self.h._event(item_id, "returned", "sold", "for_sale", receipt["at"], location,
                      {"sale_id": receipt["id"], "receipt_number": receipt["number"]})
        self.o.add("label_prints", (item_id, asking, self.o.stamp(receipt["at"]), self.rng.choice(self.w.participants)))
        self.h.made.returns += 1

    def _close(self, day) -> None:
        o = self.o
        opened = self.h.day_start(day) + timedelta(hours=9, minutes=30)
        closed = self.h.day_start(day) + timedelta(hours=18, minutes=30)
        for till_id, _, _ in self.w.tills:
            f = self.figures[till_id]
            user = self.closer
            self.z_id += 1
            self.z_number[till_id] += 1
            grand = self.grand[till_id]
            grand[0] += f["sales"]
            grand[1] += f["returns"]
            net = {m: sales + returns for m, (sales, returns) in f["methods"].items()}
            expected = FLOAT_ORE + net["cash"]
            o.add("z_reports", (
                self.z_id, till_id, self.day_ids[till_id], self.z_number[till_id], o.day(day), o.stamp(opened),
                o.stamp(closed), user, FLOAT_ORE, f["receipts"], f["sales"], f["returns_count"], f["returns"],
                f["sales"] + f["returns"], 0, 0, 0, f["rounding"], net["cash"], net["card"], net["swish"],
                0, 0, 0, 0, 0, 0,  # copies, unfinished sales (count, amount) and training: none in the history
                expected, expected, 0, None, grand[0], grand[1], grand[0] + grand[1]))
            o.add("z_report_vat", (self.z_id, 0, f["sales"], f["returns"], f["sales"] + f["returns"], 0,
                                   f["sales"] + f["returns"]))
            for method, (sales, returns) in f["methods"].items():
                o.add("z_report_payments", (self.z_id, method, sales, returns, sales + returns))
