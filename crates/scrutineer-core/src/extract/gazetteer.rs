//! A gazetteer of UK and Irish local authorities: official names, short forms and web domains.
