//! Charts: a chart is plain data ([`spec`]); renderers draw it ([`render`] with plotters for
//! PNG and SVG export).

pub mod palette;
pub mod render;
pub mod spec;
pub mod timeline;
