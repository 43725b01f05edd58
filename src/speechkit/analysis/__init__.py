"""Analyses researchers run over documents and corpora: keywords, concordance, series, comparisons."""
