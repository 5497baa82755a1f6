"""The citizen's own pages (Min sag, Mit CV, Joblog, Min plan, Beskeder, Fravær) and the caseworker's view
of them. ``router`` holds the routes of the modules."""

from fastapi import APIRouter

from . import absence_pages, booking_pages, cv_pages, own_pages, self_service_pages, staff_pages

router = APIRouter()
router.routes.extend(own_pages.router.routes + cv_pages.router.routes + self_service_pages.router.routes
                     + staff_pages.router.routes + absence_pages.router.routes
                     + booking_pages.router.routes)
