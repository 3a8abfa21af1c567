"""The till's verbs: sell, return, open and close a day, count the drawer, the cart, the cashier.
They flush, never commit, and raise DomainError."""
