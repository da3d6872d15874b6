"""Domain services behind the GraphQL schema, free of Strawberry types."""
