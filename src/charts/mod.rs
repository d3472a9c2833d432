//! Charts: a chart is plain data ([`spec`], [`timeline`]); renderers draw it: [`render`] with
//! plotters for PNG and SVG export, [`egui`] on screen, from the same data and colours.

pub mod egui;
pub mod palette;
pub mod render;
pub mod spec;
pub mod timeline;
pub mod tracking;
