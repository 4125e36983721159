//! scrutineer-core's integration tests: one binary, one module per area.

mod actions;
mod analysis;
mod corpus;
mod fixture;
mod import;
mod ingest;
mod metadata;
mod samples;
mod seeds;
mod service;
mod store;
mod structure;
mod themes;
