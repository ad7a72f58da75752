"""Supervision cases (督办事项, DOMAIN.md §3 and seeds 003, 004): the case machine, its
default terms per attention level, and what is computed from a case rather than typed in
(overdue, missed progress reports)."""
