"""Shipped rule-set files (data only)."""
