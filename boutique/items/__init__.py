"""Items: one record per garment or object, its code, status and history."""
