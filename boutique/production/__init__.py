"""Redesign production lots: teams turn donated material into new goods."""
