//! Opening data: files and folders of Parquet, CSV and NDJSON, recognised and mapped to the
//! canonical tables of SPEC 2. This is the only module that knows file formats.

pub mod adapters;
pub mod baseline;
pub mod coded;
pub mod csv;
pub mod error;
pub mod follow;
pub mod frame;
pub mod mapping;
pub mod open;
pub mod quality;
pub mod schema;
pub mod source;
pub mod table;

pub use error::{DataError, Result};
pub use open::{OpenOptions, columns_of, open, open_bytes};
pub use schema::TableKind;
pub use table::{ColumnSource, Table};
