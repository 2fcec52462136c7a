//! Known facts: models. (Table to be filled in.)
