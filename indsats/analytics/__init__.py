"""KPIs over the weekly benefit panel (contracts/kpis.md), goal attainment and comparison."""
