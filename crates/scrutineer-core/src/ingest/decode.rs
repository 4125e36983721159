//! Text decoding: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, Windows-1252 fallback.
