"""Output: findings, how they are displayed, the report, rule docs and the reporters."""
