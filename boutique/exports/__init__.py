"""Files for other programs: CSV for spreadsheets and SIE 4I for bookkeeping."""
