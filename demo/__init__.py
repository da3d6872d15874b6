"""The deterministic demo graph, one module per concept; `demo.seed` puts it together."""
