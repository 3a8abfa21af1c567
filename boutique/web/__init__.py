"""Request plumbing every page and API call shares: access, security, error pages, navigation,
templating, languages, forms. Imports no feature."""
