"""Exports people use (issue 9 point 4): rankings and score ledgers as the offices publish
them, to CSV (UTF-8 with a byte-order mark, so Excel opens it in Chinese) and Excel."""
