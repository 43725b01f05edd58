"""Tracking implementation: project data in, items linked to projects, figures per indicator, ledgers out.

Data flow: ``projects`` (read project tables) → ``catalogue``/``track`` (figures, links) → ``ledger``;
``follow`` matches one report's targets to the next report's results.
"""
