"""The category taxonomy every item is sorted into, with its VAT setting."""
