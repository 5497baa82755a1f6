"""The demo and synthetic municipalities: building them into the database, demo logins, company demo data."""
