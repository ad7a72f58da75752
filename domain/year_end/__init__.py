"""The year-end workflow of an assessment year (DOMAIN.md §6; seed 000's 三查三审一测评一公开):
its steps in order, their events on the year, and the rules of each step."""
