"""The Neo4j side of Lianxin: data model, Cypher, store, bundled server, demo graph."""
