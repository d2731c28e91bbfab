"""The fake's REST routes, one module per Discord resource."""
