"""Online surveys: the respondent's form and the research desk behind it."""
