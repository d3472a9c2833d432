//! The app's views: each draws from the app's state and changes only settings; the queries
//! the changes call for are submitted after the frame is drawn.

pub mod data;
pub mod export;
pub mod load;
pub mod shots;
pub mod tracking;

/// A text field's accessible name and visible label in one: screen readers and UI tests find
/// the field by it.
pub(crate) fn labelled_text(
    ui: &mut egui::Ui,
    label: &str,
    text: &mut String,
    hint: &str,
) -> egui::Response {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .id_salt(("field", label))
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id)
}
