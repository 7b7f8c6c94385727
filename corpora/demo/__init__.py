"""Demo set and document builders: ``python -m corpora.demo --out var/demo``."""
