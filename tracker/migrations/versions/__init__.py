"""One module per schema revision; `down_revision` chains them. Bump store.schema.SCHEMA_HEAD too."""
