//! scrutineer-core's integration tests: one binary, one module per area.

mod analysis;
mod corpus;
mod heldout;
mod import;
mod ingest;
mod metadata;
mod samples;
mod store;
mod structure;
