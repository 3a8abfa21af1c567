"""Prices on the shelf: the markdown ladder by age and the colour tags that show it."""
