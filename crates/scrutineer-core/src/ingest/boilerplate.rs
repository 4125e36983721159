//! Running headers, footers and page numbers: recognised across pages and kept out of the body.
