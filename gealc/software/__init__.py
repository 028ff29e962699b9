"""The catalogue of public software, and its publiccode.yml files."""
