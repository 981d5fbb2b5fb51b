"""Research teams and their members' roles."""
