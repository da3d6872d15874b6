"""Every Cypher statement Lianxin runs, as named constants with $parameters, one module per concern.

Labels and relationship types cannot be parameters in Cypher, so a few statements are
templates filled from the closed enums in `graph.model`, never from user input.

Callers import the names they use (`from graph.cypher.feed import EVENTS_AFTER`); where such a
name is already taken in the caller, they import the module as `<concern>_cypher`.
"""
