"""Steering: the plan, goals against actuals, management information, the result review, comparison figures."""
