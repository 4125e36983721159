//! The visible text of a web page saved from a council website.
