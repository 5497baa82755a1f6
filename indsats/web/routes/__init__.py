"""One router per area; registered in ``indsats.web.app.ROUTE_MODULES``."""
