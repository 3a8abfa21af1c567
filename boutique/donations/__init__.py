"""Donations: collections, drop-offs and pickups, and what they are split into."""
