"""The citizen's own pages (Min sag, Mit CV, Joblog, Min plan, Beskeder, Fravær) and the caseworker's view
of them. ``router`` holds the routes of the modules."""

from fastapi import APIRouter

from . import own_pages

router = APIRouter()
router.routes.extend(own_pages.router.routes)
