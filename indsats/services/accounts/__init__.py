"""Accounts: users, log-in, sessions, who may read what, and the audit log."""
