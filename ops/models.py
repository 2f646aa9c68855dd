"""No models: the module exists so Django sends this app `post_migrate` (see ops.statistics)."""
