"""Steering pages and API."""
