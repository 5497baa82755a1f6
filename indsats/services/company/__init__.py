"""Company service: register, contacts, job orders, company centres, candidates, the company portal, matching."""
