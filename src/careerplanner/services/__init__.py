"""Use cases over the store: plain functions taking a Store and returning dataclasses.

No Qt here.
"""
