"""The platform of RED GEALC."""
