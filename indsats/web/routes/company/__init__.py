"""Company service pages and API."""
