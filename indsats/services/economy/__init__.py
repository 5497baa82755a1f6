"""The economy context: expenditure and the reimbursement staircase from the weekly panel,
budgets, actuals and forecasts (docs/ECONOMY.md)."""
