"""Human-readable outputs: the self-contained HTML report and matplotlib plots with a CJK font."""
