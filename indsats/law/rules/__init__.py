"""The rules of the law engine, one module per area: contact process, offers, sickness."""
