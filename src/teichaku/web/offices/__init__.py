"""The retention-support office: people, contacts, reports, hand-over and the rate."""
