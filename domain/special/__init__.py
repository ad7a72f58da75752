"""Special assessments (专项考核, seed 001: sixteen of them merged into the county's
assessment): each one's results per unit, imported from a table all or nothing."""
