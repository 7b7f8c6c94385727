"""HTTP API: ``/api/...`` routes, all behind bearer-token auth."""
