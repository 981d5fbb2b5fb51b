"""実践事例 (practice cases): the national library of retention-support practice (issue 16).

The functional core only: the challenge list (challenges.py), the case and its fields
(case.py), the personal-information flagger (flags.py), search on normalised forms and
similar cases (finding.py), the exchange format teichaku.practices/1 (exchange.py) and the
fictional demo cases (seeds.py). The web app's ``teichaku.web.library`` is to be a shell
around these.
"""
