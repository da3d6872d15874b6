"""The HTTP edge: the Starlette app, authentication, and every route it serves."""
