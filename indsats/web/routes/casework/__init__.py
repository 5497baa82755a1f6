"""Casework pages and API."""
