//! scrutineer-core's integration tests: one binary, one module per area.

mod analysis;
mod corpus;
mod import;
mod ingest;
mod metadata;
mod store;
mod structure;
