"""Views of the office app, one module per area; all go through `context.office_view`."""
