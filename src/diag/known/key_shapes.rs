//! Known facts: key_shapes. (Table to be filled in.)
