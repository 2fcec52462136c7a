//! Known facts: api_versions. (Table to be filled in.)
