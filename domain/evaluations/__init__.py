"""Evaluations (评价, DOMAIN.md §3): campaigns of mutual, democratic, public-satisfaction
and leadership evaluation, their ballots, and the anonymous tokens of the public."""
