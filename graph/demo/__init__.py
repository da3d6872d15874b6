"""The deterministic demo graph, one module per concept; `graph.seed` puts it together."""
