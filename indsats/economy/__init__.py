"""Money from the weekly panel: the reimbursement staircase (refusionstrappen) of lov om
kommunernes finansiering af visse offentlige ydelser §§ 5-6, benefit rates (satser) and the
contract's expenditure object (shared/contracts/economy.md). Pure: no web framework, no
SQLAlchemy; the computation is written once in Ibis (``staircase_engine``)."""
