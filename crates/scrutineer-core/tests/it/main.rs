//! scrutineer-core's integration tests: one binary, one module per area.

mod corpus;
mod metadata;
