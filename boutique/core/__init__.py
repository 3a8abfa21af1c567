"""Shared ground every area stands on: database, money, time, counters, limits, errors. Imports no
feature and no Flask request."""
