"""Pure functions of an office's daily retention-support work that are not reward rules:
contact requirements, alerts, report drafts, hand-over completeness, role division."""
