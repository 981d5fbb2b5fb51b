"""Coding pages, one module per job. Thin: every number comes from `teichaku.coding` /
`teichaku.tabulate`; every write goes through `teichaku.web.coding.services`."""
