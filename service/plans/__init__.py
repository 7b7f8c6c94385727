"""Plans in the service: the persistent plan index, the post-extraction step that feeds it, and the
queries behind the analysts' API (suspected copies, side-by-side pairs, similar plans/rows, exports).
Calls :mod:`pipelines.plans`; holds no matching logic itself."""
