"""Signed POSTs of new answers and a survey's closing to its owner's URLs (docs/webhooks.md)."""
