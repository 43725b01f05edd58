"""Corpus scale: many documents as DataFrames, batch runs on all cores or on Dask."""
