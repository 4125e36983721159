//! Analysis: themes (a codebook the user owns), timelines, trends, council comparisons, figures
//! classified into metrics, tracked actions, keyword in context, emergent themes.
//!
//! Pure functions over records the store loads: no SQL here. Time and configuration are passed
//! in, never read from the clock.
