"""The reports' read side: each report's figures as selects, and the SQL pieces they share."""
