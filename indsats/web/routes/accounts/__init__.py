"""Accounts pages and API."""
