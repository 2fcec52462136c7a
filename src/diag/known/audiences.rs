//! Known facts: audiences. (Table to be filled in.)
