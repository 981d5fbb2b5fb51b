"""就労定着支援 rules as versioned data and pure functions: periods, 就労定着率, reward."""
