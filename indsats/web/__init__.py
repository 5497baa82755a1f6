"""The web interface: FastAPI JSON API and server-rendered Danish pages (Jinja2 + htmx)."""
