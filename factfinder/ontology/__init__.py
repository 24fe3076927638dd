"""Ontologies and pattern tables as data files, with thin loaders beside them."""
