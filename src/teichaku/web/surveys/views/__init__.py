"""Views: `public` for respondents, `desk` for research teams."""
